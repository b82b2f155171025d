using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Layers.Png;

/// <summary>
/// Managed PNG writer: grey, grey+alpha, RGB or RGBA (from 1-4 planes) at 8 or 16 bits, non-interlaced,
/// each row filtered with whichever of the five filters gives the smallest sum of absolute differences.
/// </summary>
public static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    public static void Encode(Stream output, PlanarImage image, int bitDepth, byte[]? iccProfile = null)
        => Encode(output, image, bitDepth, iccProfile, forcedFilter: null);

    /// <summary><paramref name="forcedFilter"/> makes every row use one filter type (tests exercise all five).</summary>
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

        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var raw = new byte[rowBytes];
            var prior = new byte[rowBytes];
            var candidate = new byte[rowBytes + 1];
            var best = new byte[rowBytes + 1];
            for (int y = 0; y < image.Height; y++)
            {
                PackRow(image, y, bitDepth, raw);
                ChooseFilter(raw, prior, bpp, forcedFilter, candidate, best);
                z.Write(best);
                (raw, prior) = (prior, raw);
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

    private static void ChooseFilter(byte[] raw, byte[] prior, int bpp, int? forced, byte[] candidate, byte[] best)
    {
        long bestScore = long.MaxValue;
        for (int type = 0; type < PngFilters.Count; type++)
        {
            if (forced is int f && f != type) continue;
            candidate[0] = (byte)type;
            PngFilters.Apply(type, raw, prior, bpp, candidate.AsSpan(1));
            long score = 0;
            for (int i = 1; i < candidate.Length; i++) score += Math.Abs((int)(sbyte)candidate[i]);
            if (score < bestScore) { bestScore = score; candidate.CopyTo(best, 0); }
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
