using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shaders.Masks;

/// <summary>
/// Grey-level opening (minimum then maximum over a square) of a one-plane mask: removes specks and strands
/// narrower than the square, such as lit strands of hair that match the skin colour, and keeps solid
/// areas (neck, shoulders, arms) as they were.
/// </summary>
public static class MorphologicalOpening
{
    public static PlanarImage Apply(PlanarImage mask, int radius)
    {
        if (radius <= 0) return mask.Clone();
        var eroded = Filter(Filter(mask, radius, horizontal: true, MathF.Min), radius, horizontal: false, MathF.Min);
        return Filter(Filter(eroded, radius, horizontal: true, MathF.Max), radius, horizontal: false, MathF.Max);
    }

    private static PlanarImage Filter(PlanarImage source, int radius, bool horizontal, Func<float, float, float> pick)
    {
        int w = source.Width, h = source.Height;
        var result = new PlanarImage(w, h, 1);
        var src = source.Data; var dst = result.Data;
        int lines = horizontal ? h : w, length = horizontal ? w : h, step = horizontal ? 1 : w;
        Parallel.For(0, lines, line =>
        {
            int start = horizontal ? line * w : line;
            for (int i = 0; i < length; i++)
            {
                int lo = Math.Max(0, i - radius), hi = Math.Min(length - 1, i + radius);
                float v = src[start + lo * step];
                for (int k = lo + 1; k <= hi; k++) v = pick(v, src[start + k * step]);
                dst[start + i * step] = v;
            }
        });
        return result;
    }
}
