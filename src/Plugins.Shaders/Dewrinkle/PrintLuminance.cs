using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Dewrinkle;

/// <summary>
/// Takes a print's own lightness out of the log luminance before folds are looked for. A print (stripes of two
/// inks, a logo, coloured piping) changes chromaticity together with lightness; a shading fold multiplies R, G
/// and B alike and leaves chromaticity where it was. In each window (a local linear model, as in the guided
/// filter, with the 2-D chromaticity (r, g) as the guide) the part of l that follows chromaticity is
/// b . ((r, g) - mean): that part is removed, the rest (the shading, folds included) stays. On plain cloth the
/// chromaticity hardly varies, the regularisation <paramref name="eps"/> wins and b is about 0 (nothing is
/// removed, so a fold on plain cloth is seen whole); on a print, b is the inks' lightness difference per unit of
/// chromaticity, so the stripes vanish from the plane while a fold crossing them stays in it.
/// </summary>
public static class PrintLuminance
{
    /// <param name="logY">Log luminance (smoothed), width x height.</param>
    /// <param name="r">Chromaticity r, prepared like <paramref name="logY"/>.</param>
    /// <param name="g">Chromaticity g.</param>
    /// <param name="radius">Window radius (pixels): several print periods, so each window sees both inks.</param>
    /// <param name="eps">Regularisation on the chromaticity variance: variations well below sqrt(eps) are not a print.</param>
    /// <param name="amount">0 = nothing removed, 1 = the whole print lightness.</param>
    public static float[] Remove(float[] logY, float[] r, float[] g, int width, int height, int radius, float eps, float amount, KernelOptions? options = null)
    {
        int n = logY.Length;
        if (amount <= 0) return (float[])logY.Clone();
        float[] Mean(Func<int, float> f)
        {
            var src = new float[n];
            for (int i = 0; i < n; i++) src[i] = f(i);
            var dst = new float[n];
            BoxFilter.ApplyPlane(src, dst, width, height, radius, options);
            return dst;
        }
        var mr = Mean(i => r[i]); var mg = Mean(i => g[i]); var ml = Mean(i => logY[i]);
        var rr = Mean(i => r[i] * r[i]); var rg = Mean(i => r[i] * g[i]); var gg = Mean(i => g[i] * g[i]);
        var rl = Mean(i => r[i] * logY[i]); var gl = Mean(i => g[i] * logY[i]);
        var br = new float[n]; var bg = new float[n];
        for (int i = 0; i < n; i++)
        {
            // Covariance of (r, g) + eps I, and of (r, g) with l; b = C^-1 c.
            float crr = rr[i] - mr[i] * mr[i] + eps, cgg = gg[i] - mg[i] * mg[i] + eps, crg = rg[i] - mr[i] * mg[i];
            float crl = rl[i] - mr[i] * ml[i], cgl = gl[i] - mg[i] * ml[i];
            float det = crr * cgg - crg * crg;
            br[i] = (cgg * crl - crg * cgl) / det;
            bg[i] = (crr * cgl - crg * crl) / det;
        }
        var sbr = new float[n]; var sbg = new float[n];
        BoxFilter.ApplyPlane(br, sbr, width, height, radius, options);
        BoxFilter.ApplyPlane(bg, sbg, width, height, radius, options);
        var result = new float[n];
        for (int i = 0; i < n; i++)
            result[i] = logY[i] - amount * (sbr[i] * (r[i] - mr[i]) + sbg[i] * (g[i] - mg[i]));
        return result;
    }
}
