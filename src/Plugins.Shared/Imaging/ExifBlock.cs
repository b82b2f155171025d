namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// EXIF as libvips and a JPEG's APP1 hold it: "Exif\0\0", then a TIFF structure. A PSD's EXIF resource and a TIFF's
/// own IFDs hold the TIFF structure alone.
/// </summary>
internal static class ExifBlock
{
    public static ReadOnlySpan<byte> Header => "Exif\0\0"u8;

    /// <summary>The TIFF structure of a block (the bytes as they are when they have no header).</summary>
    public static ReadOnlySpan<byte> Tiff(ReadOnlySpan<byte> exif) => exif.StartsWith(Header) ? exif[Header.Length..] : exif;

    /// <summary>A TIFF structure as a block.</summary>
    public static byte[] FromTiff(ReadOnlySpan<byte> tiff) => [.. Header, .. tiff];
}
