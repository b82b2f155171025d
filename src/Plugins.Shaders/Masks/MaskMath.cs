using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Masks;

/// <summary>
/// Mask arithmetic shared by the skin effects. Every mask made here is exactly 0 wherever its source
/// mask is 0, so "outside the skin the output equals the input" holds bit for bit.
/// </summary>
public static class MaskMath
{
    /// <summary>a · (1 − b), clamped to [0, 1]: exactly 0 where a is 0.</summary>
    public static PlanarImage Without(PlanarImage a, PlanarImage b)
    {
        var m = new PlanarImage(a.Width, a.Height, 1);
        var pa = a.Data; var pb = b.Data; var pm = m.Data;
        for (int i = 0; i < pm.Length; i++)
            pm[i] = pa[i] <= 0 ? 0 : Math.Clamp(pa[i] * (1 - Math.Clamp(pb[i], 0, 1)), 0, 1);
        return m;
    }

    /// <summary>max(0, a − b): e.g. body skin = all skin minus face skin.</summary>
    public static PlanarImage Minus(PlanarImage a, PlanarImage b)
    {
        var m = new PlanarImage(a.Width, a.Height, 1);
        for (int i = 0; i < m.Data.Length; i++)
            m.Data[i] = a.Data[i] <= 0 ? 0 : Math.Clamp(a.Data[i] - b.Data[i], 0, 1);
        return m;
    }

    /// <summary>
    /// A smooth falloff at the mask's edge: the mask times a blurred copy of itself. Interior stays 1,
    /// the rim ramps down smoothly, and the result is still exactly 0 where the mask was 0.
    /// </summary>
    public static PlanarImage SoftenEdge(PlanarImage mask, int radius)
    {
        if (radius < 1) return mask.Clone();
        var blurred = SmoothBlur.Apply(mask, radius);
        var m = new PlanarImage(mask.Width, mask.Height, 1);
        for (int i = 0; i < m.Data.Length; i++)
            m.Data[i] = mask.Data[i] <= 0 ? 0 : Math.Clamp(mask.Data[i] * blurred.Data[i], 0, 1);
        return m;
    }

    /// <summary>True where any sample is above 0 inside the rectangle.</summary>
    public static bool AnyPositive(PlanarImage mask, PixelRect rect)
    {
        for (int y = rect.Y; y < rect.Bottom; y++)
            foreach (var v in mask.Row(0, y).Slice(rect.X, rect.Width))
                if (v > 0) return true;
        return false;
    }

    /// <summary>The smallest rectangle holding every sample above 0, or null when there is none.</summary>
    public static PixelRect? Bounds(PlanarImage mask)
    {
        // Bands of rows on all cores (a 24 MP garment mask is 24 M samples), merged under a lock.
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        var gate = new object();
        RowBands.For(mask.Height, null, (r0, r1) =>
        {
            int bx0 = int.MaxValue, by0 = int.MaxValue, bx1 = -1, by1 = -1;
            for (int y = r0; y < r1; y++)
            {
                var row = mask.Row(0, y);
                int first = 0, last = row.Length - 1;
                while (first < row.Length && !(row[first] > 0)) first++;
                if (first == row.Length) continue;
                while (!(row[last] > 0)) last--;
                if (first < bx0) bx0 = first;
                if (last > bx1) bx1 = last;
                if (by0 == int.MaxValue) by0 = y;
                by1 = y;
            }
            if (bx1 < 0) return;
            lock (gate)
            {
                x0 = Math.Min(x0, bx0); x1 = Math.Max(x1, bx1); y0 = Math.Min(y0, by0); y1 = Math.Max(y1, by1);
            }
        });
        return x1 < 0 ? null : new PixelRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    /// <summary>
    /// image ← image + w · (result − image) on the rectangle where <paramref name="result"/> and
    /// <paramref name="weight"/> (crops of that rectangle) live; RGB only, alpha untouched. Where w is 0
    /// the sample is not written at all, so it stays bit-identical. With <paramref name="exactAtFull"/>, a weight of
    /// 1 or more writes the result's sample itself (a + 1·(b − a) need not round to b).
    /// </summary>
    public static void Composite(PlanarImage image, PlanarImage result, PlanarImage weight, PixelRect rect, float scale = 1, bool exactAtFull = false)
    {
        int channels = Math.Min(3, image.Channels);
        Parallel.For(0, rect.Height, r =>
        {
            var w = weight.Row(0, r);
            for (int c = 0; c < channels; c++)
            {
                var dst = image.Row(c, rect.Y + r).Slice(rect.X, rect.Width);
                var src = result.Row(c, r);
                for (int x = 0; x < dst.Length; x++)
                {
                    float m = w[x] * scale;
                    if (exactAtFull && m >= 1) dst[x] = src[x];
                    else if (m > 0) dst[x] += Math.Min(m, 1f) * (src[x] - dst[x]);
                }
            }
        });
    }

    /// <summary>Elementwise max of <paramref name="source"/> (a crop at rect) into <paramref name="target"/>.</summary>
    public static void MaxInto(PlanarImage target, PlanarImage source, PixelRect rect)
    {
        RowBands.For(rect.Height, null, (r0, r1) =>
        {
            for (int r = r0; r < r1; r++)
            {
                var dst = target.Row(0, rect.Y + r).Slice(rect.X, rect.Width);
                var src = source.Row(0, r);
                for (int x = 0; x < dst.Length; x++) if (src[x] > dst[x]) dst[x] = src[x];
            }
        }, minRowsPerBand: 64);
    }

    /// <summary>
    /// Multiplies <paramref name="mask"/> (whose pixel (0, 0) is the photo's (<paramref name="offsetX"/>, <paramref name="offsetY"/>))
    /// by 0 within <paramref name="inner"/> pixels of any of <paramref name="points"/> (photo pixels), rising smoothly to 1
    /// at <paramref name="outer"/>: what the mask weights is left as it was around the points.
    /// </summary>
    public static void FadeAround(PlanarImage mask, int offsetX, int offsetY, IReadOnlyList<System.Numerics.Vector2> points, float inner, float outer)
    {
        outer = MathF.Max(outer, inner + 1);
        int reach = (int)MathF.Ceiling(outer);
        foreach (var p in points)
        {
            float px = p.X - offsetX, py = p.Y - offsetY;
            int x0 = Math.Max(0, (int)MathF.Floor(px) - reach), x1 = Math.Min(mask.Width - 1, (int)MathF.Ceiling(px) + reach);
            int y0 = Math.Max(0, (int)MathF.Floor(py) - reach), y1 = Math.Min(mask.Height - 1, (int)MathF.Ceiling(py) + reach);
            for (int y = y0; y <= y1; y++)
            {
                var row = mask.Row(0, y);
                for (int x = x0; x <= x1; x++)
                {
                    float d = MathF.Sqrt((x - px) * (x - px) + (y - py) * (y - py));
                    if (d >= outer) continue;
                    float t = Math.Clamp((d - inner) / (outer - inner), 0, 1);
                    row[x] *= t * t * (3 - 2 * t);
                }
            }
        }
    }
}
