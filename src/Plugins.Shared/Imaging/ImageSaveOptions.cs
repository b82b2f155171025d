namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// How <see cref="ImageFile"/> writes images. The format comes from the file extension: .jpg/.jpeg, .png,
/// .tif/.tiff (deflate-compressed) or .webp (always lossless, 8-bit).
/// </summary>
public sealed record ImageSaveOptions
{
    public static ImageSaveOptions Default { get; } = new();

    /// <summary>JPEG quality 1..100.</summary>
    public int JpegQuality { get; init; } = 95;

    /// <summary>8 or 16 for PNG and TIFF; null keeps the document's depth. JPEG and WebP are always 8-bit.</summary>
    public int? BitsPerSample { get; init; }

    /// <summary>
    /// TIFF only: true writes a BigTIFF (64-bit offsets), false a classic TIFF; null (the default) a BigTIFF only when the
    /// pixels could pass a classic TIFF's 4 GiB.
    /// </summary>
    public bool? BigTiff { get; init; }

    /// <summary>Write the document's ICC profile and EXIF block (orientation reset to 1).</summary>
    public bool KeepMetadata { get; init; } = true;
}
