using System.Buffers;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.StyleBlit;

/// <summary>
/// Bilinear upsampling by a whole factor: a smooth guide plane (a feathered mask, a segmentation plane) drawn at
/// 1/factor of the size, whose pixel i covers full-size pixels [i·factor, (i + 1)·factor), brought to the full
/// size. Drawing and feathering at the reduced size costs 1/factor² as much, and a feather several pixels wide
/// loses nothing a guide can see.
/// </summary>
public static class GuideUpsample
{
    /// <summary>The reduced size for a full size of <paramref name="size"/> pixels.</summary>
    public static int Reduced(int size, int factor) => (size + factor - 1) / factor;

    public static PlanarImage Upsample(PlanarImage low, int factor, int width, int height, KernelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(low);
        if (factor < 1) throw new ArgumentOutOfRangeException(nameof(factor), factor, "factor must be at least 1");
        if (low.Width != Reduced(width, factor) || low.Height != Reduced(height, factor))
            throw new ArgumentException($"a {low.Width}x{low.Height} plane is not {width}x{height} reduced by {factor}");
        var result = new PlanarImage(width, height, low.Channels);
        int lw = low.Width, lh = low.Height;
        // Temporaries from the shared pool: the stylize render calls this for every face's mask and guide planes.
        var x0 = ArrayPool<int>.Shared.Rent(width); var x1 = ArrayPool<int>.Shared.Rent(width); var fx = ArrayPool<float>.Shared.Rent(width);
        var firstX = ArrayPool<int>.Shared.Rent(lw); var lastX = ArrayPool<int>.Shared.Rent(lw);
        var spanLo = ArrayPool<int>.Shared.Rent(lh); var spanHi = ArrayPool<int>.Shared.Rent(lh);
        try
        {
            // Taps and weights along x, the same for every row.
            for (int x = 0; x < width; x++) Tap((x + 0.5f) / factor - 0.5f, lw, out x0[x], out x1[x], out fx[x]);
            // Low column i is first read by output column firstX[i] (as x1) and last by lastX[i] (as x0); the taps
            // never decrease along x.
            for (int i = 0, x = 0; i < lw; i++) { while (x < width - 1 && x1[x] < i) x++; firstX[i] = x; }
            for (int i = lw - 1, x = width - 1; i >= 0; i--) { while (x > 0 && x0[x] > i) x--; lastX[i] = x; }
            for (int c = 0; c < low.Channels; c++)
            {
                var src = low.Data; int plane = c * low.PlaneSize;
                var dst = result.Data; int outPlane = c * result.PlaneSize;
                // Most of a feature plane (eyes, lips …) is exactly 0, and bilinear weights of zeros give +0, which the
                // new plane already holds: only the columns between a row's first and last non-zero are computed.
                NonZeroSpans(src.AsSpan(plane, low.PlaneSize), lw, lh, spanLo, spanHi);
                RowBands.For(height, options, (r0, r1) =>
                {
                    for (int y = r0; y < r1; y++)
                    {
                        Tap((y + 0.5f) / factor - 0.5f, lh, out int y0, out int y1, out float fy);
                        int lo = Math.Min(spanLo[y0], spanLo[y1]), hi = Math.Max(spanHi[y0], spanHi[y1]);
                        if (lo > hi) continue;
                        int a = plane + y0 * lw, b = plane + y1 * lw, o = outPlane + y * width;
                        for (int x = firstX[lo], end = lastX[hi]; x <= end; x++)
                        {
                            float top = src[a + x0[x]] + fx[x] * (src[a + x1[x]] - src[a + x0[x]]);
                            float bottom = src[b + x0[x]] + fx[x] * (src[b + x1[x]] - src[b + x0[x]]);
                            dst[o + x] = top + fy * (bottom - top);
                        }
                    }
                }, minRowsPerBand: 32);
            }
        }
        finally
        {
            ArrayPool<int>.Shared.Return(x0); ArrayPool<int>.Shared.Return(x1); ArrayPool<float>.Shared.Return(fx);
            ArrayPool<int>.Shared.Return(firstX); ArrayPool<int>.Shared.Return(lastX);
            ArrayPool<int>.Shared.Return(spanLo); ArrayPool<int>.Shared.Return(spanHi);
        }
        return result;
    }

    /// <summary>For each row, the first and last column that is not 0 (lo &gt; hi when the row is all 0).</summary>
    private static void NonZeroSpans(ReadOnlySpan<float> plane, int width, int height, int[] lo, int[] hi)
    {
        for (int y = 0; y < height; y++)
        {
            var row = plane.Slice(y * width, width);
            int first = 0;
            while (first < width && row[first] == 0) first++;
            int last = width - 1;
            while (last > first && row[last] == 0) last--;
            lo[y] = first; hi[y] = first < width ? last : -1;
        }
    }

    private static void Tap(float position, int size, out int i0, out int i1, out float f)
    {
        float p = Math.Clamp(position, 0, size - 1);
        i0 = (int)p;
        i1 = Math.Min(i0 + 1, size - 1);
        f = p - i0;
    }
}
