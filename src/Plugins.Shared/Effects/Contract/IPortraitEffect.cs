using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The effect contract shared by every host. The host analyses the photo once (as the
/// <see cref="EffectDescriptor.Needs"/> ask, through its <see cref="IAnalysisProvider"/>) and calls
/// <see cref="Render"/> on every parameter change; a preview is the same call on a smaller image.
/// Render never modifies <see cref="EffectInput.Image"/>.
/// </summary>
public interface IPortraitEffect
{
    EffectDescriptor Descriptor { get; }

    EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default);
}

/// <summary>A mask an effect produced, of a kind its descriptor declares; one plane in [0, 1] at the image's size.</summary>
public sealed record NamedMask(MaskKind Kind, PlanarImage Mask)
{
    public string Name => Kind.Id;
}

/// <summary>What an effect returns: the result image, its masks, and a message for the user (e.g. "no face found").</summary>
public sealed record EffectResult(PlanarImage Image, IReadOnlyList<NamedMask> Masks, string? Message = null)
{
    /// <summary>The mask of <paramref name="kind"/>, or null.</summary>
    public PlanarImage? Mask(MaskKind kind) => Masks.FirstOrDefault(m => m.Kind == kind)?.Mask;
}

/// <summary>Shorthands for callers that hold the image and its analysis (tests, benchmarks, previews).</summary>
public static class PortraitEffectExtensions
{
    public static EffectResult Render(this IPortraitEffect effect, PlanarImage image, Faces.PortraitAnalysis? analysis, EffectSettings? settings = null,
        IProgress<double>? progress = null, CancellationToken cancellation = default) =>
        effect.Render(new EffectInput(image, analysis), settings ?? effect.Descriptor.DefaultSettings(), progress, cancellation);

    /// <summary>Default settings of this effect.</summary>
    public static EffectSettings Defaults(this IPortraitEffect effect) => effect.Descriptor.DefaultSettings();
}
