namespace RetouchPlugins.Shaders.Color;

/// <summary>
/// Weighted histogram matching of one value distribution onto another: a monotone mapping that sends each
/// source quantile to the same quantile of the reference (the classic "equalise both, then invert the
/// reference's equalisation"). Weights are soft region masks, so a feathered region counts its rim less.
/// </summary>
public sealed class HistogramMatching
{
    private const int Bins = 512;
    private readonly float _low, _step;
    private readonly float[] _map;

    private HistogramMatching(float low, float step, float[] map) { _low = low; _step = step; _map = map; }

    /// <summary>
    /// The mapping from <paramref name="source"/> (weights <paramref name="sourceWeight"/>) to
    /// <paramref name="reference"/> (weights <paramref name="referenceWeight"/>); null when either side has no weight.
    /// </summary>
    public static HistogramMatching? Fit(ReadOnlySpan<float> source, ReadOnlySpan<float> sourceWeight,
        ReadOnlySpan<float> reference, ReadOnlySpan<float> referenceWeight)
    {
        float low = float.MaxValue, high = float.MinValue;
        Range(source, sourceWeight, ref low, ref high);
        Range(reference, referenceWeight, ref low, ref high);
        if (low > high) return null;
        if (high - low < 1e-6f) high = low + 1e-6f;
        float step = (high - low) / (Bins - 1);
        var sourceCdf = Cdf(source, sourceWeight, low, step);
        var referenceCdf = Cdf(reference, referenceWeight, low, step);
        if (sourceCdf is null || referenceCdf is null) return null;

        // For each source bin: the reference value at the same cumulative share (linear between reference bins).
        var map = new float[Bins];
        int j = 0;
        for (int i = 0; i < Bins; i++)
        {
            double q = sourceCdf[i];
            while (j < Bins - 1 && referenceCdf[j] < q) j++;
            double below = j == 0 ? 0 : referenceCdf[j - 1];
            double span = referenceCdf[j] - below;
            double within = span > 1e-12 ? Math.Clamp((q - below) / span, 0, 1) : 1;
            map[i] = j == 0 ? low : low + step * (float)(j - 1 + within);
        }
        return new HistogramMatching(low, step, map);
    }

    /// <summary>The reference value at the quantile <paramref name="value"/> holds in the source.</summary>
    public float Map(float value)
    {
        float t = (value - _low) / _step;
        if (t <= 0) return _map[0] + (value - _low);
        if (t >= Bins - 1) return _map[Bins - 1] + (value - (_low + _step * (Bins - 1)));
        int i = (int)t;
        float f = t - i;
        return _map[i] + f * (_map[i + 1] - _map[i]);
    }

    private static void Range(ReadOnlySpan<float> values, ReadOnlySpan<float> weights, ref float low, ref float high)
    {
        if (values.Length != weights.Length) throw new ArgumentException("values and weights differ in length");
        for (int i = 0; i < values.Length; i++)
            if (weights[i] > 0) { low = MathF.Min(low, values[i]); high = MathF.Max(high, values[i]); }
    }

    /// <summary>Share of the weight at or below each bin's upper edge; null for no weight.</summary>
    private static double[]? Cdf(ReadOnlySpan<float> values, ReadOnlySpan<float> weights, float low, float step)
    {
        var cdf = new double[Bins];
        double total = 0;
        for (int i = 0; i < values.Length; i++)
        {
            float w = weights[i];
            if (w <= 0) continue;
            int bin = Math.Clamp((int)MathF.Round((values[i] - low) / step), 0, Bins - 1);
            cdf[bin] += w;
            total += w;
        }
        if (total <= 0) return null;
        double running = 0;
        for (int i = 0; i < Bins; i++) { running += cdf[i]; cdf[i] = running / total; }
        return cdf;
    }
}
