using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Dewrinkle;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Masks;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The de-wrinkled photo, the garment mask it used (null when there was none), a message for the user, and for
/// diagnostics the fold weight W at the working size over the garment's bounding box (0 = kept, 1 = fold band removed).
/// </summary>
public sealed record DewrinkleOutcome(PlanarImage Image, PlanarImage? GarmentMask, string? Message = null, PlanarImage? FoldWeight = null);

/// <summary>
/// Garment de-wrinkle at a working resolution. The garment (automatic mask or the user's) is cropped, the
/// crop is area-downsampled until the person is about <see cref="DewrinkleSettings.WorkingHeight"/> pixels
/// tall, <see cref="FoldFlattening"/> computes the change of log luminance there, and that smooth change travels
/// to full resolution (<see cref="LogLuminanceChange"/>), applied as a luminance ratio by mask x strength.
/// The weave at full resolution is never filtered. Where the mask is 0 the output is the input bit for bit.
/// </summary>
public static class GarmentDewrinkle
{
    /// <summary>Faces but no person mask, or no analysis at all, and no user mask. (No face at all: <see cref="FaceEffects.NoFaces"/>.)</summary>
    public const string NoPerson = "no person found: the photo is returned unchanged (give a garment mask to de-wrinkle anyway)";
    public const string EmptyMask = "the garment mask is empty: the photo is returned unchanged";

    /// <param name="image">RGB or RGBA planes in [0, 1]; not modified.</param>
    /// <param name="analysis">Faces and person mask (may be null when <paramref name="userMask"/> is given).</param>
    /// <param name="userMask">The user's selection, one plane of the image's size; replaces the automatic mask.</param>
    public static DewrinkleOutcome Render(PlanarImage image, PortraitAnalysis? analysis, DewrinkleSettings settings, PlanarImage? userMask = null,
        IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        settings.Validate();
        if (image.Channels < 3) throw new ArgumentException($"de-wrinkle needs an RGB image, got {image.Channels} plane(s)");
        if (analysis is not null && (analysis.Width != image.Width || analysis.Height != image.Height))
            throw new ArgumentException($"the analysis is for a {analysis.Width}x{analysis.Height} image, the image is {image.Width}x{image.Height}");
        if (userMask is not null && (!userMask.SameSize(image) || userMask.Channels != 1))
            throw new ArgumentException($"the garment mask is {userMask.Width}x{userMask.Height}x{userMask.Channels}; the image is {image.Width}x{image.Height} (one plane needed)");

        cancellation.ThrowIfCancellationRequested();
        if (userMask is null && analysis is { HasFaces: false }) return new DewrinkleOutcome(image.Clone(), null, FaceEffects.NoFaces);
        var mask = userMask ?? (analysis is null ? null : GarmentMask.FromAnalysis(image, analysis));
        if (mask is null) return new DewrinkleOutcome(image.Clone(), null, NoPerson);
        progress?.Report(0.2);
        var bounds = MaskMath.Bounds(mask);
        if (bounds is null) return new DewrinkleOutcome(image.Clone(), mask, EmptyMask);
        var output = image.Clone();
        if (settings.Strength == 0) return new DewrinkleOutcome(output, mask);
        cancellation.ThrowIfCancellationRequested();

        var (x, y, w, h) = bounds.Value;
        float personHeight = PersonScale.PersonHeight(analysis, h, image.Height);
        // The crop reaches past the mask by the widest filter, so the fold scales see the garment's surroundings as the whole photo would.
        int margin = (int)MathF.Ceiling(0.04f * personHeight);
        int cx0 = Math.Max(0, x - margin), cy0 = Math.Max(0, y - margin);
        int cx1 = Math.Min(image.Width, x + w + margin), cy1 = Math.Min(image.Height, y + h + margin);
        var region = new PixelRect(cx0, cy0, cx1 - cx0, cy1 - cy0);

        // Read in place, no crop copied: at 24 MP the garment's crop alone was a few hundred MB.
        float scale = MathF.Min(1f, settings.WorkingHeight / personHeight);
        int lw = Math.Max(1, (int)MathF.Round(region.Width * scale)), lh = Math.Max(1, (int)MathF.Round(region.Height * scale));
        var low = Resample.AreaDownsample(image, region, lw, lh, 3);
        var lowMask = Resample.AreaDownsample(mask, region, lw, lh, 1);
        var layer = FoldFlattening.Render(low, lowMask, new FoldFlatteningOptions
        {
            PersonHeight = personHeight * lw / region.Width,
            Fine = settings.Fine, Coarse = settings.Coarse, Protect = settings.Protect,
        }, cancellation);
        progress?.Report(0.7);
        cancellation.ThrowIfCancellationRequested();

        LogLuminanceChange.ApplyInside(output, layer.LogChange, mask, region, settings.Strength);
        progress?.Report(1);
        return new DewrinkleOutcome(output, mask, null, layer.FoldWeight);
    }
}
