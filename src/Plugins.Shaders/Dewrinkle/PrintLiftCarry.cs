using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Dewrinkle;

/// <summary>
/// Carries a fold's lift from the plain cloth around a print onto the print. On a print the fold is measured poorly: a
/// small print is a plateau the base follows only in part (its window is wider than the print), and chroma-edge
/// protection holds the fold weight down there; the same fold beside the print is measured well. Here the change of
/// log luminance is averaged (normalised convolution) over the pixels the chroma protection leaves free, and on a print
/// (where it holds back, spread like the fold weight) the change is raised to that average. Only raised: where the fold
/// was measured on the print itself it stays; off prints nothing changes. The carried change is smooth, so the inks'
/// edges stay. The average is isotropic, so it carries a blob's worth of lift: a narrow fold across a print is not
/// rebuilt by it. (Carrying the lift's ratio on linear luminance instead washed out a print on black cloth: the ratios
/// of near-black pixels are large and noisy.)
/// </summary>
public static class PrintLiftCarry
{
    /// <param name="change">D = l' - l, raised in place.</param>
    /// <param name="mask">Garment confidence in [0, 1].</param>
    /// <param name="printProtection">The chroma part of the edge protection in [0, 1] (1 = no print).</param>
    /// <param name="protectionSigma">Spread of the protection (pixels), as for the fold weight.</param>
    /// <param name="sigma">Reach of the average (pixels).</param>
    public static void Apply(float[] change, float[] mask, float[] printProtection, int width, int height, float protectionSigma, float sigma,
        KernelOptions? options = null)
    {
        int n = change.Length;
        var free = NearGaussian.Blur(printProtection, width, height, protectionSigma, options);
        var confidence = new float[n];
        var weighted = new float[n];
        for (int i = 0; i < n; i++)
        {
            float f = Math.Clamp(free[i], 0f, 1f);
            // Squared: partly protected pixels (near a print's edge) count little.
            confidence[i] = Math.Clamp(mask[i], 0f, 1f) * f * f;
            weighted[i] = confidence[i] * change[i];
        }
        var sum = NearGaussian.Blur(weighted, width, height, sigma, options);
        var weight = NearGaussian.Blur(confidence, width, height, sigma, options);
        for (int i = 0; i < n; i++)
        {
            // The protection's floor is 1 - protect (0.2 by default) on the inks' edges and about 0.4 once spread over a
            // striped print: twice its shortfall reaches 1 on a print.
            float onPrint = Math.Clamp(2 * (1 - free[i]), 0f, 1f);
            if (onPrint <= 0 || weight[i] <= 1e-4f) continue;
            float carried = onPrint * sum[i] / weight[i];
            if (carried > change[i]) change[i] = carried;
        }
    }
}
