using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Standalone.Faces;

namespace RetouchPlugins.Tests.Faces;

/// <summary>
/// The six sample photos analyzed once for a test class (the analysis is the slow part), with an overlay
/// of each written to retouch-faces/sampleN-analysis.png in the temp folder for a person to look at.
/// </summary>
public sealed class AnalyzerFixture : IDisposable
{
    private readonly PortraitAnalyzer _analyzer = PortraitAnalyzer.Open();
    private readonly Lazy<PortraitAnalysis>[] _analyses;

    public AnalyzerFixture()
    {
        _analyses = Enumerable.Range(1, 6).Select(i => new Lazy<PortraitAnalysis>(() => Analyze(i))).ToArray();
    }

    public PortraitAnalysis Analysis(int sample) => _analyses[sample - 1].Value;

    private PortraitAnalysis Analyze(int sample)
    {
        var photo = FaceTestData.Photo(sample);
        var analysis = _analyzer.Analyze(photo, null);
        ImageFile.SavePng(AnalysisOverlay.Draw(photo, analysis), Path.Combine(FaceTestData.OutputFolder(), $"sample{sample}-analysis.png"));
        return analysis;
    }

    public void Dispose() => _analyzer.Dispose();
}
