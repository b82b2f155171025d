using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>The project's own face analysis (detector, mesh, regions, u2netp person mask, body skin), as every host runs it.</summary>
public sealed class PortraitAnalyzerSource : IPortraitAnalysisSource, IDisposable
{
    private readonly PortraitAnalyzer _analyzer = PortraitAnalyzer.Open();

    public string Description => "PortraitAnalyzer (RetinaFace, 468-point mesh, FaceRegions face skin, u2netp person mask), default options";

    public PortraitAnalysis Analyze(PlanarImage photo) => _analyzer.Analyze(photo, CancellationToken.None);

    public void Dispose() => _analyzer.Dispose();
}
