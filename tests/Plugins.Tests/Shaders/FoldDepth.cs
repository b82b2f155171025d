using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Dewrinkle;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>How much of a vertical synthetic fold's log-luminance depth a de-wrinkle removed, along its centre line.</summary>
internal static class FoldDepth
{
    public static float LogY(PlanarImage image, int x, int y) =>
        MathF.Log(0.2126f * Oklab.SrgbToLinear(image[0, x, y]) + 0.7152f * Oklab.SrgbToLinear(image[1, x, y])
                  + 0.0722f * Oklab.SrgbToLinear(image[2, x, y]) + FoldFlattening.LogOffset);

    /// <summary>
    /// 1 − (depth left) / (depth painted), summed over rows [<paramref name="margin"/>, size − margin) and the columns within
    /// <paramref name="halfWidth"/> of the centre (away from the fold's ends).
    /// </summary>
    public static double Removed(PlanarImage clean, PlanarImage folded, PlanarImage result, int halfWidth, int margin = 150)
    {
        double before = 0, after = 0;
        int centre = clean.Width / 2;
        for (int y = margin; y < clean.Height - margin; y++)
            for (int x = centre - halfWidth; x <= centre + halfWidth; x++)
            {
                before += LogY(clean, x, y) - LogY(folded, x, y);
                after += LogY(clean, x, y) - LogY(result, x, y);
            }
        return 1 - after / before;
    }
}
