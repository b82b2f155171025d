namespace RetouchPlugins.Shared.Imaging;

/// <summary>The file formats we read; <see cref="Other"/> covers anything else libvips decoded.</summary>
public enum ImageFormat { Jpeg, Png, Tiff, WebP, Avif, Psd, OpenRaster, Other }

public static class ImageFormats
{
    /// <summary>
    /// Maps a libvips loader nickname ("jpegload", "pngload_buffer", ...) to a format. One loader reads the HEIF
    /// family; its "heif-compression" field tells an AVIF (av1) from a HEIC (hevc, which we cannot decode).
    /// </summary>
    internal static ImageFormat FromLoader(string? loader, string? heifCompression = null) => loader switch
    {
        null => ImageFormat.Other,
        _ when loader.StartsWith("heifload", StringComparison.Ordinal) && heifCompression == "av1" => ImageFormat.Avif,
        _ when loader.StartsWith("jpegload", StringComparison.Ordinal) => ImageFormat.Jpeg,
        _ when loader.StartsWith("pngload", StringComparison.Ordinal) => ImageFormat.Png,
        _ when loader.StartsWith("tiffload", StringComparison.Ordinal) => ImageFormat.Tiff,
        _ when loader.StartsWith("webpload", StringComparison.Ordinal) => ImageFormat.WebP,
        _ => ImageFormat.Other,
    };

    /// <summary>The usual name of a format, for people.</summary>
    public static string DisplayName(this ImageFormat format) => format switch
    {
        ImageFormat.Jpeg => "JPEG",
        ImageFormat.Png => "PNG",
        ImageFormat.Tiff => "TIFF",
        ImageFormat.WebP => "WebP",
        ImageFormat.Avif => "AVIF",
        ImageFormat.Psd => "Photoshop PSD",
        ImageFormat.OpenRaster => "OpenRaster",
        _ => "other",
    };

    /// <summary>The format to write for a file name, or null when we cannot write that extension.</summary>
    internal static ImageFormat? ForSaving(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => ImageFormat.Jpeg,
        ".png" => ImageFormat.Png,
        ".tif" or ".tiff" => ImageFormat.Tiff,
        ".webp" => ImageFormat.WebP,
        _ => null,
    };
}
