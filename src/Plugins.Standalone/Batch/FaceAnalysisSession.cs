using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Standalone.Batch;

/// <summary>
/// A face analyzer for a batch: the analysis function and whatever holds its models.
/// <see cref="OpenDefault"/> is the one place that names the analyzer the batch uses.
/// </summary>
public sealed class FaceAnalysisSession(PortraitAnalyze analyze, IDisposable? owner = null) : IDisposable
{
    public PortraitAnalysis Analyze(PlanarImage image, CancellationToken cancellation) => analyze(image, cancellation);

    public void Dispose() => owner?.Dispose();

    public static FaceAnalysisSession OpenDefault() => OpenDefault(null);

    /// <summary>The default analyzer, with body skin from <paramref name="parsing"/>'s human-parsing model when given.</summary>
    public static FaceAnalysisSession OpenDefault(ParsingOptions? parsing)
    {
        var analyzer = PortraitAnalyzer.Open(parsing: parsing);
        return new FaceAnalysisSession(analyzer.Analyze, analyzer);
    }
}
