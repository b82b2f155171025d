using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Layers.Png;

/// <summary>
/// Managed PNG writer: grey, grey+alpha, RGB or RGBA (from 1-4 planes) at 8 or 16 bits, non-interlaced,
/// rows filtered with Up (see <see cref="Encode(Stream, PlanarImage, int, byte[])"/>).
/// </summary>
public static class PngEncoder
{
    /// <summary>zlib level 3: about 3x faster than the default level 6 on photos, files about 7 % larger (level 1 is 50 % larger).</summary>
    private const int DeflateLevel = 3;

    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    /// <summary>
    /// Every row uses the Up filter: on photos and masks it compressed as well as choosing the best of
    /// five filters per row (sample1.jpg: 1.34 MB vs 1.37 MB) at less than half the time.
    /// </summary>
    public static void Encode(Stream output, PlanarImage image, int bitDepth, byte[]? iccProfile = null)
        => Encode(output, image, bitDepth, iccProfile, forcedFilter: UpFilter);

    private const int UpFilter = 2;

    /// <summary>
    /// <paramref name="forcedFilter"/> makes every row use one filter type (tests exercise all five);
    /// null picks per row the filter with the smallest sum of absolute differences.
    /// </summary>
    internal static void Encode(Stream output, PlanarImage image, int bitDepth, byte[]? iccProfile, int? forcedFilter)
    {
        if (bitDepth is not (8 or 16)) throw new ArgumentOutOfRangeException(nameof(bitDepth), "PNG writer supports 8 or 16 bits");
        int channels = image.Channels;
        byte colorType = channels switch { 1 => 0, 2 => 4, 3 => 2, _ => 6 };
        int bps = bitDepth / 8, bpp = channels * bps, rowBytes = image.Width * bpp;

        output.Write(Signature);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, image.Width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), image.Height);
        ihdr[8] = (byte)bitDepth; ihdr[9] = colorType; // compression, filter, interlace = 0
        WriteChunk(output, "IHDR", ihdr);
        if (iccProfile is { Length: > 0 }) WriteChunk(output, "iCCP", IccChunk(iccProfile));

        // Rows are packed and filtered in parallel, a band at a time (bounded memory on large images);
        // deflate is the serial part, so it runs at a low level (see DeflateLevel).
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, new ZLibCompressionOptions { CompressionLevel = DeflateLevel }, leaveOpen: true))
        {
            int band = Math.Clamp((1 << 20) / Math.Max(1, rowBytes), 8, 256);
            var raw = new byte[(band + 1) * rowBytes];       // slot 0: the row above the band (zeros above row 0)
            var filtered = new byte[band * (rowBytes + 1)];
            for (int y0 = 0; y0 < image.Height; y0 += band)
            {
                int n = Math.Min(band, image.Height - y0), top = y0;
                Parallel.For(0, n, i => PackRow(image, top + i, bitDepth, raw.AsSpan((i + 1) * rowBytes, rowBytes)));
                Parallel.For(0, n, () => new byte[rowBytes + 1], (i, _, candidate) =>
                {
                    ChooseFilter(raw.AsSpan((i + 1) * rowBytes, rowBytes), raw.AsSpan(i * rowBytes, rowBytes), bpp, forcedFilter,
                        candidate, filtered.AsSpan(i * (rowBytes + 1), rowBytes + 1));
                    return candidate;
                }, _ => { });
                z.Write(filtered, 0, n * (rowBytes + 1));
                raw.AsSpan(n * rowBytes, rowBytes).CopyTo(raw);
            }
        }
        WriteChunk(output, "IDAT", compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(output, "IEND", ReadOnlySpan<byte>.Empty);
    }

    private static void PackRow(PlanarImage image, int y, int bitDepth, Span<byte> raw)
    {
        int channels = image.Channels;
        for (int c = 0; c < channels; c++)
        {
            var row = image.Row(c, y);
            if (bitDepth == 8)
                for (int x = 0; x < row.Length; x++) raw[x * channels + c] = Samples.To8(row[x]);
            else
                for (int x = 0; x < row.Length; x++) BinaryPrimitives.WriteUInt16BigEndian(raw.Slice((x * channels + c) * 2), Samples.To16(row[x]));
        }
    }

    private static void ChooseFilter(ReadOnlySpan<byte> raw, ReadOnlySpan<byte> prior, int bpp, int? forced, Span<byte> candidate, Span<byte> best)
    {
        long bestScore = long.MaxValue;
        for (int type = 0; type < PngFilters.Count; type++)
        {
            if (forced is int f && f != type) continue;
            candidate[0] = (byte)type;
            PngFilters.Apply(type, raw, prior, bpp, candidate.Slice(1));
            long score = 0;
            for (int i = 1; i < candidate.Length; i++) score += Math.Abs((int)(sbyte)candidate[i]);
            if (score < bestScore) { bestScore = score; candidate.CopyTo(best); }
        }
    }

    private static byte[] IccChunk(byte[] profile)
    {
        var ms = new MemoryStream();
        ms.Write(Encoding.Latin1.GetBytes("ICC profile"));
        ms.WriteByte(0); // name terminator
        ms.WriteByte(0); // compression method: zlib
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true)) z.Write(profile);
        return ms.ToArray();
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> data)
    {
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, data.Length);
        Encoding.ASCII.GetBytes(type, head.Slice(4));
        output.Write(head);
        output.Write(data);
        Span<byte> crc = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32.Compute(head.Slice(4), data));
        output.Write(crc);
    }
}
