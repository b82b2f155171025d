using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Layers.Png;

/// <summary>
/// Managed PNG reader: every colour type (grey, RGB, palette, grey+alpha, RGBA) at every legal depth,
/// tRNS transparency, all five row filters, embedded ICC. Interlaced (Adam7) images are refused with a
/// clear error. Chunk CRCs are checked so a damaged file is reported rather than decoded into noise.
/// </summary>
public static class PngDecoder
{
    public static PngImage Decode(string path)
    {
        using var stream = File.OpenRead(path);
        return Decode(stream, path);
    }

    /// <param name="source">names the file in error messages.</param>
    public static PngImage Decode(Stream input, string source)
    {
        try { return DecodeChecked(input, source); }
        catch (Exception e) when (e is EndOfStreamException or InvalidDataException)
        {
            throw new LayerFileException(source, $"damaged PNG: {e.Message}", e);
        }
    }

    private static PngImage DecodeChecked(Stream input, string source)
    {
        Span<byte> sig = stackalloc byte[8];
        input.ReadExactly(sig);
        if (!sig.SequenceEqual(new byte[] { 137, 80, 78, 71, 13, 10, 26, 10 })) throw new LayerFileException(source, "not a PNG file (bad signature)");

        Header? header = null;
        byte[]? palette = null, transparency = null, icc = null;
        var idat = new MemoryStream();
        while (true)
        {
            var (type, data) = ReadChunk(input, source);
            if (type == "IHDR") header = ParseHeader(data, source);
            else if (header is null) throw new LayerFileException(source, $"PNG chunk {type} before IHDR");
            else if (type == "PLTE") palette = data;
            else if (type == "tRNS") transparency = data;
            else if (type == "iCCP") icc = ReadIcc(data);
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            else if (char.IsUpper(type[0])) throw new LayerFileException(source, $"PNG has an unknown critical chunk {type}");
        }
        if (header is null) throw new LayerFileException(source, "PNG has no IHDR");
        var h = header.Value;
        if (h.ColorType == 3 && palette is null) throw new LayerFileException(source, "palette PNG without a PLTE chunk");

        int rowBytes = (h.Width * h.SamplesPerPixel * h.BitDepth + 7) / 8;
        int bpp = Math.Max(1, h.SamplesPerPixel * h.BitDepth / 8);
        var raw = new byte[(long)(rowBytes + 1) * h.Height];
        idat.Position = 0;
        using (var z = new ZLibStream(idat, CompressionMode.Decompress))
        {
            int got = z.ReadAtLeast(raw, raw.Length, throwOnEndOfStream: false);
            if (got < raw.Length) throw new LayerFileException(source, $"PNG image data ends early ({got} of {raw.Length} bytes)");
        }

        var prior = new byte[rowBytes];
        for (int y = 0; y < h.Height; y++)
        {
            var line = raw.AsSpan(y * (rowBytes + 1), rowBytes + 1);
            int filter = line[0];
            if (filter >= PngFilters.Count) throw new LayerFileException(source, $"PNG row {y} has unknown filter type {filter}");
            var row = line.Slice(1);
            PngFilters.Undo(filter, row, y == 0 ? prior : raw.AsSpan((y - 1) * (rowBytes + 1) + 1, rowBytes), bpp);
        }
        var pixels = Unpack(raw, rowBytes, h, palette, transparency);
        return new PngImage(pixels, h.ColorType == 3 ? 8 : h.BitDepth, icc);
    }

    private readonly record struct Header(int Width, int Height, int BitDepth, int ColorType)
    {
        public int SamplesPerPixel => ColorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
    }

    private static Header ParseHeader(byte[] d, string source)
    {
        if (d.Length != 13) throw new LayerFileException(source, "PNG IHDR has the wrong length");
        int w = BinaryPrimitives.ReadInt32BigEndian(d), h = BinaryPrimitives.ReadInt32BigEndian(d.AsSpan(4));
        int depth = d[8], color = d[9];
        if (w <= 0 || h <= 0) throw new LayerFileException(source, $"PNG size {w}x{h} is invalid");
        if ((long)w * h > Samples.MaxPixels) throw new LayerFileException(source, $"PNG of {w}x{h} pixels is more than this reader accepts");
        bool ok = color switch
        {
            0 => depth is 1 or 2 or 4 or 8 or 16,
            3 => depth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => depth is 8 or 16,
            _ => false,
        };
        if (!ok) throw new LayerFileException(source, $"PNG colour type {color} with bit depth {depth} is not valid");
        if (d[10] != 0 || d[11] != 0) throw new LayerFileException(source, "PNG uses an unknown compression or filter method");
        if (d[12] == 1) throw new LayerFileException(source, "interlaced (Adam7) PNG is not supported; save it non-interlaced");
        if (d[12] != 0) throw new LayerFileException(source, $"PNG interlace method {d[12]} is invalid");
        return new Header(w, h, depth, color);
    }

    private static (string Type, byte[] Data) ReadChunk(Stream input, string source)
    {
        Span<byte> head = stackalloc byte[8];
        input.ReadExactly(head);
        int length = BinaryPrimitives.ReadInt32BigEndian(head);
        if (length < 0) throw new LayerFileException(source, "PNG chunk length is invalid");
        var type = Encoding.ASCII.GetString(head.Slice(4));
        var data = new byte[length];
        input.ReadExactly(data);
        Span<byte> crc = stackalloc byte[4];
        input.ReadExactly(crc);
        if (BinaryPrimitives.ReadUInt32BigEndian(crc) != Crc32.Compute(head.Slice(4), data))
            throw new LayerFileException(source, $"PNG chunk {type} fails its CRC check (file damaged)");
        return (type, data);
    }

    private static byte[]? ReadIcc(byte[] data)
    {
        int nul = Array.IndexOf(data, (byte)0);
        if (nul < 0 || nul + 2 > data.Length || data[nul + 1] != 0) return null; // unusable profile is not fatal
        using var z = new ZLibStream(new MemoryStream(data, nul + 2, data.Length - nul - 2), CompressionMode.Decompress);
        var ms = new MemoryStream();
        z.CopyTo(ms);
        return ms.ToArray();
    }

    private static PlanarImage Unpack(byte[] raw, int rowBytes, Header h, byte[]? palette, byte[]? trns)
    {
        int spp = h.SamplesPerPixel;
        bool paletted = h.ColorType == 3;
        bool addAlpha = trns is not null && h.ColorType is 0 or 2 or 3;
        int colorPlanes = paletted ? 3 : h.ColorType is 0 or 4 ? 1 : 3;
        bool hasAlpha = h.ColorType is 4 or 6 || addAlpha;
        int planes = colorPlanes + (hasAlpha ? 1 : 0);
        var img = new PlanarImage(h.Width, h.Height, planes);
        float max = Samples.Max(h.BitDepth);
        var values = new int[spp];
        for (int y = 0; y < h.Height; y++)
        {
            var row = raw.AsSpan(y * (rowBytes + 1) + 1, rowBytes);
            for (int x = 0; x < h.Width; x++)
            {
                for (int s = 0; s < spp; s++) values[s] = ReadSample(row, x * spp + s, h.BitDepth);
                if (paletted)
                {
                    int i = values[0];
                    if (3 * i + 2 >= palette!.Length) throw new InvalidDataException($"palette index {i} is outside the palette");
                    for (int c = 0; c < 3; c++) img[c, x, y] = palette[3 * i + c] / 255f;
                    if (hasAlpha) img[3, x, y] = i < trns!.Length ? trns[i] / 255f : 1f;
                    continue;
                }
                for (int s = 0; s < spp; s++) img[s, x, y] = values[s] / max;
                if (addAlpha) img[planes - 1, x, y] = IsTransparentKey(values, trns!, h.BitDepth) ? 0f : 1f;
            }
        }
        return img;
    }

    private static int ReadSample(ReadOnlySpan<byte> row, int index, int depth) => depth switch
    {
        16 => BinaryPrimitives.ReadUInt16BigEndian(row.Slice(index * 2)),
        8 => row[index],
        _ => (row[index * depth / 8] >> (8 - depth - index * depth % 8)) & ((1 << depth) - 1),
    };

    private static bool IsTransparentKey(int[] values, byte[] trns, int depth)
    {
        int mask = (1 << depth) - 1;
        for (int s = 0; s < values.Length; s++)
        {
            if (2 * s + 1 >= trns.Length) return false;
            if ((BinaryPrimitives.ReadUInt16BigEndian(trns.AsSpan(2 * s)) & mask) != values[s]) return false;
        }
        return true;
    }
}
