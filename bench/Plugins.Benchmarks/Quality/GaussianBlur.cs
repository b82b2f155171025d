using System.Numerics.Tensors;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>
/// Separable Gaussian blur (radius 3 sigma, borders clamped), one plane at a time, rows in parallel.
/// Used by the metrics (SSIM windows, the pore-scale band pass) and by the blur baseline.
/// </summary>
public static class GaussianBlur
{
    public static PlanarImage Apply(PlanarImage source, float sigma)
    {
        var result = new PlanarImage(source.Width, source.Height, source.Channels);
        for (int c = 0; c < source.Channels; c++) ApplyPlane(source, c, result, sigma);
        return result;
    }

    public static float[] Kernel(float sigma)
    {
        int radius = Math.Max(1, (int)MathF.Ceiling(3 * sigma));
        var k = new float[2 * radius + 1];
        float sum = 0;
        for (int i = -radius; i <= radius; i++) sum += k[i + radius] = MathF.Exp(-i * i / (2 * sigma * sigma));
        for (int i = 0; i < k.Length; i++) k[i] /= sum;
        return k;
    }

    private static void ApplyPlane(PlanarImage source, int channel, PlanarImage destination, float sigma)
    {
        int w = source.Width, h = source.Height;
        var k = Kernel(sigma);
        int r = k.Length / 2;
        var temp = new float[w * h];
        // Vertical pass: each output row is a weighted sum of whole source rows (contiguous, SIMD).
        Parallel.For(0, h, y =>
        {
            var dst = temp.AsSpan(y * w, w);
            dst.Clear();
            for (int i = -r; i <= r; i++)
            {
                var src = source.Row(channel, Math.Clamp(y + i, 0, h - 1));
                TensorPrimitives.MultiplyAdd(src, k[i + r], dst, dst);
            }
        });
        // Horizontal pass on a padded copy of each row.
        Parallel.For(0, h, () => new float[w + 2 * r], (y, _, padded) =>
        {
            var row = temp.AsSpan(y * w, w);
            padded.AsSpan(0, r).Fill(row[0]);
            row.CopyTo(padded.AsSpan(r));
            padded.AsSpan(r + w).Fill(row[w - 1]);
            var dst = destination.Row(channel, y);
            dst.Clear();
            for (int i = 0; i <= 2 * r; i++)
                TensorPrimitives.MultiplyAdd(padded.AsSpan(i, w), k[i], dst, dst);
            return padded;
        }, _ => { });
    }
}
