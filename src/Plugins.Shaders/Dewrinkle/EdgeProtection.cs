using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Dewrinkle;

/// <summary>
/// Where flattening must hold back, as a weight in [0, 1] (1 = free to flatten): chromatic edges (prints,
/// coloured seams and piping: a fold changes lightness, almost never hue) P_c = 1 - smoothstep(0.02, 0.06, g_ab)
/// and step edges of the base (seams, garment overlaps, pleat edges: a fold is a ridge, not a step)
/// P_e = 1 - smoothstep(0.05, 0.15, g_B). Both gradients are per texture-scale (the per-pixel gradient times
/// that scale), so the thresholds read as a change across one texture scale whatever the working size.
/// </summary>
public static class EdgeProtection
{
    public const float ChromaLow = 0.02f, ChromaHigh = 0.06f;
    public const float StepLow = 0.05f, StepHigh = 0.15f;

    /// <param name="chromaA">Oklab a, width x height.</param>
    /// <param name="chromaB">Oklab b.</param>
    /// <param name="basePlane">The base band B (log luminance).</param>
    /// <param name="scale">The texture scale in pixels (gradients are smoothed and multiplied by it).</param>
    /// <param name="protect">0 = no protection, 1 = full.</param>
    /// <returns>The protection, and its chromatic part alone (where prints and coloured seams are).</returns>
    public static (float[] Weight, float[] Chroma) Measure(float[] chromaA, float[] chromaB, float[] basePlane, int width, int height, float scale, float protect,
        KernelOptions? options = null)
    {
        var a = NearGaussian.Blur(chromaA, width, height, scale, options);
        var b = NearGaussian.Blur(chromaB, width, height, scale, options);
        var weight = new float[basePlane.Length];
        var chromaWeight = new float[basePlane.Length];
        RowBands.For(height, options, (y0, y1) =>
        {
            for (int y = y0; y < y1; y++)
                for (int x = 0; x < width; x++)
                {
                    int i = y * width + x;
                    float chroma = MathF.Sqrt(Gradient2(a, width, height, x, y) + Gradient2(b, width, height, x, y)) * scale;
                    float step = MathF.Sqrt(Gradient2(basePlane, width, height, x, y)) * scale;
                    float keepChroma = 1 - RidgeLikelihood.SmoothStep(ChromaLow, ChromaHigh, chroma);
                    float keep = keepChroma * (1 - RidgeLikelihood.SmoothStep(StepLow, StepHigh, step));
                    weight[i] = 1 - protect * (1 - keep);
                    chromaWeight[i] = 1 - protect * (1 - keepChroma);
                }
        });
        return (weight, chromaWeight);
    }

    /// <summary>Squared central-difference gradient magnitude at (x, y), one-sided at the border.</summary>
    private static float Gradient2(float[] p, int width, int height, int x, int y)
    {
        int row = y * width;
        float gx = 0.5f * (p[row + Math.Min(width - 1, x + 1)] - p[row + Math.Max(0, x - 1)]);
        float gy = 0.5f * (p[Math.Min(height - 1, y + 1) * width + x] - p[Math.Max(0, y - 1) * width + x]);
        return gx * gx + gy * gy;
    }
}
