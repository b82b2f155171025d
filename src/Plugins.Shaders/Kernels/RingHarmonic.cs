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

    /// <summary>Fits the ring made of <paramref name="pixels"/> (<see cref="RingAngles.Bin"/>); null where that has no ring.</summary>
    public static RingHarmonic? Fit(float[] values, IReadOnlyList<int> pixels, int size, float ox, float oy, float innerRadius) =>
        RingAngles.Bin(values, pixels, size, ox, oy, innerRadius) is { } ring ? FromRing(ring) : null;

    /// <summary>The harmonic function whose boundary is <paramref name="ring"/>.</summary>
    public static RingHarmonic FromRing(RingAngles ring)
    {
        var f = ring.Values;
        int bins = f.Length;
        float radius = ring.Radius;
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
}
