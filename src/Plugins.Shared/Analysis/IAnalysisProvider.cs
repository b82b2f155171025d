using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Analysis;

/// <summary>
/// The one place a host gets analyses from: every effect of a photo shares them, and a slider move never
/// re-analyses. Implementations are safe to call from several threads.
/// </summary>
public interface IAnalysisProvider
{
    PortraitAnalysis Analyze(PlanarImage image, AnalysisRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default);

    /// <summary>
    /// Gets ready for <paramref name="request"/> (opens the models) without a photo, so a host can do it while the
    /// photo decodes; the first Analyze then starts at once. Errors are left for Analyze to report.
    /// </summary>
    void Prepare(AnalysisRequest request) { }
}

/// <summary>An analysis function (tests: hand-placed faces) as a provider; the request is ignored.</summary>
public sealed class DelegateAnalysisProvider(PortraitAnalyze analyze) : IAnalysisProvider
{
    public PortraitAnalysis Analyze(PlanarImage image, AnalysisRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        var analysis = analyze(image, cancellation);
        progress?.Report(1);
        return analysis;
    }
}
