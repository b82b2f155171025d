using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// What the skin effects share: analysis through the host's analyzer, and a Render that works on one copy
/// of the image. <see cref="SkinPipeline"/> chains the effects on a single copy through RenderInPlace.
/// </summary>
public abstract class InPlaceSkinEffect(PortraitAnalyze? analyze) : IPortraitEffect<PortraitAnalysis>
{
    public abstract string Name { get; }
    public abstract IReadOnlyList<EffectParameter> Parameters { get; }

    public PortraitAnalysis Analyze(PlanarImage image, CancellationToken cancellation = default) =>
        AnalyzeGuard.Run(analyze, image, cancellation, Name);

    public EffectResult Render(PlanarImage image, PortraitAnalysis analysis, EffectSettings settings,
        IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        AnalyzeGuard.CheckSize(image, analysis);
        return RenderInPlace(image.Clone(), analysis, settings, progress, cancellation);
    }

    /// <summary>As <see cref="Render"/>, modifying <paramref name="output"/> (a copy the caller owns) instead of cloning.</summary>
    internal abstract EffectResult RenderInPlace(PlanarImage output, PortraitAnalysis analysis, EffectSettings settings,
        IProgress<double>? progress = null, CancellationToken cancellation = default);
}
