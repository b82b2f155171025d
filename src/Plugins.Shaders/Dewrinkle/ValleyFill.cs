using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Dewrinkle;

/// <summary>
/// S with its likely fold valleys filled from the cloth around them, the source of the base band. A deep fold's
/// core (deeper than about sqrt(eps) of the base's guided filter) is an edge to that filter, so the base kept it
/// and the fold band M = S - B missed it. Here a pixel is a hole where the fold weight is high and S lies well below
/// a wide, nearly non-edge-aware base (a guided filter of S with a large eps: the cloth's level around it); holes
/// are filled by normalised convolution of S over the garment's other pixels (a near ring, and three times wider
/// where the hole is wide, as where several folds overlap). The fill only lifts (a fold is a dark valley), and
/// only the base sees it: the change stays -W (S - B), a log-luminance change.
/// </summary>
public static class ValleyFill
{
    /// <summary>Share of the near ring's weight below which the wide ring fills (the hole is wider than the near ring).</summary>
    private const float NearSupport = 0.2f;

    /// <param name="smooth">S (log luminance, extended past the mask).</param>
    /// <param name="mask">Garment confidence in [0, 1].</param>
    /// <param name="weight">The fold weight W in [0, 1].</param>
    /// <param name="radius">Window radius of the wide base (pixels).</param>
    /// <param name="wideEpsilon">Its guided-filter eps (log luminance squared).</param>
    /// <param name="low">Depth below the wide base where a pixel starts to be a hole.</param>
    /// <param name="high">Depth where it is fully one.</param>
    /// <param name="fillSigma">The near ring's Gaussian sigma (pixels).</param>
    public static float[] Apply(float[] smooth, float[] mask, float[] weight, int width, int height, int radius, float wideEpsilon,
        float low, float high, float fillSigma, KernelOptions? options = null)
    {
        int n = smooth.Length;
        var wide = new float[n];
        GuidedFilter.ApplyPlane(smooth, smooth, wide, width, height, Math.Max(1, radius), wideEpsilon, options);
        var hole = new float[n];
        var confidence = new float[n];
        var weighted = new float[n];
        for (int i = 0; i < n; i++)
        {
            hole[i] = Math.Clamp(weight[i], 0f, 1f) * RidgeLikelihood.SmoothStep(low, high, wide[i] - smooth[i]);
            confidence[i] = Math.Clamp(mask[i], 0f, 1f) * (1 - hole[i]);
            weighted[i] = confidence[i] * smooth[i];
        }
        var nearSum = NearGaussian.Blur(weighted, width, height, fillSigma, options);
        var nearWeight = NearGaussian.Blur(confidence, width, height, fillSigma, options);
        var farSum = NearGaussian.Blur(weighted, width, height, 3 * fillSigma, options);
        var farWeight = NearGaussian.Blur(confidence, width, height, 3 * fillSigma, options);
        var filled = new float[n];
        RowBands.For(height, options, (y0, y1) =>
        {
            for (int i = y0 * width; i < y1 * width; i++)
            {
                if (hole[i] <= 0) { filled[i] = smooth[i]; continue; }
                float near = nearWeight[i] > 1e-4f ? nearSum[i] / nearWeight[i] : smooth[i];
                float far = farWeight[i] > 1e-4f ? farSum[i] / farWeight[i] : smooth[i];
                float t = Math.Clamp(nearWeight[i] / NearSupport, 0f, 1f);
                float fill = t * near + (1 - t) * far;
                filled[i] = smooth[i] + hole[i] * MathF.Max(0, fill - smooth[i]);
            }
        });
        return filled;
    }
}
