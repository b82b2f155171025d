namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// A round spot as a smooth bump: per channel the skin is multiplied by 1 − a_c·exp(−d²/2σ²) (one width for the three
/// channels, a strength per channel). The width comes from the whole disk (against a constant background per channel, so
/// the ring's level does not bias it); the strengths from the pixels inside a ring near the core, whose harmonic function,
/// less the bump's own tail there, is the background. A near ring leaves less of the skin's own structure between ring and
/// core than the far ring of <see cref="SpotDivision"/>'s free profile (the bench's oracle: a dark spot's visibility
/// 55 % removed with the ring 1.6 radii out, 83 % with it 0.45 radii out, the true shape known). The widths stop where the
/// bump has fallen to 2 % at the heal's outer radius, so no step is left where the heal ends.
/// </summary>
public static class SpotModel
{
    /// <summary>
    /// Where the ring the strengths are read against starts, in the bump's radius (2σ, where it has fallen to 14 %): past
    /// the core, where the bump's tail is still modelled. Seeds benchmark, held-out per-spot visibility removed: 0.55: 69.0 %,
    /// 0.7: 69.1 %, 0.85: 69.2 % (the far ring of the free profile, about 1.5 radii: 68.1 %); the bench's oracle with the
    /// true shape: best at 0.8.
    /// </summary>
    public const float NearRing = 0.7f;

    /// <summary>The most of a channel's light a bump may take (the bench's spots take up to 0.47).</summary>
    public const float MaxStrength = 0.5f;

    /// <summary>Widths tried, log-spaced.</summary>
    private const int Widths = 12;

    /// <summary>
    /// The bump's log profile per channel over the <paramref name="size"/>² window of <paramref name="logs"/> (log RGB),
    /// whose pixel (0, 0) lies at (<paramref name="ox"/>, <paramref name="oy"/>) from the spot's centre; 0 past
    /// <paramref name="outer"/>. <paramref name="ringOk"/> says which pixels may serve as the ring. Null when no width fits,
    /// the near ring holds too little skin, or a channel would lose more than <see cref="MaxStrength"/> of its light.
    /// </summary>
    public static float[][]? Fit(float[][] logs, Func<int, bool> ringOk, int size, float ox, float oy, float hole, float outer)
    {
        int n = size * size;
        var distance = new float[n];
        for (int k = 0; k < n; k++)
        {
            float dx = ox + k % size, dy = oy + k / size;
            distance[k] = MathF.Sqrt(dx * dx + dy * dy);
        }
        // The width: e^{log I} = β_c − α_c g_σ over the disk, linear in (β_c, α_c) for each σ of a grid.
        var linear = new float[3][];
        for (int c = 0; c < 3; c++) { linear[c] = new float[n]; for (int k = 0; k < n; k++) linear[c][k] = MathF.Exp(logs[c][k]); }
        float bestSigma = 0; double bestError = double.MaxValue;
        var g = new float[n];
        // Widths from a fifth of the hole to where the bump has fallen to 2 % at the outer radius (the heal stops there).
        float widest = outer / 2.8f, narrowest = MathF.Min(widest, MathF.Max(0.5f, 0.2f * hole));
        for (int step = 0; step < Widths; step++)
        {
            float sigma = narrowest * MathF.Pow(widest / narrowest, step / (Widths - 1f));
            double s1 = 0, sg = 0, sgg = 0;
            for (int k = 0; k < n; k++)
            {
                if (distance[k] > outer) continue;
                g[k] = MathF.Exp(-distance[k] * distance[k] / (2 * sigma * sigma));
                s1++; sg += g[k]; sgg += g[k] * g[k];
            }
            double det = s1 * sgg - sg * sg;
            if (det <= 1e-9) continue;
            double error = 0;
            for (int c = 0; c < 3; c++)
            {
                double sv = 0, sgv = 0, svv = 0;
                for (int k = 0; k < n; k++)
                {
                    if (distance[k] > outer) continue;
                    double v = linear[c][k];
                    sv += v; sgv += g[k] * v; svv += v * v;
                }
                double beta = (sv * sgg - sg * sgv) / det, alpha = -(s1 * sgv - sg * sv) / det;
                // SSE of v − (β − α g) from the sums.
                error += svv - 2 * (beta * sv - alpha * sgv) + beta * beta * s1 - 2 * beta * alpha * sg + alpha * alpha * sgg;
            }
            if (error < bestError) { bestError = error; bestSigma = sigma; }
        }
        if (bestSigma <= 0) return null;

        // The strengths against a near ring, its background less the bump's tail.
        float ringIn = MathF.Max(1.5f, NearRing * 2 * bestSigma), ringOut = ringIn + MathF.Max(2, bestSigma);
        var ring = new List<int>();
        for (int k = 0; k < n; k++)
        {
            g[k] = MathF.Exp(-distance[k] * distance[k] / (2 * bestSigma * bestSigma));
            if (distance[k] >= ringIn && distance[k] <= ringOut && ringOk(k)) ring.Add(k);
        }
        if (ring.Count < 12) return null;
        var strength = new float[3];
        // The ring's values less the bump's tail (RingHarmonic reads only the ring's pixels, so only those are written).
        var ringValues = new float[n];
        // Σ g² inside the ring: the same for every pass and channel.
        double ggInside = 0;
        for (int k = 0; k < n; k++) if (distance[k] <= ringIn) ggInside += g[k] * g[k];
        for (int pass = 0; pass < 4; pass++)
            for (int c = 0; c < 3; c++)
            {
                foreach (int k in ring) ringValues[k] = logs[c][k] - MathF.Log(MathF.Max(0.05f, 1 - strength[c] * g[k]));
                if (RingHarmonic.Fit(ringValues, ring, size, ox, oy, ringIn) is not { } background) return null;
                double sgv = 0;
                for (int k = 0; k < n; k++)
                {
                    float d = distance[k];
                    if (d > ringIn) continue;
                    float cos = d > 0 ? (ox + k % size) / d : 1, sin = d > 0 ? (oy + k / size) / d : 0;
                    double v = Math.Exp(logs[c][k] - background.At(d, cos, sin)) - 1;
                    sgv -= g[k] * v;
                }
                // A blemish takes light away: no negative strength.
                strength[c] = (float)Math.Max(0, sgv / Math.Max(ggInside, 1e-9));
            }
        // A bump that takes more than half the light of a channel is not a spot on skin (a nostril, a deep shadow, the dark
        // of an eye): no model, and the caller's free profile stands. (sample1's nostril at (919, 595) came out an orange
        // blob: the bump took 0.69 / 0.75 / 0.89 of R, G and B's light, and dividing it out multiplied them by 3-9.)
        if (strength.Any(a => a > MaxStrength)) return null;
        var profile = new float[3][];
        for (int c = 0; c < 3; c++)
        {
            profile[c] = new float[n];
            for (int k = 0; k < n; k++)
                if (distance[k] <= outer) profile[c][k] = MathF.Log(1 - strength[c] * g[k]);
        }
        return profile;
    }
}
