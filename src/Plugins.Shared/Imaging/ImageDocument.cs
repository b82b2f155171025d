using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// A decoded photo: upright pixels as float planes plus what must survive a save (bit depth, ICC profile, EXIF, XMP,
/// IPTC: a photographer's copyright, credit and caption live in the last two).
/// </summary>
/// <param name="Pixels">R, G, B (and A when present) planes in [0, 1]; grey files are expanded to RGB.</param>
/// <param name="BitsPerSample">8 or 16: the precision of the source (16-bit files keep all 16 bits in the floats).</param>
/// <param name="IccProfile">The embedded colour profile, or null (then the pixels are assumed sRGB).</param>
/// <param name="Exif">The raw EXIF block as libvips stores it, with its orientation tag already reset to 1 when the pixels were rotated.</param>
/// <param name="SourceFormat">The format the file was read from.</param>
/// <param name="OriginalOrientation">The EXIF orientation (1..8) the file had; 1 when absent.</param>
public sealed record ImageDocument(
    PlanarImage Pixels,
    int BitsPerSample,
    byte[]? IccProfile,
    byte[]? Exif,
    ImageFormat SourceFormat,
    int OriginalOrientation = 1)
{
    public int Width => Pixels.Width;
    public int Height => Pixels.Height;
    public bool HasAlpha => Pixels.Channels == 4;

    /// <summary>The XMP packet as the file had it (orientation set to 1 when the pixels were rotated), or null.</summary>
    public byte[]? Xmp { get; init; }

    /// <summary>The IPTC block (JPEG: the Photoshop APP13 resource block libvips reads), or null.</summary>
    public byte[]? Iptc { get; init; }

    /// <summary>
    /// The Photoshop document the photo is the picture of, or null: a PSD result is written as that document with the
    /// result and masks added on top of its own layers, which stay byte for byte.
    /// </summary>
    public Layers.Psd.PsdSource? Photoshop { get; init; }

    /// <summary>
    /// The layers of the multi-page TIFF the photo is the visible composite of, or null (<see cref="Layers.LayeredPhoto"/>):
    /// a layered result keeps them with the new layers on top.
    /// </summary>
    public Layers.LayerDocument? Layers { get; init; }

    /// <summary>A new document with the same metadata around other pixels (e.g. an effect's result).</summary>
    public ImageDocument WithPixels(PlanarImage pixels) => this with { Pixels = pixels };
}
