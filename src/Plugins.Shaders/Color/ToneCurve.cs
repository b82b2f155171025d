namespace RetouchPlugins.Shaders.Color;

/// <summary>
/// One channel's transfer curve of an RGB colour space (an ICC profile's rTRC/gTRC/bTRC): encoded value to linear
/// light (<see cref="ToLinear"/>) and back (<see cref="ToEncoded"/>). Negative values are mirrored (f(−x) = −f(x))
/// and values above 1 follow the curve's formula (a sampled curve: its last slope), so colours outside the sRGB
/// gamut survive a trip through linear light unclipped.
/// </summary>
public abstract class ToneCurve
{
    public float ToLinear(float encoded) => encoded < 0 ? -Decode(-encoded) : Decode(encoded);

    public float ToEncoded(float linear) => linear < 0 ? -Encode(-linear) : Encode(linear);

    /// <summary>Linear light of a value ≥ 0.</summary>
    protected abstract float Decode(float x);

    /// <summary>The value of linear light ≥ 0.</summary>
    protected abstract float Encode(float y);

    /// <summary>The largest difference between this curve and <paramref name="other"/> over [0, 1] (encoded to linear, 257 samples).</summary>
    public float Distance(ToneCurve other)
    {
        float worst = 0;
        for (int i = 0; i <= 256; i++) worst = MathF.Max(worst, MathF.Abs(ToLinear(i / 256f) - other.ToLinear(i / 256f)));
        return worst;
    }

    /// <summary>y = x^gamma (ICC 'curv' with one entry).</summary>
    public static ToneCurve Gamma(float gamma) => new Parametric(gamma, 1, 0, 0, 0, 0, 0);

    /// <summary>The sRGB curve (IEC 61966-2-1), as <see cref="Oklab"/> and every sRGB table here compute it.</summary>
    public static ToneCurve Srgb { get; } = new SrgbCurve();

    /// <summary>
    /// ICC 'para' in its general form (function type 4): y = (a x + b)^g + e for x ≥ d, else c x + f. The other function
    /// types are this one with some parameters fixed (<see cref="Parametric"/>'s caller fills them in).
    /// </summary>
    public static ToneCurve FromParameters(float g, float a, float b, float c, float d, float e, float f) => new Parametric(g, a, b, c, d, e, f);

    /// <summary>ICC 'curv' with a table: values at evenly spaced inputs over [0, 1], interpolated linearly.</summary>
    public static ToneCurve FromTable(float[] samples) => new Sampled(samples);

    private sealed class Parametric(float g, float a, float b, float c, float d, float e, float f) : ToneCurve
    {
        protected override float Decode(float x) => x >= d ? MathF.Pow(MathF.Max(0, a * x + b), g) + e : c * x + f;

        protected override float Encode(float y)
        {
            // The break in linear terms; below it the straight segment is inverted, above it the power.
            float yd = d <= 0 ? float.NegativeInfinity : c * d + f;
            if (y < yd) return c == 0 ? d : (y - f) / c;
            float p = MathF.Max(0, y - e);
            return a == 0 ? d : (MathF.Pow(p, 1 / g) - b) / a;
        }
    }

    private sealed class SrgbCurve : ToneCurve
    {
        protected override float Decode(float x) => Oklab.SrgbToLinear(x);

        protected override float Encode(float y) => Oklab.LinearToSrgb(y);
    }

    private sealed class Sampled : ToneCurve
    {
        private readonly float[] _y;

        public Sampled(float[] samples)
        {
            if (samples.Length < 2) throw new ArgumentException("a sampled curve needs at least two samples", nameof(samples));
            _y = samples;
        }

        protected override float Decode(float x)
        {
            float t = x * (_y.Length - 1);
            int i = Math.Min(_y.Length - 2, (int)t);
            return _y[i] + (_y[i + 1] - _y[i]) * (t - i);
        }

        protected override float Encode(float y)
        {
            // A tone curve rises; the first segment whose top reaches y holds it (a flat run: its start).
            int n = _y.Length - 1;
            int lo = 0, hi = n - 1;
            while (lo < hi)
            {
                int mid = (lo + hi) / 2;
                if (_y[mid + 1] < y) lo = mid + 1; else hi = mid;
            }
            float span = _y[lo + 1] - _y[lo];
            float t = span > 0 ? (y - _y[lo]) / span : 0;
            return (lo + t) / n;
        }
    }
}
