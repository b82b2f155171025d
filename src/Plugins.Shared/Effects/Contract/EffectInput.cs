using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging.Jpeg;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// What an effect renders from: the image (RGB or RGBA planes in [0, 1]; never modified), the analysis its
/// descriptor asked for (null when it asked for none), the host's resources for file parameters (user models,
/// reference photos) and an optional selection (one plane in [0, 1]: the effect changes nothing where it is 0).
/// </summary>
public sealed record EffectInput(PlanarImage Image, PortraitAnalysis? Analysis, EffectResources? Resources = null, PlanarImage? Selection = null)
{
    /// <summary>
    /// A live preview: the host will render this same input (the same image, analysis and selection objects) again on
    /// the same effect instance as sliders move, so the effect may keep slider-independent work between renders.
    /// Hosts leave it false for one-off renders (a file, a batch), where keeping anything would only cost memory.
    /// </summary>
    public bool LivePreview { get; init; }

    /// <summary>
    /// The host reads <see cref="Image"/> no more once Render has begun (a run to a flat file: only the result is written).
    /// An in-place effect (<see cref="IInPlaceEffect"/>: it reads the photo from the image it writes) then renders into
    /// Image itself instead of a copy (<see cref="WorkingImage"/>): at 24 MP one copy is 288 MB of fresh memory.
    /// Without a selection only (the selection's limit reads the original).
    /// </summary>
    public bool ImageIsScratch { get; init; }

    /// <summary>
    /// False when the host shows and writes no mask (a flat file without a mask folder): an effect may then leave out the
    /// masks that exist only to be shown (the evening's skin and blend layer, two full-size planes) and return fewer. The
    /// image is the same either way.
    /// </summary>
    public bool MasksWanted { get; init; } = true;

    /// <summary>
    /// The planes an in-place effect starts from: Image itself when it may be written (see <see cref="ImageIsScratch"/>),
    /// once the analysis has let go of it (<see cref="PortraitAnalysis.ReleasePhoto"/>); else a copy.
    /// </summary>
    /// <param name="stillRead">The whole-photo masks the effect reads from now on (<see cref="IInPlaceEffect.WholePhotoMasksRead"/>):
    /// built before the photo changes. Reading another one not built yet then throws.</param>
    public PlanarImage WorkingImage(WholePhotoMasks stillRead)
    {
        if (!ImageIsScratch || Selection is not null) return Image.Clone();
        Analysis?.ReleasePhoto(stillRead);
        return Image;
    }

    /// <summary>
    /// The file the image was decoded from (EXIF orientation applied, not scaled or edited since), so an effect may read
    /// what the pixels no longer say (a JPEG's quantisation tables). Set by EffectRunner (CLI, batch); null for pixels
    /// from elsewhere. An effect must check that the file still matches the image before relying on its geometry.
    /// </summary>
    public string? SourceFile { get; init; }

    /// <summary>
    /// The JPEG header of the bytes the image was decoded from when the host holds them but no file (a web upload);
    /// read only when <see cref="SourceFile"/> is null. The same caveat: check that it still matches the image.
    /// </summary>
    public JpegHeader? SourceJpeg { get; init; }

    /// <summary>The analysis, or a clear error when the host gave none although the effect needs it.</summary>
    public PortraitAnalysis RequireAnalysis(EffectDescriptor effect)
    {
        var analysis = Analysis ?? throw new InvalidOperationException($"{effect.Label}: the host gave no face analysis; it needs {effect.Needs}");
        if (Image.Width != analysis.Width || Image.Height != analysis.Height)
            throw new ArgumentException($"the analysis is for a {analysis.Width}x{analysis.Height} image, the image is {Image.Width}x{Image.Height}");
        return analysis;
    }

    /// <summary>The resources, or a clear error.</summary>
    public EffectResources RequireResources(EffectDescriptor effect) =>
        Resources ?? throw new InvalidOperationException($"{effect.Label}: the host gave no resources for its file parameters");
}
