namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// One person's skin colour: a 2-D Gaussian over Oklab (a, b) and a lightness range, fitted on that
/// face's skin pixels. Fitting is trimmed (pixels beyond 3 sigma of a first fit, such as stray hair,
/// beard or a specular highlight, are dropped and the fit repeated) and the spread has a floor, so a
/// very even face does not give a model too narrow for the same skin in the neck's shade.
/// </summary>
internal sealed class SkinColourModel
{
    /// <summary>Smallest standard deviation in a and b (Oklab units).</summary>
    private const float SpreadFloor = 0.006f;
    private const int MinimumSamples = 20;

    private readonly float _meanA, _meanB, _inv00, _inv01, _inv11;

    private SkinColourModel(float meanA, float meanB, float cAA, float cAB, float cBB, float lowL, float highL, int samples)
    {
        _meanA = meanA; _meanB = meanB;
        cAA += SpreadFloor * SpreadFloor; cBB += SpreadFloor * SpreadFloor;
        float det = cAA * cBB - cAB * cAB;
        _inv00 = cBB / det; _inv01 = -cAB / det; _inv11 = cAA / det;
        LowL = lowL; HighL = highL; Samples = samples;
    }

    /// <summary>Darkest and lightest face skin (2nd and 98th percentile of L).</summary>
    public float LowL { get; }
    public float HighL { get; }
    public int Samples { get; }

    /// <summary>Mahalanobis distance of (a, b) from the model's mean.</summary>
    public float Distance(float a, float b)
    {
        float da = a - _meanA, db = b - _meanB;
        return MathF.Sqrt(MathF.Max(0, _inv00 * da * da + 2 * _inv01 * da * db + _inv11 * db * db));
    }

    /// <summary>The model of the samples (L, a, b triples), or null with too few of them.</summary>
    public static SkinColourModel? Fit(IReadOnlyList<(float L, float A, float B)> samples)
    {
        if (samples.Count < MinimumSamples) return null;
        var first = Gaussian(samples);
        var kept = samples.Where(s => first.Distance(s.A, s.B) <= 3f).ToList();
        if (kept.Count < MinimumSamples) kept = samples.ToList();
        var second = Gaussian(kept);
        var lightness = kept.Select(s => s.L).Order().ToArray();
        float low = lightness[(int)(0.02 * (lightness.Length - 1))], high = lightness[(int)(0.98 * (lightness.Length - 1))];
        return new SkinColourModel(second._meanA, second._meanB, second.VarA, second.CovAB, second.VarB, low, high, kept.Count);
    }

    /// <summary>
    /// The model of a face's skin from the pixels under its mesh skin: hair over the forehead is in those when the mesh's
    /// top reaches it, so samples darker than the median lightness by more than 0.2 are left out first. Null with fewer
    /// than <paramref name="atLeast"/> samples (or too few left to fit).
    /// </summary>
    public static SkinColourModel? FitFaceSkin(IReadOnlyList<(float L, float A, float B)> samples, int atLeast = 30)
    {
        if (samples.Count < Math.Max(1, atLeast)) return null;
        float median = samples.Select(s => s.L).Order().ElementAt(samples.Count / 2);
        return Fit(samples.Where(s => s.L > median - 0.2f).ToList());
    }

    private float VarA { get; init; }
    private float CovAB { get; init; }
    private float VarB { get; init; }

    /// <summary>Mean and covariance of (a, b) (the distance it gives includes the spread floor).</summary>
    private static SkinColourModel Gaussian(IReadOnlyList<(float L, float A, float B)> samples)
    {
        double ma = samples.Average(s => (double)s.A), mb = samples.Average(s => (double)s.B), caa = 0, cab = 0, cbb = 0;
        foreach (var s in samples)
        {
            double da = s.A - ma, db = s.B - mb;
            caa += da * da; cab += da * db; cbb += db * db;
        }
        int n = samples.Count;
        float va = (float)(caa / n), cv = (float)(cab / n), vb = (float)(cbb / n);
        return new SkinColourModel((float)ma, (float)mb, va, cv, vb, 0, 1, n) { VarA = va, CovAB = cv, VarB = vb };
    }

    public override string ToString() => $"skin a {_meanA:0.000} b {_meanB:0.000}, L {LowL:0.00}..{HighL:0.00} ({Samples} px)";
}
