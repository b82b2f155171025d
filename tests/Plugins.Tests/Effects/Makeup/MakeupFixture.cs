using RetouchPlugins.Benchmarks.Makeup;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Faces;

namespace RetouchPlugins.Tests.Effects.Makeup;

/// <summary>
/// The demo photos analysed once (faces and mesh only: the makeup effect needs no person or body skin), and
/// the makeup references: single-face crops of demo faces with visible makeup, saved as PNG files (so a
/// reference has a real path) and analysed like any reference photo.
/// </summary>
public sealed class MakeupFixture : IDisposable
{
    private static readonly AnalyzerOptions FacesOnly = new() { PersonMask = false, BodySkin = false };
    private readonly PortraitAnalyzer _analyzer = PortraitAnalyzer.Open();
    private readonly Lazy<PortraitAnalysis>[] _analyses;
    private readonly Dictionary<string, Lazy<MakeupReference>> _references;
    private readonly object _gate = new();

    /// <summary>The reference faces (<see cref="MakeupReferences.Faces"/>).</summary>
    public static IReadOnlyDictionary<string, (int Sample, float X, float Y, string Makeup)> ReferenceFaces => MakeupReferences.Faces;

    public MakeupFixture()
    {
        _analyses = Enumerable.Range(1, 6).Select(i => new Lazy<PortraitAnalysis>(() => Analyze(FaceTestData.Photo(i)))).ToArray();
        _references = ReferenceFaces.Keys.ToDictionary(k => k, k => new Lazy<MakeupReference>(() => MakeReference(k)));
    }

    public PortraitAnalysis Analysis(int sample) => _analyses[sample - 1].Value;

    public MakeupReference Reference(string name) => _references[name].Value;

    public PortraitAnalysis Analyze(PlanarImage image)
    {
        lock (_gate) return _analyzer.Analyze(image, FacesOnly);
    }

    private MakeupReference MakeReference(string name)
    {
        int sample = ReferenceFaces[name].Sample;
        return MakeupReferences.Make(name, FaceTestData.Photo(sample), Analysis(sample), Analyze, FaceTestData.OutputFolder());
    }

    public void Dispose() => _analyzer.Dispose();
}
