using RetouchPlugins.Shaders.Masks;
namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Separable Gaussian blur of a small local buffer (outside it counts as zero): softens region edges.
/// Up to <see cref="ExactSigmaLimit"/> the kernel is the sampled Gaussian; wider feathers (a close-up's face
/// oval, tens of pixels) use three box passes of the same variance, O(1) per pixel whatever the width,
/// which a feather's soft edge cannot tell apart from the Gaussian. Rows and columns run in parallel.
/// </summary>
public static class GaussianFeather
{
    /// <summary>Above this sigma (pixels) three box passes stand in for the sampled kernel.</summary>
    public const float ExactSigmaLimit = 8f;

    /// <summary>Blurs <paramref name="buffer"/> (width x height) in place with standard deviation <paramref name="sigma"/> pixels.</summary>
    public static void Blur(float[] buffer, int width, int height, float sigma)
    {
        if (sigma < 0.3f) return;
        if (sigma > ExactSigmaLimit)
        {
            foreach (int r in BoxRadii(sigma))
            {
                int radius = r;
                Parallel.For(0, height, () => new double[width + 1], (y, _, sums) =>
                {
                    BoxLine(buffer, y * width, 1, width, radius, sums);
                    return sums;
                }, _ => { });
                Parallel.For(0, width, () => new double[height + 1], (x, _, sums) =>
                {
                    BoxLine(buffer, x, width, height, radius, sums);
                    return sums;
                }, _ => { });
            }
            return;
        }
        var kernel = Kernel(sigma);
        Parallel.For(0, height, () => new float[width], (y, _, line) =>
        {
            var row = buffer.AsSpan(y * width, width);
            row.CopyTo(line);
            Convolve(line, width, kernel, row, 0, 1);
            return line;
        }, _ => { });
        Parallel.For(0, width, () => new float[height], (x, _, line) =>
        {
            for (int y = 0; y < height; y++) line[y] = buffer[y * width + x];
            Convolve(line, height, kernel, buffer, x, width);
            return line;
        }, _ => { });
    }

    /// <summary>How far (pixels) a blur of <paramref name="sigma"/> reaches.</summary>
    public static int Reach(float sigma) => sigma < 0.3f ? 0 : (int)MathF.Ceiling(3 * sigma);

    private static void Convolve(float[] line, int length, float[] kernel, Span<float> target, int offset, int stride)
    {
        int r = kernel.Length / 2;
        for (int x = 0; x < length; x++)
        {
            float sum = 0;
            int k0 = Math.Max(-r, -x), k1 = Math.Min(r, length - 1 - x);
            for (int k = k0; k <= k1; k++) sum += kernel[k + r] * line[x + k];
            target[offset + x * stride] = sum;
        }
    }

    /// <summary>
    /// Three box radii whose passes together have the variance sigma² (Wells 1986 / Kovesi's "boxes for Gauss":
    /// m passes of width w_l and the rest of width w_l + 2).
    /// </summary>
    internal static int[] BoxRadii(float sigma)
    {
        const int passes = 3;
        double ideal = Math.Sqrt(12.0 * sigma * sigma / passes + 1);
        int wl = (int)Math.Floor(ideal);
        if (wl % 2 == 0) wl--;
        int wu = wl + 2;
        double mIdeal = (12.0 * sigma * sigma - passes * wl * wl - 4.0 * passes * wl - 3.0 * passes) / (-4.0 * wl - 4);
        int m = (int)Math.Round(mIdeal);
        var radii = new int[passes];
        for (int i = 0; i < passes; i++) radii[i] = ((i < m ? wl : wu) - 1) / 2;
        return radii;
    }

    /// <summary>One box pass (zeros outside) along a line of <paramref name="length"/> samples, in place, through prefix sums (double, so long lines keep exact zeros near 0).</summary>
    private static void BoxLine(float[] buffer, int start, int stride, int length, int radius, double[] sums)
    {
        sums[0] = 0;
        for (int i = 0; i < length; i++) sums[i + 1] = sums[i] + buffer[start + i * stride];
        double norm = 1.0 / (2 * radius + 1);
        for (int i = 0; i < length; i++)
        {
            int lo = Math.Max(0, i - radius), hi = Math.Min(length, i + radius + 1);
            buffer[start + i * stride] = (float)((sums[hi] - sums[lo]) * norm);
        }
    }

    private static float[] Kernel(float sigma)
    {
        int r = Reach(sigma);
        var k = new float[2 * r + 1];
        float sum = 0;
        for (int i = -r; i <= r; i++) sum += k[i + r] = MathF.Exp(-i * i / (2 * sigma * sigma));
        for (int i = 0; i < k.Length; i++) k[i] /= sum;
        return k;
    }
}
