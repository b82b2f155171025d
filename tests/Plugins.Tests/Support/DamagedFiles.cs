using System.Buffers.Binary;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Tests.Support;

/// <summary>
/// Damaged photos made from the demo photos the way they get damaged in practice: a copy cut short, a table
/// pointing past the end, a few flipped bits. The TIFFs are written here with their directory first (as many
/// cameras and scanners do), so a cut keeps the header and loses pixel data.
/// </summary>
internal static class DamagedFiles
{
    /// <summary>An uncompressed, 8-bit, chunky baseline TIFF (directory first, then the strips).</summary>
    public static byte[] BaselineTiff(PlanarImage rgb, int rowsPerStrip, int photometric = 2)
    {
        int w = rgb.Width, h = rgb.Height, strips = (h + rowsPerStrip - 1) / rowsPerStrip, rowBytes = w * 3;
        const int entries = 10;
        int ifdAt = 8, bitsAt = ifdAt + 2 + 12 * entries + 4, offsetsAt = bitsAt + 6, countsAt = offsetsAt + 4 * strips, dataAt = countsAt + 4 * strips;
        var file = new byte[dataAt + (long)rowBytes * h];
        "II*\0"u8.CopyTo(file);
        BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(4), (uint)ifdAt);
        BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(ifdAt), entries);
        int e = ifdAt + 2;
        void Entry(ushort tag, ushort type, uint count, uint value)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(e), tag);
            BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(e + 2), type);
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(e + 4), count);
            if (type == 3 && count == 1) BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(e + 8), (ushort)value);
            else BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(e + 8), value);
            e += 12;
        }
        Entry(256, 4, 1, (uint)w);
        Entry(257, 4, 1, (uint)h);
        Entry(258, 3, 3, (uint)bitsAt);
        Entry(259, 3, 1, 1);
        Entry(262, 3, 1, (uint)photometric);
        Entry(273, 4, (uint)strips, strips == 1 ? (uint)dataAt : (uint)offsetsAt);
        Entry(277, 3, 1, 3);
        Entry(278, 4, 1, (uint)rowsPerStrip);
        Entry(279, 4, (uint)strips, strips == 1 ? (uint)(rowBytes * h) : (uint)countsAt);
        Entry(284, 3, 1, 1);
        for (int i = 0; i < 3; i++) BinaryPrimitives.WriteUInt16LittleEndian(file.AsSpan(bitsAt + 2 * i), 8);
        for (int s = 0; s < strips; s++)
        {
            int rows = Math.Min(rowsPerStrip, h - s * rowsPerStrip);
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(offsetsAt + 4 * s), (uint)(dataAt + s * rowsPerStrip * rowBytes));
            BinaryPrimitives.WriteUInt32LittleEndian(file.AsSpan(countsAt + 4 * s), (uint)(rows * rowBytes));
        }
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                for (int c = 0; c < 3; c++)
                    file[dataAt + (long)y * rowBytes + x * 3 + c] = (byte)MathF.Round(Math.Clamp(rgb[c, x, y], 0, 1) * 255);
        return file;
    }

    /// <summary>Where <see cref="BaselineTiff"/> keeps its strip offsets (a multi-strip file).</summary>
    public static int StripOffsetsAt => 8 + 2 + 12 * 10 + 4 + 6;

    /// <summary>Points strips <paramref name="from"/>.. of a <see cref="BaselineTiff"/> past the end of the file.</summary>
    public static byte[] WithStripsPastTheEnd(byte[] tiff, int from, int strips)
    {
        var bad = (byte[])tiff.Clone();
        for (int s = from; s < strips; s++)
            BinaryPrimitives.WriteUInt32LittleEndian(bad.AsSpan(StripOffsetsAt + 4 * s), (uint)(tiff.Length + 1_000_000 + s * 4096));
        return bad;
    }

    /// <summary>Flips one bit in each of <paramref name="count"/> bytes spread over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public static byte[] WithFlippedBits(byte[] data, int from, int to, int count)
    {
        var bad = (byte[])data.Clone();
        for (int i = 0; i < count; i++) bad[from + (long)(to - from) * (2 * i + 1) / (2 * count)] ^= (byte)(1 << (i % 8));
        return bad;
    }

    /// <summary>
    /// A folder that cannot be created or written even by root (tests run as root in CI): under /sys, which the
    /// kernel refuses new entries in.
    /// </summary>
    public static string UnwritableFolder()
    {
        var path = Path.Combine("/sys", "retouch-test-" + Guid.NewGuid().ToString("N"));
        Assert.True(OperatingSystem.IsLinux() && Directory.Exists("/sys"), "these tests use /sys as a folder nobody can write to (Linux)");
        Assert.ThrowsAny<Exception>(() => Directory.CreateDirectory(path));
        return path;
    }
}
