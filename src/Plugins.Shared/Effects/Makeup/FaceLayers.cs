using RetouchPlugins.Shaders.Solvers;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Guo and Sim's decomposition of a face patch in CIELAB: lightness L = structure s + detail d, with s from
/// weighted-least-squares smoothing whose strength β drops near the eyes, brows and lips (so their edges
/// stay in the structure and the detail layer holds skin texture only); colour is a* b*. Also the zone-local
/// smoothing every transfer uses to read a region's colour without its texture.
/// </summary>
internal static class FaceLayers
{
    /// <summary>Guo and Sim: α = 1.2, λ = 0.2; k = 0.7 near the brows, 1 near the other features.</summary>
    private const float Alpha = 1.2f, Lambda = 0.2f, BrowK = 0.7f;

    /// <summary>
    /// β(p) = min over q of (1 − k(q) exp(−|q − p|² / 2σ²)), σ² = min(H, W) / 25; approximated by a Gaussian
    /// blur of the feature masks (scaled so the feature itself reaches k) instead of a distance transform.
    /// </summary>
    public static float[] Beta(MakeupZoneMasks zones)
    {
        int w = zones.Width, h = zones.Height;
        float sigma = MathF.Sqrt(Math.Min(w, h) / 25f);
        var features = new float[w * h];
        var brows = (float[])zones.Brows.Clone();
        for (int i = 0; i < features.Length; i++) features[i] = MathF.Max(zones.EyesAndMouth[i], zones.Lips[i] > 0.5f ? 1 : 0);
        GaussianFeather.Blur(features, w, h, sigma);
        GaussianFeather.Blur(brows, w, h, sigma);
        var beta = new float[w * h];
        for (int i = 0; i < beta.Length; i++)
            beta[i] = 1 - MathF.Max(Math.Clamp(2 * features[i], 0, 1), BrowK * Math.Clamp(2 * brows[i], 0, 1));
        return beta;
    }

    /// <summary>The structure layer of a lightness plane (CIELAB L, 0..100).</summary>
    public static float[] Structure(ReadOnlySpan<float> lightness, float[] beta, int width, int height, CancellationToken cancellation)
    {
        var l = new float[lightness.Length];
        for (int i = 0; i < l.Length; i++) l[i] = lightness[i] / 100f;
        var s = WeightedLeastSquares.Smooth(l, beta, width, height, Lambda, Alpha, cancellation: cancellation);
        for (int i = 0; i < s.Length; i++) s[i] *= 100f;
        return s;
    }

    /// <summary>
    /// The weighted local mean of <paramref name="values"/> over <paramref name="weights"/> (Gaussian of
    /// <paramref name="sigma"/>): a region's colour at each pixel, without its texture and without colour from
    /// outside the region. Where no weight reaches, <paramref name="fallback"/>.
    /// </summary>
    public static float[] LocalMean(ReadOnlySpan<float> values, ReadOnlySpan<float> weights, ReadOnlySpan<float> fallback, int width, int height, float sigma)
    {
        var num = new float[values.Length];
        var den = new float[values.Length];
        for (int i = 0; i < num.Length; i++) { num[i] = values[i] * weights[i]; den[i] = weights[i]; }
        GaussianFeather.Blur(num, width, height, sigma);
        GaussianFeather.Blur(den, width, height, sigma);
        var mean = new float[values.Length];
        for (int i = 0; i < mean.Length; i++) mean[i] = den[i] > 1e-4f ? num[i] / den[i] : fallback[i];
        return mean;
    }

    /// <summary>The weighted mean of a plane over a mask; NaN for an empty mask.</summary>
    public static float Mean(ReadOnlySpan<float> values, ReadOnlySpan<float> weights)
    {
        double sum = 0, total = 0;
        for (int i = 0; i < values.Length; i++) { sum += (double)values[i] * weights[i]; total += weights[i]; }
        return total > 1e-6 ? (float)(sum / total) : float.NaN;
    }
}
