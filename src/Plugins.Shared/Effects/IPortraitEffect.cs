using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Effects;

/// <summary>A named mask produced by an effect (e.g. "skin", "healed blemishes"), one plane in [0, 1].</summary>
public sealed record NamedMask(string Name, PlanarImage Mask);

/// <summary>What an effect returns: the result image, its masks, and a message for the user (e.g. "no face found").</summary>
public sealed record EffectResult(PlanarImage Image, IReadOnlyList<NamedMask> Masks, string? Message = null);

/// <summary>
/// The effect contract shared by every host. <see cref="Analyze"/> finds faces and masks once
/// (cacheable per source image); <see cref="Render"/> re-runs on every parameter change.
/// A preview is the same path on a smaller image.
/// </summary>
public interface IPortraitEffect<TAnalysis> where TAnalysis : class
{
    string Name { get; }
    IReadOnlyList<EffectParameter> Parameters { get; }
    TAnalysis Analyze(PlanarImage image, CancellationToken cancellation = default);
    EffectResult Render(PlanarImage image, TAnalysis analysis, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default);
}
