using NetVips;

namespace RetouchPlugins.Shared.Imaging.Vips;

/// <summary>Typed reads of an image's metadata fields, null when a field is absent or of another type.</summary>
internal static class VipsFields
{
    /// <summary>A copy of a blob field (ICC profile, EXIF), or null when absent or empty.</summary>
    public static byte[]? Blob(Image image, string name) =>
        image.Contains(name) && image.Get(name) is byte[] { Length: > 0 } bytes ? bytes : null;

    public static string? String(Image image, string name) =>
        image.Contains(name) ? image.Get(name) as string : null;

    /// <summary>The EXIF orientation libvips parsed (1..8); 1 when absent or out of range.</summary>
    public static int Orientation(Image image) =>
        image.Contains("orientation") && image.Get("orientation") is int o and >= 1 and <= 8 ? o : 1;
}
