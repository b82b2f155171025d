namespace RetouchPlugins.Shared.Imaging;

/// <summary>What an image file's header says, read without decoding the pixels.</summary>
/// <param name="Width">Width as displayed, i.e. after the EXIF orientation is applied.</param>
/// <param name="Height">Height as displayed.</param>
/// <param name="Channels">Samples per pixel in the file (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA or CMYK).</param>
/// <param name="BitsPerSample">8, 16, 32 (float) ...</param>
/// <param name="Orientation">The EXIF orientation tag 1..8 (1 when absent).</param>
/// <param name="IccProfile">The embedded ICC profile, or null.</param>
/// <param name="Loader">The libvips loader that reads it (e.g. "jpegload").</param>
public sealed record ImageInfo(
    int Width, int Height, int Channels, int BitsPerSample, int Orientation,
    byte[]? IccProfile, ImageFormat Format, string Loader, string Interpretation)
{
    /// <summary>
    /// Bytes a load holds besides the pixels: a Photoshop document's merged image, read whole while it is decoded (the
    /// rest of the document is read in place).
    /// </summary>
    public long SourceBytesHeld { get; init; }

    /// <summary>
    /// The file's EXIF block ("Exif\0\0" and a TIFF structure), or null: libvips' from a JPEG, PNG, WebP or AVIF header,
    /// ours from a TIFF's IFDs (<see cref="TiffExif"/>) or a Photoshop document's resource 1058. A camera's Adobe RGB JPEG
    /// declares its colour space there.
    /// </summary>
    public byte[]? Exif { get; init; }

    /// <summary>Whether the file carries an EXIF block.</summary>
    public bool HasExif => Exif is not null;

    /// <summary>The profile's description (its 'desc' tag), or null.</summary>
    public string? IccDescription => IccProfile is null ? null : IccProfileDescription.Read(IccProfile);

    /// <summary>True when the orientation swaps width and height (5..8 are quarter turns).</summary>
    public static bool SwapsAxes(int orientation) => orientation is >= 5 and <= 8;
}
