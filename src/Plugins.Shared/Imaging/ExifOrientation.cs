using System.Buffers.Binary;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// Reads and rewrites the orientation tag (0x0112) in IFD0 of a raw EXIF block, so that a block travelling
/// with upright pixels does not ask viewers to rotate them a second time.
/// </summary>
public static class ExifOrientation
{
    private const ushort OrientationTag = 0x0112;
    private const ushort ShortType = 3;

    /// <summary>The orientation value (1..8), or null when the block has none or is not readable.</summary>
    public static int? Read(ReadOnlySpan<byte> exif)
        => Find(exif, out var at, out var bigEndian) ? ReadU16(exif.Slice(at), bigEndian) : null;

    /// <summary>A copy of <paramref name="exif"/> with the orientation set to <paramref name="value"/> (unchanged copy if it has no tag).</summary>
    public static byte[] With(ReadOnlySpan<byte> exif, int value)
    {
        var copy = exif.ToArray();
        if (Find(copy, out var at, out var bigEndian))
        {
            if (bigEndian) BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(at), (ushort)value);
            else BinaryPrimitives.WriteUInt16LittleEndian(copy.AsSpan(at), (ushort)value);
        }
        return copy;
    }

    // Finds the byte offset of the orientation value inside the block.
    private static bool Find(ReadOnlySpan<byte> exif, out int valueOffset, out bool bigEndian)
    {
        valueOffset = 0; bigEndian = false;
        int tiff = exif.StartsWith(ExifBlock.Header) ? ExifBlock.Header.Length : 0;
        if (exif.Length < tiff + 8) return false;
        var header = exif.Slice(tiff);
        if (header.StartsWith("MM\0*"u8)) bigEndian = true;
        else if (!header.StartsWith("II*\0"u8)) return false;
        long ifd = bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(header.Slice(4)) : BinaryPrimitives.ReadUInt32LittleEndian(header.Slice(4));
        if (ifd + 2 > header.Length) return false;
        int count = ReadU16(header.Slice((int)ifd), bigEndian);
        for (int i = 0; i < count; i++)
        {
            long entry = ifd + 2 + 12L * i;
            if (entry + 12 > header.Length) return false;
            var e = header.Slice((int)entry, 12);
            if (ReadU16(e, bigEndian) != OrientationTag) continue;
            if (ReadU16(e.Slice(2), bigEndian) != ShortType) return false;
            valueOffset = tiff + (int)entry + 8;
            return true;
        }
        return false;
    }

    private static ushort ReadU16(ReadOnlySpan<byte> s, bool bigEndian)
        => bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(s) : BinaryPrimitives.ReadUInt16LittleEndian(s);
}
