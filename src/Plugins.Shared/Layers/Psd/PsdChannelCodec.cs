using System.Buffers.Binary;

namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>
/// Turns float planes into PSD channel bytes and back: 8-bit as PackBits RLE (compression 1, what
/// Photoshop and GIMP write), 16-bit as raw big-endian samples (compression 0).
/// </summary>
internal static class PsdChannelCodec
{
    public const int Raw = 0, Rle = 1;

    public static int CompressionFor(int bits) => bits == 8 ? Rle : Raw;

    /// <summary>Encodes several planes as one block (composite image layout: all RLE row counts first).</summary>
    public static byte[] Encode(IReadOnlyList<ReadOnlyMemory<float>> planes, int width, int height, int bits)
    {
        var ms = new MemoryStream();
        if (bits == 16)
        {
            var row = new byte[width * 2];
            foreach (var plane in planes)
                for (int y = 0; y < height; y++)
                {
                    var src = plane.Span.Slice(y * width, width);
                    for (int x = 0; x < width; x++) BinaryPrimitives.WriteUInt16BigEndian(row.AsSpan(x * 2), Samples.To16(src[x]));
                    ms.Write(row);
                }
            return ms.ToArray();
        }
        var counts = new byte[planes.Count * height * 2];
        ms.Write(counts); // placeholder, filled below
        var bytes = new byte[width];
        int r = 0;
        foreach (var plane in planes)
            for (int y = 0; y < height; y++, r++)
            {
                var src = plane.Span.Slice(y * width, width);
                for (int x = 0; x < width; x++) bytes[x] = Samples.To8(src[x]);
                long before = ms.Position;
                PackBits.Encode(bytes, ms);
                BinaryPrimitives.WriteUInt16BigEndian(counts.AsSpan(r * 2), checked((ushort)(ms.Position - before)));
            }
        var result = ms.ToArray();
        counts.CopyTo(result, 0);
        return result;
    }

    /// <summary>Decodes <paramref name="planeCount"/> planes stored with one compression marker already read.</summary>
    public static float[][] Decode(ReadOnlySpan<byte> data, int compression, int planeCount, int width, int height, int bits)
    {
        int bps = bits / 8, rowBytes = width * bps;
        var planes = new float[planeCount][];
        var row = new byte[rowBytes];
        int pos = 0;
        int[]? counts = null;
        if (compression == Rle)
        {
            counts = new int[planeCount * height];
            if (data.Length < counts.Length * 2) throw new InvalidDataException("RLE row-count table is cut short");
            for (int i = 0; i < counts.Length; i++) counts[i] = BinaryPrimitives.ReadUInt16BigEndian(data.Slice(i * 2));
            pos = counts.Length * 2;
        }
        else if (compression != Raw)
            throw new NotSupportedException($"PSD channel compression {compression} (ZIP) is not supported; only raw and RLE");
        for (int p = 0, r = 0; p < planeCount; p++)
        {
            var plane = planes[p] = new float[width * height];
            for (int y = 0; y < height; y++, r++)
            {
                if (counts is null)
                {
                    if (pos + rowBytes > data.Length) throw new InvalidDataException("raw channel data is cut short");
                    data.Slice(pos, rowBytes).CopyTo(row);
                    pos += rowBytes;
                }
                else
                {
                    if (pos + counts[r] > data.Length) throw new InvalidDataException("RLE channel data is cut short");
                    PackBits.Decode(data.Slice(pos, counts[r]), row);
                    pos += counts[r];
                }
                var dst = plane.AsSpan(y * width, width);
                if (bits == 8) for (int x = 0; x < width; x++) dst[x] = Samples.From8(row[x]);
                else for (int x = 0; x < width; x++) dst[x] = Samples.From16(BinaryPrimitives.ReadUInt16BigEndian(row.AsSpan(x * 2)));
            }
        }
        return planes;
    }
}
