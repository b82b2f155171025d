using System.Buffers.Binary;
using System.IO.Compression;

namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>
/// Turns float planes into PSD channel bytes and back. Written: 8-bit as PackBits RLE (compression 1, what
/// Photoshop and GIMP write); 16-bit layer channels as ZIP with prediction (compression 3, what Photoshop writes
/// for 16-bit layers: each row's samples as differences from their left neighbour, then zlib); the 16-bit merged
/// image raw (compression 0), which every reader takes. Read: all four compressions at 8 and 16 bits.
/// </summary>
internal static class PsdChannelCodec
{
    public const int Raw = 0, Rle = 1, Zip = 2, ZipPredicted = 3;

    /// <summary>The compression of the merged image (one block for all its channels).</summary>
    public static int CompressionFor(int bits) => bits == 8 ? Rle : Raw;

    /// <summary>The compression of one layer channel.</summary>
    public static int LayerCompressionFor(int bits) => bits == 8 ? Rle : ZipPredicted;

    /// <summary>
    /// One layer channel in <see cref="LayerCompressionFor"/>'s compression. zlib at its fastest level: the 24 MP
    /// close-up's 16-bit retouch as a PSD went from 960 MB (raw) to 264 MB, of which 192 MB is the raw merged image,
    /// and its save from 21.6 s to 3.7-6.3 s on 2 cores (the disk writes were most of it).
    /// </summary>
    public static byte[] EncodeLayerChannel(LayerChannel plane, int width, int height, int bits, bool large = false)
    {
        if (bits == 8) return EncodeRle([plane], width, height, large);
        // Row by row into zlib: no photo-size buffer of differences (a 24 MP channel would be 48 MB of fresh pages).
        var ms = new MemoryStream(capacity: width * height / 2);
        var row = new byte[width * 2];
        using (var z = new ZLibStream(ms, CompressionLevel.Fastest, leaveOpen: true))
            for (int y = 0; y < height; y++)
            {
                var src = plane.Row(y);
                ushort left = 0;
                for (int x = 0; x < width; x++)
                {
                    ushort v = Samples.To16(src[x]);
                    BinaryPrimitives.WriteUInt16BigEndian(row.AsSpan(x * 2), (ushort)(v - left));
                    left = v;
                }
                z.Write(row);
            }
        return ms.ToArray();
    }

    /// <summary>Bytes of one RLE row count: 2, or 4 in a large document (PSB).</summary>
    public static int RowCountBytes(bool large) => large ? 4 : 2;

    public static long RowCount(ReadOnlySpan<byte> at, bool large) =>
        large ? BinaryPrimitives.ReadUInt32BigEndian(at) : BinaryPrimitives.ReadUInt16BigEndian(at);

    private static void WriteRowCount(Span<byte> at, int count, bool large)
    {
        if (large) BinaryPrimitives.WriteUInt32BigEndian(at, (uint)count);
        else BinaryPrimitives.WriteUInt16BigEndian(at, (ushort)count);
    }

    /// <summary>
    /// Writes several planes as one block (the merged image's layout: all RLE row counts first) in
    /// <see cref="CompressionFor"/>'s compression. 16-bit raw rows go straight to <paramref name="output"/>: built in memory
    /// first, a 24 MP document's 192 MB block cost about 0.45 GB of peak (the buffer's growth and its copy).
    /// </summary>
    public static void Write(Stream output, IReadOnlyList<LayerChannel> planes, int width, int height, int bits, bool large = false)
    {
        if (bits != 16) { output.Write(EncodeRle(planes, width, height, large)); return; }
        const int bandRows = 64;
        var band = new byte[bandRows * width * 2];
        var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(band.AsSpan());
        foreach (var plane in planes)
            for (int y0 = 0; y0 < height; y0 += bandRows)
            {
                int rows = Math.Min(bandRows, height - y0);
                for (int r = 0; r < rows; r++) Imaging.PixelLayout.Quantise16(plane.Row(y0 + r), samples.Slice(r * width, width));
                var written = samples[..(rows * width)];
                if (BitConverter.IsLittleEndian) System.Buffers.Binary.BinaryPrimitives.ReverseEndianness(written, written); // PSD is big-endian
                output.Write(band, 0, rows * width * 2);
            }
    }

    /// <summary>Several 8-bit planes as one RLE block (all row counts first).</summary>
    private static byte[] EncodeRle(IReadOnlyList<LayerChannel> planes, int width, int height, bool large)
    {
        // Each row is packed on its own, so the rows are packed in bands spread over the cores and joined in order
        // (the merged image of a 24 MP document was 0.45 s on one core).
        int countBytes = RowCountBytes(large), rows = planes.Count * height;
        var lengths = new int[rows];
        int bands = Math.Max(1, Math.Min(rows, Environment.ProcessorCount * 4));
        var packed = new byte[bands][];
        Parallel.For(0, bands, b =>
        {
            int r0 = (int)((long)rows * b / bands), r1 = (int)((long)rows * (b + 1) / bands);
            var levels = new byte[width];
            var row = new byte[PackBits.MaxPackedLength(width)];
            using var band = new MemoryStream();
            for (int r = r0; r < r1; r++)
            {
                Imaging.PixelLayout.Quantise8(planes[r / height].Row(r % height), levels);
                int length = PackBits.Encode(levels, row);
                if (!large && length > ushort.MaxValue) throw new OverflowException($"an RLE row of {length} bytes does not fit a PSD's row count");
                lengths[r] = length;
                band.Write(row, 0, length);
            }
            packed[b] = band.ToArray();
        });
        var result = new byte[checked(rows * countBytes + packed.Sum(p => (long)p.Length))];
        for (int r = 0; r < rows; r++) WriteRowCount(result.AsSpan(r * countBytes), lengths[r], large);
        int at = rows * countBytes;
        foreach (var p in packed) { p.CopyTo(result, at); at += p.Length; }
        return result;
    }

    /// <summary>Decodes <paramref name="planeCount"/> planes stored with one compression marker already read.</summary>
    public static float[][] Decode(ReadOnlySpan<byte> data, int compression, int planeCount, int width, int height, int bits, bool large = false)
    {
        int bps = bits / 8, rowBytes = width * bps;
        var planes = new float[planeCount][];
        var row = new byte[rowBytes];
        int pos = 0;
        int[]? counts = null;
        if (compression == Rle)
        {
            int countBytes = RowCountBytes(large);
            counts = new int[planeCount * height];
            if (data.Length < (long)counts.Length * countBytes) throw new InvalidDataException("RLE row-count table is cut short");
            for (int i = 0; i < counts.Length; i++) counts[i] = (int)Math.Min(int.MaxValue, RowCount(data.Slice(i * countBytes), large));
            pos = counts.Length * countBytes;
        }
        else if (compression is Zip or ZipPredicted)
        {
            data = Inflate(data, checked(planeCount * height * rowBytes), compression == ZipPredicted, width, bits);
        }
        else if (compression != Raw)
            throw new InvalidDataException($"unknown PSD channel compression {compression}");
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
                    if ((long)pos + counts[r] > data.Length) throw new InvalidDataException("RLE channel data is cut short");
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

    /// <summary>
    /// A zlib stream of <paramref name="size"/> bytes of rows, with each row's differences summed back when predicted
    /// (8-bit: bytes; 16-bit: big-endian samples, modulo 2^16).
    /// </summary>
    private static byte[] Inflate(ReadOnlySpan<byte> data, int size, bool predicted, int width, int bits)
    {
        var rows = new byte[size];
        using (var z = new ZLibStream(new MemoryStream(data.ToArray()), CompressionMode.Decompress))
        {
            int read = 0, n;
            while (read < size && (n = z.Read(rows, read, size - read)) > 0) read += n;
            if (read < size) throw new InvalidDataException("ZIP channel data is cut short");
        }
        if (!predicted) return rows;
        int rowBytes = width * bits / 8;
        for (int start = 0; start < size; start += rowBytes)
        {
            var row = rows.AsSpan(start, rowBytes);
            if (bits == 8)
                for (int x = 1; x < rowBytes; x++) row[x] += row[x - 1];
            else
                for (int x = 2; x < rowBytes; x += 2)
                    BinaryPrimitives.WriteUInt16BigEndian(row.Slice(x),
                        (ushort)(BinaryPrimitives.ReadUInt16BigEndian(row.Slice(x)) + BinaryPrimitives.ReadUInt16BigEndian(row.Slice(x - 2))));
        }
        return rows;
    }
}
