namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// The harmonic function in a disk whose boundary values are a ring's means by angle, as a short Fourier series
/// (u = a0 + Σ ρ^k (a_k cos kθ + b_k sin kθ), ρ = r / R): what a membrane fill from the ring gives, in closed form, and
/// with the pore-scale wiggles of the ring left out (only a few terms). Angles the ring has no pixels at (off the skin)
/// are bridged from their neighbours.
/// </summary>
public sealed class RingHarmonic
{
    /// <summary>Terms beyond the mean at most: enough for a gradient, a saddle and a curve of shading, not for pores.</summary>
    public const int MaxTerms = 4;

    private readonly float _radius, _mean;
    private readonly float[] _cos, _sin;

    private RingHarmonic(float radius, float mean, float[] cos, float[] sin)
    {
        _radius = radius; _mean = mean; _cos = cos; _sin = sin;
    }

    /// <summary>
    /// Fits the ring made of <paramref name="pixels"/> (indices into a <paramref name="size"/>-wide buffer whose pixel (0, 0)
    /// lies at (<paramref name="ox"/>, <paramref name="oy"/>) from the centre). Null when less than half of the angles
    /// hold a ring pixel: a background from one side only would be a guess.
    /// </summary>
    public static RingHarmonic? Fit(float[] values, IReadOnlyList<int> pixels, int size, float ox, float oy, float innerRadius)
    {
        if (pixels.Count == 0) return null;
        double radiusSum = 0;
        foreach (int k in pixels) radiusSum += Distance(ox + k % size, oy + k / size);
        float radius = MathF.Max(innerRadius, (float)(radiusSum / pixels.Count));
        int bins = Math.Clamp((int)MathF.Round(2 * MathF.PI * radius / 2), 8, 64);
        var sum = new double[bins];
        var count = new int[bins];
        foreach (int k in pixels)
        {
            float dx = ox + k % size, dy = oy + k / size;
            int b = (int)((MathF.Atan2(dy, dx) + MathF.PI) / (2 * MathF.PI) * bins) % bins;
            sum[b] += values[k]; count[b]++;
        }
        int filled = count.Count(n => n > 0);
        if (2 * filled < bins) return null;
        var f = new double[bins];
        for (int b = 0; b < bins; b++) f[b] = count[b] > 0 ? sum[b] / count[b] : double.NaN;
        for (int b = 0; b < bins; b++)
        {
            if (count[b] > 0) continue;
            int before = 1, after = 1;
            while (count[(b - before + bins) % bins] == 0) before++;
            while (count[(b + after) % bins] == 0) after++;
            double lo = sum[(b - before + bins) % bins] / count[(b - before + bins) % bins];
            double hi = sum[(b + after) % bins] / count[(b + after) % bins];
            f[b] = lo + (hi - lo) * before / (before + after);
        }
        int terms = Math.Min(MaxTerms, bins / 4);
        var cos = new float[terms];
        var sin = new float[terms];
        double mean = f.Average();
        for (int t = 1; t <= terms; t++)
        {
            double a = 0, s = 0;
            for (int b = 0; b < bins; b++)
            {
                double angle = (b + 0.5) / bins * 2 * Math.PI - Math.PI;
                a += f[b] * Math.Cos(t * angle); s += f[b] * Math.Sin(t * angle);
            }
            cos[t - 1] = (float)(2 * a / bins); sin[t - 1] = (float)(2 * s / bins);
        }
        return new RingHarmonic(radius, (float)mean, cos, sin);
    }

    /// <summary>
    /// The background at distance <paramref name="d"/> from the centre in the direction (cos θ, sin θ); beyond the ring's
    /// radius, its value on the ring. The terms' cos kθ
    /// and sin kθ come from the angle-addition recurrence, no trigonometric call per pixel (a spot on a 24 MP close-up
    /// has a window of 100 000 pixels and three channels).
    /// </summary>
    public float At(float d, float cos1, float sin1)
    {
        float rho = MathF.Min(1, d / _radius);
        float u = _mean, power = 1, ck = 1, sk = 0;
        for (int t = 1; t <= _cos.Length; t++)
        {
            power *= rho;
            (ck, sk) = (ck * cos1 - sk * sin1, sk * cos1 + ck * sin1);
            u += power * (_cos[t - 1] * ck + _sin[t - 1] * sk);
        }
        return u;
    }

    private static float Distance(float dx, float dy) => MathF.Sqrt(dx * dx + dy * dy);
}
