namespace RetouchPlugins.Shared.Imaging;

/// <summary>The file formats we read; <see cref="Other"/> covers anything else libvips decoded.</summary>
public enum ImageFormat { Jpeg, Png, Tiff, WebP, Other }

internal static class ImageFormats
{
    /// <summary>Maps a libvips loader nickname ("jpegload", "pngload_buffer", ...) to a format.</summary>
    public static ImageFormat FromLoader(string? loader) => loader switch
    {
        null => ImageFormat.Other,
        _ when loader.StartsWith("jpegload", StringComparison.Ordinal) => ImageFormat.Jpeg,
        _ when loader.StartsWith("pngload", StringComparison.Ordinal) => ImageFormat.Png,
        _ when loader.StartsWith("tiffload", StringComparison.Ordinal) => ImageFormat.Tiff,
        _ when loader.StartsWith("webpload", StringComparison.Ordinal) => ImageFormat.WebP,
        _ => ImageFormat.Other,
    };

    /// <summary>The format to write for a file name, or null when we cannot write that extension.</summary>
    public static ImageFormat? ForSaving(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => ImageFormat.Jpeg,
        ".png" => ImageFormat.Png,
        ".tif" or ".tiff" => ImageFormat.Tiff,
        _ => null,
    };
}
