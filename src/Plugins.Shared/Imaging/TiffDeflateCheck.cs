using System.Buffers.Binary;
using System.IO.Compression;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// Verifies the Deflate streams of a TIFF's first page to their end, Adler-32 included. libtiff stops inflating a
/// strip as soon as it has the strip's bytes, so flipped bits that still inflate to the right length pass it as
/// garbage pixels (a layered TIFF came out mostly transparent); zlib only checks the stream when it reaches the end.
/// Runs after libvips has decoded the page, on the same bytes: a few tens of milliseconds per megapixel.
/// </summary>
internal static class TiffDeflateCheck
{
    private const int Compression = 259, StripOffsets = 273, StripByteCounts = 279, TileOffsets = 324, TileByteCounts = 325;

    /// <summary>Null when the file is not a Deflate TIFF or every stream of its first page checks out, else what is wrong.</summary>
    public static string? Problem(string path)
    {
        byte[] data;
        try { data = File.ReadAllBytes(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; } // libvips read it; nothing to add
        return Problem(data);
    }

    public static string? Problem(byte[] data)
    {
        if (data.Length < 8) return null;
        bool little = data[0] == 'I' && data[1] == 'I';
        if (!little && !(data[0] == 'M' && data[1] == 'M')) return null;
        if (U16(data, 2, little) != 42) return null; // BigTIFF and others: libvips' own checks only
        long ifd = U32(data, 4, little);
        if (ifd + 2 > data.Length) return null;
        int count = U16(data, (int)ifd, little);
        if (ifd + 2 + 12L * count > data.Length) return null;
        int compression = 1;
        uint[] offsets = [], lengths = [];
        for (int i = 0; i < count; i++)
        {
            int e = (int)ifd + 2 + 12 * i;
            int tag = U16(data, e, little), type = U16(data, e + 2, little);
            long n = U32(data, e + 4, little);
            int size = type == 3 ? 2 : 4;
            if (type is not (3 or 4) || n > data.Length) continue;
            long at = n * size <= 4 ? e + 8 : U32(data, e + 8, little);
            if (at + n * size > data.Length) continue;
            uint[] Values() => Enumerable.Range(0, (int)n).Select(k => size == 2 ? (uint)U16(data, (int)at + 2 * k, little) : U32(data, (int)at + 4 * k, little)).ToArray();
            if (tag == Compression) compression = (int)Values()[0];
            else if (tag is StripOffsets or TileOffsets) offsets = Values();
            else if (tag is StripByteCounts or TileByteCounts) lengths = Values();
        }
        if (compression is not (8 or 32946) || offsets.Length != lengths.Length) return null;
        var sink = new byte[1 << 16];
        for (int s = 0; s < offsets.Length; s++)
        {
            if ((long)offsets[s] + lengths[s] > data.Length) return $"strip {s + 1} lies past the end of the file";
            try
            {
                using var z = new ZLibStream(new MemoryStream(data, (int)offsets[s], (int)lengths[s], writable: false), CompressionMode.Decompress);
                while (z.Read(sink) > 0) { }
            }
            catch (InvalidDataException e)
            {
                return $"page 1, strip {s + 1}: the Deflate data does not inflate or fails its checksum ({e.GetType().Name})";
            }
        }
        return null;
    }

    private static int U16(ReadOnlySpan<byte> d, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(d[at..]) : BinaryPrimitives.ReadUInt16BigEndian(d[at..]);

    private static uint U32(ReadOnlySpan<byte> d, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(d[at..]) : BinaryPrimitives.ReadUInt32BigEndian(d[at..]);
}
