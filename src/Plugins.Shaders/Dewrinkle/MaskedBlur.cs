using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Dewrinkle;

/// <summary>
/// Normalised convolution (Knutsson and Westin): G(m v) / G(m), a blur that averages only where the
/// confidence m is high, so values outside a garment (background, skin, another garment) never bleed in
/// and no halo forms at its edge. Where the confidence around a pixel is negligible the value falls back
/// to the masked mean of the whole plane (a constant, so it adds no edge).
/// </summary>
public static class MaskedBlur
{
    /// <summary>G(m) below this counts as "no garment near": far from the mask, the blur has nothing to average.</summary>
    private const float MinimumWeight = 1e-4f;

    /// <summary>The normalised-convolution blur of <paramref name="values"/> with confidence <paramref name="mask"/> (both width x height).</summary>
    public static float[] Apply(float[] values, float[] mask, int width, int height, float sigma, KernelOptions? options = null)
    {
        if (values.Length != mask.Length || values.Length != width * height)
            throw new ArgumentException($"masked blur: plane of {values.Length} and mask of {mask.Length} samples for {width}x{height}");
        var weighted = new float[values.Length];
        for (int i = 0; i < weighted.Length; i++) weighted[i] = values[i] * mask[i];
        var num = NearGaussian.Blur(weighted, width, height, sigma, options);
        var den = NearGaussian.Blur(mask, width, height, sigma, options);
        float fallback = MaskedMean(values, mask);
        for (int i = 0; i < num.Length; i++)
            num[i] = den[i] > MinimumWeight ? num[i] / den[i] : fallback;
        return num;
    }

    /// <summary>
    /// <paramref name="values"/> inside the mask, its normalised-convolution extension outside:
    /// m v + (1 - m) G(m v) / G(m). Filters that cannot be masked themselves (guided filter, derivatives) then
    /// see no edge where the garment ends.
    /// </summary>
    public static float[] FillOutside(float[] values, float[] mask, int width, int height, float sigma, KernelOptions? options = null)
    {
        var fill = Apply(values, mask, width, height, sigma, options);
        for (int i = 0; i < fill.Length; i++)
        {
            float m = Math.Clamp(mask[i], 0f, 1f);
            fill[i] = m * values[i] + (1 - m) * fill[i];
        }
        return fill;
    }

    /// <summary>The mask-weighted mean (0 for an empty mask).</summary>
    public static float MaskedMean(float[] values, float[] mask)
    {
        double sum = 0, weight = 0;
        for (int i = 0; i < values.Length; i++) { sum += (double)values[i] * mask[i]; weight += mask[i]; }
        return weight > 0 ? (float)(sum / weight) : 0f;
    }
}
