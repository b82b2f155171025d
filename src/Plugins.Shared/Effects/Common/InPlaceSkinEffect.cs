using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>An effect that can work on a copy the caller owns; a <see cref="EffectRecipe"/> chains such steps on one copy.</summary>
public interface IInPlaceEffect : IPortraitEffect
{
    /// <summary>
    /// As <see cref="IPortraitEffect.Render"/>, modifying <paramref name="output"/> (the image so far, which the caller
    /// owns). It reads the photo from <paramref name="output"/>, never from <see cref="EffectInput.Image"/>: on a flat
    /// file's run the two are one (<see cref="EffectInput.ImageIsScratch"/>).
    /// </summary>
    EffectResult RenderInPlace(PlanarImage output, EffectInput input, EffectSettings settings,
        IProgress<double>? progress = null, CancellationToken cancellation = default);

    /// <summary>
    /// The analysis' whole-photo masks a render with <paramref name="settings"/> reads. They are built before a render
    /// into the photo itself changes it (<see cref="EffectInput.WorkingImage"/>); none costs a 24 MP run nothing, where
    /// keeping the photo's luma for masks that might be asked for cost a full-size plane.
    /// </summary>
    WholePhotoMasks WholePhotoMasksRead(EffectSettings settings);
}

/// <summary>
/// What the skin effects share: the face analysis is checked, a photo without faces comes back unchanged
/// with <see cref="FaceEffects.NoFaces"/>, Render works on one copy, and a selection limits the change.
/// </summary>
public abstract class InPlaceSkinEffect : IInPlaceEffect
{
    public abstract EffectDescriptor Descriptor { get; }

    public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        var result = RenderInPlace(input.WorkingImage(WholePhotoMasksRead(settings)), input, settings, progress, cancellation);
        return Selection.Limit(input, result);
    }

    public EffectResult RenderInPlace(PlanarImage output, EffectInput input, EffectSettings settings,
        IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        var analysis = FaceEffects.Check(input, Descriptor);
        if (!analysis.HasFaces) return new EffectResult(output, [], FaceEffects.NoFaces);
        return Apply(output, analysis, input, settings, progress, cancellation);
    }

    public abstract WholePhotoMasks WholePhotoMasksRead(EffectSettings settings);

    /// <summary>The effect on a photo with faces, in place on <paramref name="output"/>.</summary>
    protected abstract EffectResult Apply(PlanarImage output, PortraitAnalysis analysis, EffectInput input, EffectSettings settings,
        IProgress<double>? progress, CancellationToken cancellation);
}

/// <summary>The user's selection: outside it (value 0) the result is the input bit for bit, on its soft edge a mix.</summary>
public static class Selection
{
    public static EffectResult Limit(EffectInput input, EffectResult result)
    {
        if (input.Selection is not { } selection) return result;
        if (!selection.SameSize(input.Image) || selection.Channels != 1)
            throw new ArgumentException($"the selection is {selection.Width}x{selection.Height}x{selection.Channels}; the image is {input.Image.Width}x{input.Image.Height} (one plane needed)");
        var image = result.Image;
        int channels = Math.Min(image.Channels, input.Image.Channels);
        for (int c = 0; c < channels; c++)
        {
            var dst = image.Plane(c); var src = input.Image.Plane(c);
            for (int i = 0; i < dst.Length; i++)
            {
                float k = selection.Data[i];
                if (k <= 0) dst[i] = src[i];
                else if (k < 1) dst[i] = src[i] + k * (dst[i] - src[i]);
            }
        }
        return result;
    }
}
