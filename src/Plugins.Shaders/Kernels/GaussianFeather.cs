using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
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
    public static void Blur(float[] buffer, int width, int height, float sigma) => Blur(buffer, width, height, sigma, Vector256.IsHardwareAccelerated);

    /// <param name="simd">Column passes a vector of columns at a time (the same numbers; tests compare the two).</param>
    internal static void Blur(float[] buffer, int width, int height, float sigma, bool simd)
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
                ColumnsInGroups(width, simd, () => new double[(height + 1) * Group],
                    (x, sums) => BoxColumns(buffer, x, width, height, radius, sums),
                    (x, sums) => BoxLine(buffer, x, width, height, radius, sums));
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
        ColumnsInGroups(width, simd, () => new float[height * Group],
            (x, lines) => ConvolveColumns(buffer, x, width, height, kernel, lines),
            (x, line) =>
            {
                for (int y = 0; y < height; y++) line[y] = buffer[y * width + x];
                Convolve(line, height, kernel, buffer, x, width);
            });
    }

    /// <summary>Columns a column pass takes at once: one 256-bit vector of floats.</summary>
    private const int Group = 8;

    /// <summary>
    /// A column pass over <see cref="Group"/> adjacent columns at a time (SIMD lanes, each computing one column's scalar
    /// arithmetic in the same order, so the same numbers to the bit) and the last columns one by one: the scalar pass
    /// read one sample per cache line down every column.
    /// </summary>
    private static void ColumnsInGroups<T>(int width, bool simd, Func<T[]> scratch, Action<int, T[]> group, Action<int, T[]> single)
    {
        int groups = simd ? width / Group : 0, rest = width - groups * Group;
        Parallel.For(0, groups + rest, scratch, (g, _, buffer) =>
        {
            if (g < groups) group(g * Group, buffer);
            else single(groups * Group + g - groups, buffer);
            return buffer;
        }, _ => { });
    }

    /// <summary><see cref="BoxLine"/> down columns x .. x + 7, their prefix sums side by side in <paramref name="sums"/>.</summary>
    private static void BoxColumns(float[] buffer, int x, int width, int height, int radius, double[] sums)
    {
        ref float column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffer), x);
        ref double sum = ref MemoryMarshal.GetArrayDataReference(sums);
        Vector256<double> lower = Vector256<double>.Zero, upper = Vector256<double>.Zero;
        lower.StoreUnsafe(ref sum);
        upper.StoreUnsafe(ref sum, 4);
        for (int i = 0; i < height; i++)
        {
            var (l, u) = Vector256.Widen(Vector256.LoadUnsafe(ref column, (nuint)(i * width)));
            lower += l;
            upper += u;
            lower.StoreUnsafe(ref sum, (nuint)((i + 1) * Group));
            upper.StoreUnsafe(ref sum, (nuint)((i + 1) * Group + 4));
        }
        var norm = Vector256.Create(1.0 / (2 * radius + 1));
        for (int i = 0; i < height; i++)
        {
            int lo = Math.Max(0, i - radius) * Group, hi = Math.Min(height, i + radius + 1) * Group;
            var l = (Vector256.LoadUnsafe(ref sum, (nuint)hi) - Vector256.LoadUnsafe(ref sum, (nuint)lo)) * norm;
            var u = (Vector256.LoadUnsafe(ref sum, (nuint)(hi + 4)) - Vector256.LoadUnsafe(ref sum, (nuint)(lo + 4))) * norm;
            Vector256.Narrow(l, u).StoreUnsafe(ref column, (nuint)(i * width));
        }
    }

    /// <summary><see cref="Convolve"/> down columns x .. x + 7, copied out first (<paramref name="lines"/>, the eight side by side).</summary>
    private static void ConvolveColumns(float[] buffer, int x, int width, int height, float[] kernel, float[] lines)
    {
        ref float column = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(buffer), x);
        ref float line = ref MemoryMarshal.GetArrayDataReference(lines);
        for (int y = 0; y < height; y++) Vector256.LoadUnsafe(ref column, (nuint)(y * width)).StoreUnsafe(ref line, (nuint)(y * Group));
        int r = kernel.Length / 2;
        for (int y = 0; y < height; y++)
        {
            var sum = Vector256<float>.Zero;
            int k0 = Math.Max(-r, -y), k1 = Math.Min(r, height - 1 - y);
            for (int k = k0; k <= k1; k++) sum += Vector256.Create(kernel[k + r]) * Vector256.LoadUnsafe(ref line, (nuint)((y + k) * Group));
            sum.StoreUnsafe(ref column, (nuint)(y * width));
        }
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
