using System.Numerics;
using System.Runtime.InteropServices;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// Converts between libvips' interleaved 8/16-bit samples and our planar floats in [0, 1], in parallel over rows.
/// Quantisation rounds to nearest, so 8-bit and 16-bit values survive a float round trip exactly.
/// </summary>
internal static unsafe class PixelLayout
{
    /// <summary>
    /// Interleaved source with <paramref name="bands"/> bands (1 grey, 2 grey+alpha, 3 RGB, 4 RGBA) into
    /// an RGB or RGBA planar image; grey is copied into R, G and B.
    /// </summary>
    public static PlanarImage ToPlanar(IntPtr source, int width, int height, int bands, bool sixteenBit)
    {
        bool alpha = bands is 2 or 4;
        int colour = bands >= 3 ? 3 : 1;
        var image = new PlanarImage(width, height, alpha ? 4 : 3);
        var levels = Levels(sixteenBit);
        Parallel.For(0, height, y =>
        {
            long rowStart = (long)y * width * bands;
            if (bands == 3 && !sixteenBit)
            {
                // RGB, the photos users have: one pass along the row (a pass per plane reads it three times).
                var src = new ReadOnlySpan<byte>((byte*)source + rowStart, width * 3);
                Span<float> r = image.Row(0, y), g = image.Row(1, y), b = image.Row(2, y);
                for (int x = 0, i = 0; x < width; x++, i += 3) { r[x] = levels[src[i]]; g[x] = levels[src[i + 1]]; b[x] = levels[src[i + 2]]; }
                return;
            }
            for (int c = 0; c < image.Channels; c++)
            {
                // Which source band feeds output channel c.
                int band = c < 3 ? (colour == 3 ? c : 0) : bands - 1;
                var row = image.Row(c, y);
                if (sixteenBit)
                {
                    var src = (ushort*)source + rowStart + band;
                    for (int x = 0; x < width; x++) row[x] = levels[src[(long)x * bands]];
                }
                else
                {
                    var src = (byte*)source + rowStart + band;
                    for (int x = 0; x < width; x++) row[x] = levels[src[(long)x * bands]];
                }
            }
        });
        return image;
    }

    /// <summary>
    /// Every level's float, k / max: a divide (not a multiply by a reciprocal) so each level maps to exactly the float
    /// callers write; made once per image and read per sample instead of dividing 72 million times at 24 MP.
    /// </summary>
    private static float[] Levels(bool sixteenBit)
    {
        var levels = new float[sixteenBit ? 65536 : 256];
        float max = levels.Length - 1;
        for (int k = 0; k < levels.Length; k++) levels[k] = k / max;
        return levels;
    }

    /// <summary>Interleaves the first <paramref name="channels"/> planes as 8- or 16-bit samples, clamping to [0, 1].</summary>
    public static byte[] ToInterleaved(PlanarImage image, int channels, bool sixteenBit)
    {
        int width = image.Width;
        int bytesPerSample = sixteenBit ? 2 : 1;
        // Every byte is written below, so the array need not be zeroed first.
        var buffer = GC.AllocateUninitializedArray<byte>(checked(width * image.Height * channels * bytesPerSample));
        fixed (byte* start = buffer)
        {
            var basePtr = (IntPtr)start;
            // Each row's planes are rounded into one scratch row per channel, then written out pixel by pixel in one pass.
            Parallel.For(0, image.Height, () => new byte[channels * width * bytesPerSample], (y, _, scratch) =>
            {
                long rowStart = (long)y * width * channels;
                if (sixteenBit)
                {
                    var rows = MemoryMarshal.Cast<byte, ushort>(scratch.AsSpan());
                    for (int c = 0; c < channels; c++) Quantise16(image.Row(c, y), rows.Slice(c * width, width));
                    Interleave(rows, new Span<ushort>((ushort*)basePtr + rowStart, width * channels), channels, width);
                }
                else
                {
                    for (int c = 0; c < channels; c++) Quantise8(image.Row(c, y), scratch.AsSpan(c * width, width));
                    Interleave<byte>(scratch, new Span<byte>((byte*)basePtr + rowStart, width * channels), channels, width);
                }
                return scratch;
            }, _ => { });
        }
        return buffer;
    }

    /// <summary><paramref name="channels"/> rows of <paramref name="width"/> samples, one after another, as one interleaved row.</summary>
    private static void Interleave<T>(ReadOnlySpan<T> rows, Span<T> interleaved, int channels, int width)
    {
        switch (channels)
        {
            case 3:
                ReadOnlySpan<T> r = rows[..width], g = rows.Slice(width, width), b = rows.Slice(2 * width, width);
                for (int x = 0, i = 0; x < width; x++, i += 3) { interleaved[i] = r[x]; interleaved[i + 1] = g[x]; interleaved[i + 2] = b[x]; }
                break;
            case 1:
                rows[..width].CopyTo(interleaved);
                break;
            default:
                for (int c = 0; c < channels; c++)
                    for (int x = 0; x < width; x++) interleaved[x * channels + c] = rows[c * width + x];
                break;
        }
    }

    /// <summary>(byte)(clamp(v, 0, 1) · 255 + 0.5) for a row, eight or more at a time: the same operations in the same order.</summary>
    internal static void Quantise8(ReadOnlySpan<float> row, Span<byte> levels)
    {
        int x = 0, n = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(255f); var half = new Vector<float>(0.5f);
            for (; x <= row.Length - 4 * n; x += 4 * n)
            {
                var a = Vector.ConvertToInt32(Vector.Min(Vector.Max(new Vector<float>(row.Slice(x)), Vector<float>.Zero), Vector<float>.One) * scale + half);
                var b = Vector.ConvertToInt32(Vector.Min(Vector.Max(new Vector<float>(row.Slice(x + n)), Vector<float>.Zero), Vector<float>.One) * scale + half);
                var c = Vector.ConvertToInt32(Vector.Min(Vector.Max(new Vector<float>(row.Slice(x + 2 * n)), Vector<float>.Zero), Vector<float>.One) * scale + half);
                var d = Vector.ConvertToInt32(Vector.Min(Vector.Max(new Vector<float>(row.Slice(x + 3 * n)), Vector<float>.Zero), Vector<float>.One) * scale + half);
                Vector.AsVectorByte(Vector.Narrow(Vector.Narrow(a, b), Vector.Narrow(c, d))).CopyTo(levels.Slice(x));
            }
        }
        for (; x < row.Length; x++) levels[x] = (byte)(Math.Clamp(row[x], 0f, 1f) * 255f + 0.5f);
    }

    /// <summary>(ushort)(clamp(v, 0, 1) · 65535 + 0.5) for a row, as <see cref="Quantise8"/>.</summary>
    internal static void Quantise16(ReadOnlySpan<float> row, Span<ushort> levels)
    {
        int x = 0, n = Vector<float>.Count;
        if (Vector.IsHardwareAccelerated)
        {
            var scale = new Vector<float>(65535f); var half = new Vector<float>(0.5f);
            for (; x <= row.Length - 2 * n; x += 2 * n)
            {
                var a = Vector.ConvertToUInt32(Vector.Min(Vector.Max(new Vector<float>(row.Slice(x)), Vector<float>.Zero), Vector<float>.One) * scale + half);
                var b = Vector.ConvertToUInt32(Vector.Min(Vector.Max(new Vector<float>(row.Slice(x + n)), Vector<float>.Zero), Vector<float>.One) * scale + half);
                Vector.Narrow(a, b).CopyTo(levels.Slice(x));
            }
        }
        for (; x < row.Length; x++) levels[x] = (ushort)(Math.Clamp(row[x], 0f, 1f) * 65535f + 0.5f);
    }
}
