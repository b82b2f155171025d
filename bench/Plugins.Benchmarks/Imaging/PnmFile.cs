using System.Text;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Benchmarks.Imaging;

/// <summary>
/// Binary PPM (P6) / PGM (P5), 8 or 16 bit: the exchange format with the G'MIC subprocess and between the
/// bench and its child processes. Uncompressed, so reading and writing cost little next to the methods timed.
/// </summary>
public static class PnmFile
{
    public static void Write(string path, PlanarImage image, bool sixteenBit = false)
    {
        if (image.Channels is not (1 or 3)) throw new ArgumentException($"PNM holds 1 or 3 channels, not {image.Channels}");
        int max = sixteenBit ? 65535 : 255, bytesPerSample = sixteenBit ? 2 : 1;
        var header = Encoding.ASCII.GetBytes($"{(image.Channels == 3 ? "P6" : "P5")}\n{image.Width} {image.Height}\n{max}\n");
        var row = new byte[image.Width * image.Channels * bytesPerSample];
        string temp = path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            stream.Write(header);
            for (int y = 0; y < image.Height; y++)
            {
                int i = 0;
                for (int x = 0; x < image.Width; x++)
                    for (int c = 0; c < image.Channels; c++)
                    {
                        int v = (int)MathF.Round(Math.Clamp(image[c, x, y], 0f, 1f) * max);
                        if (sixteenBit) { row[i++] = (byte)(v >> 8); row[i++] = (byte)v; }
                        else row[i++] = (byte)v;
                    }
                stream.Write(row);
            }
        }
        File.Move(temp, path, overwrite: true);
    }

    public static PlanarImage Read(string path)
    {
        using var stream = new BufferedStream(File.OpenRead(path), 1 << 20);
        string magic = Token(stream, path);
        int channels = magic switch
        {
            "P6" => 3,
            "P5" => 1,
            _ => throw new InvalidDataException($"{path}: not a binary PPM/PGM (magic '{magic}')"),
        };
        int width = int.Parse(Token(stream, path)), height = int.Parse(Token(stream, path)), max = int.Parse(Token(stream, path));
        if (width <= 0 || height <= 0 || max is <= 0 or > 65535) throw new InvalidDataException($"{path}: bad header {width}x{height} max {max}");
        int bytesPerSample = max > 255 ? 2 : 1;
        var image = new PlanarImage(width, height, channels);
        var row = new byte[width * channels * bytesPerSample];
        float maxValue = max;
        for (int y = 0; y < height; y++)
        {
            stream.ReadExactly(row);
            int i = 0;
            for (int x = 0; x < width; x++)
                for (int c = 0; c < channels; c++)
                {
                    int v = bytesPerSample == 2 ? (row[i] << 8) | row[i + 1] : row[i];
                    i += bytesPerSample;
                    image[c, x, y] = v / maxValue; // division, not a reciprocal multiply: exact on the 8-bit grid the metrics use
                }
        }
        return image;
    }

    /// <summary>Next whitespace-separated header token, skipping '#' comments; consumes one whitespace after it.</summary>
    private static string Token(Stream stream, string path)
    {
        var sb = new StringBuilder();
        while (true)
        {
            int b = stream.ReadByte();
            if (b < 0) throw new InvalidDataException($"{path}: header ends early");
            if (b == '#') { while (b >= 0 && b != '\n') b = stream.ReadByte(); continue; }
            if (char.IsWhiteSpace((char)b)) { if (sb.Length > 0) return sb.ToString(); continue; }
            sb.Append((char)b);
        }
    }
}
