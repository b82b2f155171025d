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
    {
        var entries = new ExifEntries(exif);
        return entries.Short(entries.FirstIfd, OrientationTag);
    }

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
        var entries = new ExifEntries(exif);
        bigEndian = entries.BigEndian;
        valueOffset = 0;
        if (!entries.TryFind(entries.FirstIfd, OrientationTag, out int entry, out ushort type) || type != ShortType) return false;
        valueOffset = entry + 8;
        return true;
    }
}
