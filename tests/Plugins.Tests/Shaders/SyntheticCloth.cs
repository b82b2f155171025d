using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Dewrinkle;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>What the de-wrinkle kernel tests share: the layer over a whole synthetic cloth, and a two-ink printed patch.</summary>
internal static class SyntheticCloth
{
    /// <summary>The de-wrinkle over the whole of <paramref name="image"/> (mask 1 everywhere) with <paramref name="options"/>.</summary>
    public static FoldFlatteningResult Flatten(PlanarImage image, FoldFlatteningOptions options)
    {
        var mask = new PlanarImage(image.Width, image.Height, 1);
        Array.Fill(mask.Data, 1f);
        return FoldFlattening.Render(image, mask, options);
    }

    /// <summary>
    /// Diagonal red and blue stripes (period 16 px) over [x0, x0 + w) x [y0, y0 + h) of <paramref name="cloth"/>, each ink
    /// modulated by <paramref name="weave"/>'s threads (its green level over 0.45) and rounded to 8 bits, like the
    /// benchmark's printed patch.
    /// </summary>
    public static void PrintStripes(PlanarImage cloth, PlanarImage weave, int x0, int y0, int w, int h)
    {
        (float R, float G, float B)[] inks = [(0.78f, 0.16f, 0.18f), (0.12f, 0.2f, 0.55f)];
        for (int y = y0; y < y0 + h; y++)
            for (int x = x0; x < x0 + w; x++)
            {
                var ink = inks[((x + y) / 16) & 1];
                float thread = weave[1, x, y] / 0.45f;
                cloth[0, x, y] = MathF.Round(Math.Clamp(ink.R * thread, 0, 1) * 255) / 255;
                cloth[1, x, y] = MathF.Round(Math.Clamp(ink.G * thread, 0, 1) * 255) / 255;
                cloth[2, x, y] = MathF.Round(Math.Clamp(ink.B * thread, 0, 1) * 255) / 255;
            }
    }
}
