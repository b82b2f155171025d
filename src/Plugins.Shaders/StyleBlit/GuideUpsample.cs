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
        // Taps and weights along x, the same for every row.
        var x0 = new int[width]; var x1 = new int[width]; var fx = new float[width];
        for (int x = 0; x < width; x++) Tap((x + 0.5f) / factor - 0.5f, lw, out x0[x], out x1[x], out fx[x]);
        for (int c = 0; c < low.Channels; c++)
        {
            var src = low.Data; int plane = c * low.PlaneSize;
            var dst = result.Data; int outPlane = c * result.PlaneSize;
            RowBands.For(height, options, (r0, r1) =>
            {
                for (int y = r0; y < r1; y++)
                {
                    Tap((y + 0.5f) / factor - 0.5f, lh, out int y0, out int y1, out float fy);
                    int a = plane + y0 * lw, b = plane + y1 * lw, o = outPlane + y * width;
                    for (int x = 0; x < width; x++)
                    {
                        float top = src[a + x0[x]] + fx[x] * (src[a + x1[x]] - src[a + x0[x]]);
                        float bottom = src[b + x0[x]] + fx[x] * (src[b + x1[x]] - src[b + x0[x]]);
                        dst[o + x] = top + fy * (bottom - top);
                    }
                }
            }, minRowsPerBand: 32);
        }
        return result;
    }

    /// <summary>The two samples around a position in sample units (centres, clamped at the border) and the weight of the second.</summary>
    public static void Tap(float position, int size, out int i0, out int i1, out float f)
    {
        float p = Math.Clamp(position, 0, size - 1);
        i0 = (int)p;
        i1 = Math.Min(i0 + 1, size - 1);
        f = p - i0;
    }
}
