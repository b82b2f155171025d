namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// The isotropic curvature of an image's shading over a disk or an annulus: a least-squares quadratic surface
/// a + b x + c y + d x² + e x y + f y² per channel, of which only κ = (d + f) / 2 is kept. A membrane through a hole's
/// rim has no curvature of its own (its gradient and saddle come from the rim), so κ is what a fill needs beside it to
/// hold a highlight or a dip. The full quadric is not used: from a one-sided ring it extrapolates wildly (fifth session).
/// </summary>
public static class RingCurvature
{
    private const int Terms = 6, Sectors = 16;

    /// <summary>
    /// κ per channel (value per pixel²) of <paramref name="rgb"/> over the pixels between
    /// <paramref name="from"/> and <paramref name="to"/> pixels from (<paramref name="cx"/>, <paramref name="cy"/>) where
    /// <paramref name="gate"/> (null: everywhere) is at least 0.5; null when they cover less than
    /// <paramref name="minCoverage"/> of the angles around (a one-sided annulus tells a slope, not a curvature) or are too
    /// few to fit.
    /// </summary>
    public static float[]? Fit(PlanarImage rgb, PlanarImage? gate, float cx, float cy, float from, float to,
        float minCoverage = 0.75f)
    {
        var gram = new double[Terms * Terms];
        var rhs = new double[3 * Terms];
        Span<double> basis = stackalloc double[Terms];
        Span<double> value = stackalloc double[3];
        Span<bool> seen = stackalloc bool[Sectors];
        // A curvature is a smooth quantity: about 32 samples across are plenty (a 24 MP close-up's annulus is ~100k pixels).
        int count = 0, reach = (int)MathF.Ceiling(to), step = Math.Max(1, (int)(to / 16));
        for (int py = Math.Max(0, (int)cy - reach); py <= Math.Min(rgb.Height - 1, (int)cy + reach); py += step)
            for (int px = Math.Max(0, (int)cx - reach); px <= Math.Min(rgb.Width - 1, (int)cx + reach); px += step)
            {
                float x = px - cx, y = py - cy, d2 = x * x + y * y;
                if (d2 < from * from || d2 > to * to || (gate is not null && gate[0, px, py] < 0.5f)) continue;
                seen[(int)((MathF.Atan2(y, x) + MathF.PI) / (2 * MathF.PI) * Sectors) % Sectors] = true;
                // In units of the reach, so the normal equations stay well conditioned.
                double u = x / to, v = y / to;
                basis[0] = 1; basis[1] = u; basis[2] = v; basis[3] = u * u; basis[4] = u * v; basis[5] = v * v;
                for (int c = 0; c < 3; c++) value[c] = rgb[c, px, py];
                for (int a = 0; a < Terms; a++)
                {
                    for (int b = a; b < Terms; b++) gram[a * Terms + b] += basis[a] * basis[b];
                    for (int c = 0; c < 3; c++) rhs[c * Terms + a] += basis[a] * value[c];
                }
                count++;
            }
        int covered = 0;
        foreach (bool s in seen) if (s) covered++;
        if (count < 4 * Terms || covered < minCoverage * Sectors) return null;
        for (int a = 0; a < Terms; a++)
            for (int b = 0; b < a; b++) gram[a * Terms + b] = gram[b * Terms + a];
        var curvature = new float[3];
        for (int c = 0; c < 3; c++)
        {
            var q = LinearSolve.Solve(gram, rhs.AsSpan(c * Terms, Terms).ToArray(), Terms);
            if (q.Length == 0) return null;
            curvature[c] = (float)((q[3] + q[5]) / 2 / (to * to));
        }
        return curvature;
    }
}
