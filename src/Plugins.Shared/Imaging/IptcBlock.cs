using System.Buffers.Binary;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// The two shapes IPTC comes in. A JPEG carries it in APP13 as a Photoshop resource block ("Photoshop 3.0\0", then
/// "8BIM" resources, IPTC being resource 0x0404), which libvips reads whole as "iptc-data"; a TIFF carries either
/// that block without its header in the Photoshop tag ("photoshop-data") or bare IPTC records in its IPTC tag. A
/// document keeps the JPEG shape; savers get the shape their format wants.
/// </summary>
internal static class IptcBlock
{
    private static ReadOnlySpan<byte> Header => "Photoshop 3.0\0"u8;

    public static bool IsPhotoshopBlock(byte[] block) => block.AsSpan().StartsWith(Header);

    public static byte[] WithHeader(byte[] resources) => [.. Header, .. resources];

    public static byte[] WithoutHeader(byte[] block) => block[Header.Length..];

    /// <summary>The block as APP13 wants it: already a Photoshop block, or bare IPTC records wrapped as resource 0x0404.</summary>
    public static byte[] AsPhotoshopBlock(byte[] iptc)
    {
        if (IsPhotoshopBlock(iptc)) return iptc;
        var resource = new byte[4 + 2 + 2 + 4 + iptc.Length + (iptc.Length & 1)];
        "8BIM"u8.CopyTo(resource);
        BinaryPrimitives.WriteUInt16BigEndian(resource.AsSpan(4), 0x0404); // IPTC-NAA record
        // An empty Pascal name padded to even length (two zero bytes), then the size and the records, padded to even.
        BinaryPrimitives.WriteInt32BigEndian(resource.AsSpan(8), iptc.Length);
        iptc.CopyTo(resource.AsSpan(12));
        return WithHeader(resource);
    }
}
