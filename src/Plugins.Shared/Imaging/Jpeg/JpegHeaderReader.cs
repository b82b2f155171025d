using System.Buffers.Binary;

namespace RetouchPlugins.Shared.Imaging.Jpeg;

/// <summary>
/// Walks a JPEG's marker segments from SOI to the first SOS and collects the DQT tables and the frame header (SOF).
/// Never throws on bad data: a file that is not a JPEG, truncated, or holds a malformed segment gives a reason
/// instead, and the caller falls back to measuring the pixels.
/// </summary>
public static class JpegHeaderReader
{
    /// <summary>
    /// JPEG stores the 64 entries of a table in zig-zag order; entry k of a DQT is the coefficient at natural
    /// (row-major) index ZigZag[k].
    /// </summary>
    public static readonly int[] ZigZag =
    [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
    ];

    /// <summary>Headers are small: anything past this many bytes before the first SOS is not read.</summary>
    private const int MaxHeaderBytes = 1 << 20;

    /// <summary>The header of the file at <paramref name="path"/>, or null with the reason it could not be read.</summary>
    public static JpegHeader? Read(string path, out string? reason)
    {
        byte[] data;
        try
        {
            using var stream = File.OpenRead(path);
            data = new byte[(int)Math.Min(stream.Length, MaxHeaderBytes)];
            stream.ReadExactly(data);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            reason = $"{path}: could not be read ({e.Message})";
            return null;
        }
        var header = Parse(data, out reason);
        if (reason is not null) reason = $"{path}: {reason}";
        return header;
    }

    /// <summary>The header held in <paramref name="data"/> (the start of a file), or null with the reason.</summary>
    public static JpegHeader? Parse(ReadOnlySpan<byte> data, out string? reason)
    {
        reason = null;
        if (data.Length < 4 || data[0] != 0xFF || data[1] != 0xD8) { reason = "not a JPEG (no SOI marker)"; return null; }
        var tables = new Dictionary<int, int[]>();
        List<JpegComponent>? components = null;
        int width = 0, height = 0;
        bool progressive = false;
        int orientation = 1;
        int at = 2;
        while (true)
        {
            // Markers may be preceded by any number of 0xFF fill bytes.
            if (at >= data.Length || data[at] != 0xFF) { reason = at >= data.Length ? "the header ends before the image data (truncated)" : $"no marker at byte {at}"; return null; }
            while (at < data.Length && data[at] == 0xFF) at++;
            if (at >= data.Length) { reason = "the header ends before the image data (truncated)"; return null; }
            int marker = data[at++];
            if (marker == 0xD9) { reason = "the file ends (EOI) before any image data"; return null; }
            if (marker is >= 0xD0 and <= 0xD7 or 0x01) continue; // standalone markers: no length
            if (at + 2 > data.Length) { reason = "the header ends inside a segment length (truncated)"; return null; }
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[at..]);
            if (length < 2) { reason = $"segment 0xFF{marker:X2} at byte {at - 2} has length {length}"; return null; }
            if (at + length > data.Length) { reason = $"segment 0xFF{marker:X2} at byte {at - 2} runs past the end of the header (truncated)"; return null; }
            var body = data.Slice(at + 2, length - 2);
            at += length;
            switch (marker)
            {
                case 0xE1 when body.StartsWith(ExifBlock.Header):
                    orientation = ExifOrientation.Read(body) is int o and >= 1 and <= 8 ? o : 1;
                    break;
                case 0xDB:
                    if (!ReadTables(body, tables, out reason)) return null;
                    break;
                case >= 0xC0 and <= 0xCF when marker is not (0xC4 or 0xC8 or 0xCC):
                    if (marker is not (0xC0 or 0xC1 or 0xC2)) { reason = $"frame type 0xFF{marker:X2} (lossless, hierarchical or arithmetic) has no DCT tables to read"; return null; }
                    components = ReadFrame(body, out width, out height, out reason);
                    if (components is null) return null;
                    progressive = marker == 0xC2;
                    break;
                case 0xDA:
                    if (components is null) { reason = "image data (SOS) before any frame header (SOF)"; return null; }
                    if (tables.Count == 0) { reason = "no quantisation table (DQT) before the image data"; return null; }
                    foreach (var c in components)
                        if (!tables.ContainsKey(c.Table)) { reason = $"component {c.Id} uses quantisation table {c.Table}, which the file does not define"; return null; }
                    return new JpegHeader(tables, components, width, height, progressive, orientation);
            }
        }
    }

    private static bool ReadTables(ReadOnlySpan<byte> body, Dictionary<int, int[]> tables, out string? reason)
    {
        reason = null;
        int at = 0;
        while (at < body.Length)
        {
            int precision = body[at] >> 4, id = body[at] & 15;
            at++;
            if (precision > 1 || id > 3) { reason = $"quantisation table with precision {precision} and id {id} (allowed: 0-1 and 0-3)"; return false; }
            int size = precision == 0 ? 1 : 2;
            if (at + 64 * size > body.Length) { reason = $"quantisation table {id} is cut short"; return false; }
            var table = new int[64];
            for (int k = 0; k < 64; k++)
            {
                int value = size == 1 ? body[at + k] : BinaryPrimitives.ReadUInt16BigEndian(body[(at + 2 * k)..]);
                if (value == 0) { reason = $"quantisation table {id} holds a zero step"; return false; }
                table[ZigZag[k]] = value;
            }
            tables[id] = table;
            at += 64 * size;
        }
        return true;
    }

    private static List<JpegComponent>? ReadFrame(ReadOnlySpan<byte> body, out int width, out int height, out string? reason)
    {
        width = height = 0;
        reason = null;
        if (body.Length < 6) { reason = "the frame header (SOF) is cut short"; return null; }
        height = BinaryPrimitives.ReadUInt16BigEndian(body[1..]);
        width = BinaryPrimitives.ReadUInt16BigEndian(body[3..]);
        int count = body[5];
        if (count == 0 || body.Length < 6 + 3 * count) { reason = $"the frame header (SOF) lists {count} components in {body.Length} bytes"; return null; }
        var components = new List<JpegComponent>(count);
        for (int i = 0; i < count; i++)
        {
            var c = body.Slice(6 + 3 * i, 3);
            components.Add(new JpegComponent(c[0], c[1] >> 4, c[1] & 15, c[2]));
        }
        return components;
    }
}
