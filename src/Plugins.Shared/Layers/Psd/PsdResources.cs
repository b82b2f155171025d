namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>
/// Photoshop image resources ("8BIM", id, Pascal name, size, data) that carry a photo's metadata, and the shapes the
/// rest of the product keeps it in: EXIF as libvips has it ("Exif\0\0" first), IPTC as a JPEG's APP13 block
/// ("Photoshop 3.0\0" and its resources).
/// </summary>
internal static class PsdResources
{
    public const int LayerGroups = 1026, Iptc = 1028, ThumbnailOld = 1033, Thumbnail = 1036, IccProfile = 1039, VersionInfo = 1057, Exif = 1058, Xmp = 1060,
        LayerGroupsEnabled = 1072;

    private static ReadOnlySpan<byte> ExifHeader => "Exif\0\0"u8;

    /// <summary>A PSD's EXIF resource holds the TIFF structure alone.</summary>
    public static ReadOnlySpan<byte> ExifBody(byte[] exif) => exif.AsSpan().StartsWith(ExifHeader) ? exif.AsSpan(ExifHeader.Length) : exif;

    public static byte[] ExifBlock(byte[] body) => [.. ExifHeader, .. body];
}
