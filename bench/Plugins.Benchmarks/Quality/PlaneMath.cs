using RetouchPlugins.Shaders;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>Small per-pixel helpers shared by the metrics and the generator.</summary>
public static class PlaneMath
{
    /// <summary>Rec. 601 luma of an RGB image, one plane.</summary>
    public static PlanarImage Luma(PlanarImage rgb)
    {
        RequireRgb(rgb);
        var y = new PlanarImage(rgb.Width, rgb.Height, 1);
        var r = rgb.Plane(0); var g = rgb.Plane(1); var b = rgb.Plane(2); var d = y.Plane(0);
        for (int i = 0; i < d.Length; i++) d[i] = 0.299f * r[i] + 0.587f * g[i] + 0.114f * b[i];
        return y;
    }

    /// <summary>Rounds every sample to the 8-bit grid, as a file written and read back would.</summary>
    public static PlanarImage Quantize8(PlanarImage image)
    {
        var q = image.Clone();
        var d = q.Data;
        for (int i = 0; i < d.Length; i++) d[i] = MathF.Round(Math.Clamp(d[i], 0f, 1f) * 255f) / 255f;
        return q;
    }

    public static void RequireRgb(PlanarImage image)
    {
        if (image.Channels < 3) throw new ArgumentException($"an RGB image is needed, this one has {image.Channels} channel(s)");
    }

    public static void RequireSameSize(PlanarImage a, PlanarImage b, string what)
    {
        if (!a.SameSize(b)) throw new ArgumentException($"{what}: {a.Width}x{a.Height} and {b.Width}x{b.Height} differ in size");
    }

    /// <summary>Max filter of a binary (&gt;= 0.5) mask by a square of the given radius: 1 inside, 0 outside.</summary>
    public static PlanarImage Dilate(PlanarImage mask, int radius)
    {
        int w = mask.Width, h = mask.Height;
        var rows = new PlanarImage(w, h, 1);
        var result = new PlanarImage(w, h, 1);
        var src = mask.Data; var tmp = rows.Data; var dst = result.Data;
        Parallel.For(0, h, y =>
        {
            int last = int.MinValue / 2;
            // Distance to the nearest set pixel to the left and to the right, in one sweep each.
            for (int x = 0; x < w; x++) { if (src[y * w + x] >= 0.5f) last = x; tmp[y * w + x] = x - last <= radius ? 1 : 0; }
            last = int.MaxValue / 2;
            for (int x = w - 1; x >= 0; x--) { if (src[y * w + x] >= 0.5f) last = x; if (last - x <= radius) tmp[y * w + x] = 1; }
        });
        Parallel.For(0, w, x =>
        {
            int last = int.MinValue / 2;
            for (int y = 0; y < h; y++) { if (tmp[y * w + x] >= 0.5f) last = y; dst[y * w + x] = y - last <= radius ? 1 : 0; }
            last = int.MaxValue / 2;
            for (int y = h - 1; y >= 0; y--) { if (tmp[y * w + x] >= 0.5f) last = y; if (last - y <= radius) dst[y * w + x] = 1; }
        });
        return result;
    }
}
