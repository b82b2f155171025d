using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Dewrinkle;

/// <summary>
/// How fold-like each pixel is, at fine and at coarse scales: Frangi's vesselness of the scale-normalised
/// Hessian (s^2 H of the plane blurred at s) for both polarities (a crease's dark valley and its lit crest),
/// V = exp(-Rb^2 / 2 beta^2) (1 - exp(-S^2 / 2 c^2)) with Rb = lambda1 / lambda2 (|lambda1| &lt;= |lambda2|)
/// and S the Hessian's norm, c = half the 99th percentile of S inside the mask, kept between
/// <see cref="MinimumContrast"/> (flat cloth and sensor noise do not count as folds) and <see cref="MaximumContrast"/>
/// (a garment with strong seams, prints or a necklace on it would otherwise set c so high that real folds score low). The maximum over
/// each group of scales is gated by the structure-tensor coherence smoothstep(0.2, 0.6, C): folds run in one
/// direction over a neighbourhood; weave crossings, prints and blotches do not.
/// </summary>
public static class RidgeLikelihood
{
    public const float Beta = 0.5f;

    /// <summary>Floor of c in log-luminance units (a fold about 3 % deep reaches half its likelihood).</summary>
    public const float MinimumContrast = 0.01f;

    /// <summary>Ceiling of c: a fold about 10 % deep (S about 0.035 at its matched scale) always scores high.</summary>
    public const float MaximumContrast = 0.03f;

    public const float CoherenceLow = 0.2f, CoherenceHigh = 0.6f;

    /// <summary>
    /// Fold likelihood in [0, 1] for the maximum over <paramref name="sigmas"/> (pixels), gated by coherence measured
    /// with gradients at the smallest sigma, integrated over 1.5 times the largest.
    /// </summary>
    public static float[] Measure(float[] plane, float[] mask, int width, int height, IReadOnlyList<float> sigmas, KernelOptions? options = null)
    {
        if (sigmas.Count == 0) throw new ArgumentException("at least one scale");
        var best = new float[plane.Length];
        var s = new float[plane.Length];
        foreach (float sigma in sigmas)
        {
            var smooth = NearGaussian.Blur(plane, width, height, sigma, options);
            var (l1, l2) = Eigenvalues(smooth, width, height, sigma * sigma, options);
            for (int i = 0; i < s.Length; i++) s[i] = MathF.Sqrt(l1[i] * l1[i] + l2[i] * l2[i]);
            float c = Math.Clamp(0.5f * Percentile99(s, mask), MinimumContrast, MaximumContrast);
            float twoBeta2 = 2 * Beta * Beta, twoC2 = 2 * c * c;
            RowBands.For(height, options, (y0, y1) =>
            {
                for (int i = y0 * width; i < y1 * width; i++)
                {
                    float rb = l2[i] == 0 ? 0 : l1[i] / l2[i];
                    float v = MathF.Exp(-rb * rb / twoBeta2) * (1 - MathF.Exp(-s[i] * s[i] / twoC2));
                    if (v > best[i]) best[i] = v;
                }
            });
        }
        var coherence = Coherence(plane, width, height, sigmas.Min(), 1.5f * sigmas.Max(), options);
        for (int i = 0; i < best.Length; i++) best[i] *= SmoothStep(CoherenceLow, CoherenceHigh, coherence[i]);
        return best;
    }

    /// <summary>Hessian eigenvalues (central differences) times <paramref name="norm"/>, ordered |lambda1| &lt;= |lambda2|.</summary>
    public static (float[] Small, float[] Large) Eigenvalues(float[] smooth, int width, int height, float norm, KernelOptions? options = null)
    {
        var small = new float[smooth.Length];
        var large = new float[smooth.Length];
        RowBands.For(height, options, (y0, y1) =>
        {
            for (int y = y0; y < y1; y++)
            {
                int ym = Math.Max(0, y - 1) * width, yc = y * width, yp = Math.Min(height - 1, y + 1) * width;
                for (int x = 0; x < width; x++)
                {
                    int xm = Math.Max(0, x - 1), xp = Math.Min(width - 1, x + 1);
                    float c = smooth[yc + x];
                    float dxx = (smooth[yc + xp] - 2 * c + smooth[yc + xm]) * norm;
                    float dyy = (smooth[yp + x] - 2 * c + smooth[ym + x]) * norm;
                    float dxy = (smooth[yp + xp] - smooth[yp + xm] - smooth[ym + xp] + smooth[ym + xm]) * 0.25f * norm;
                    float half = 0.5f * (dxx + dyy);
                    float root = MathF.Sqrt(0.25f * (dxx - dyy) * (dxx - dyy) + dxy * dxy);
                    float a = half + root, b = half - root;
                    if (MathF.Abs(a) > MathF.Abs(b)) { large[yc + x] = a; small[yc + x] = b; }
                    else { large[yc + x] = b; small[yc + x] = a; }
                }
            }
        });
        return (small, large);
    }

    /// <summary>
    /// Structure-tensor coherence (mu1 - mu2) / (mu1 + mu2) in [0, 1]: gradients of the plane blurred at
    /// <paramref name="gradientSigma"/>, their outer products blurred at <paramref name="integrationSigma"/>.
    /// </summary>
    public static float[] Coherence(float[] plane, int width, int height, float gradientSigma, float integrationSigma, KernelOptions? options = null)
    {
        var smooth = NearGaussian.Blur(plane, width, height, gradientSigma, options);
        var jxx = new float[plane.Length];
        var jxy = new float[plane.Length];
        var jyy = new float[plane.Length];
        RowBands.For(height, options, (y0, y1) =>
        {
            for (int y = y0; y < y1; y++)
            {
                int ym = Math.Max(0, y - 1) * width, yc = y * width, yp = Math.Min(height - 1, y + 1) * width;
                for (int x = 0; x < width; x++)
                {
                    float gx = 0.5f * (smooth[yc + Math.Min(width - 1, x + 1)] - smooth[yc + Math.Max(0, x - 1)]);
                    float gy = 0.5f * (smooth[yp + x] - smooth[ym + x]);
                    jxx[yc + x] = gx * gx; jxy[yc + x] = gx * gy; jyy[yc + x] = gy * gy;
                }
            }
        });
        jxx = NearGaussian.Blur(jxx, width, height, integrationSigma, options);
        jxy = NearGaussian.Blur(jxy, width, height, integrationSigma, options);
        jyy = NearGaussian.Blur(jyy, width, height, integrationSigma, options);
        var coherence = new float[plane.Length];
        for (int i = 0; i < coherence.Length; i++)
        {
            float trace = jxx[i] + jyy[i];
            float diff = MathF.Sqrt((jxx[i] - jyy[i]) * (jxx[i] - jyy[i]) + 4 * jxy[i] * jxy[i]);
            // A tiny floor on the trace: flat cloth has no direction, not a perfectly coherent one.
            coherence[i] = diff / (trace + 1e-7f);
        }
        return coherence;
    }

    public static float SmoothStep(float edge0, float edge1, float x)
    {
        float t = Math.Clamp((x - edge0) / (edge1 - edge0), 0f, 1f);
        return t * t * (3 - 2 * t);
    }

    /// <summary>The 99th percentile of <paramref name="values"/> where the mask is above one half (0 for an empty mask).</summary>
    public static float Percentile99(float[] values, float[] mask)
    {
        int count = 0;
        for (int i = 0; i < mask.Length; i++) if (mask[i] > 0.5f) count++;
        if (count == 0) return 0;
        // A fixed stride over the masked pixels: deterministic, and at most ~65k values to sort.
        int stride = Math.Max(1, count / 65536);
        var sample = new List<float>(count / stride + 1);
        int k = 0;
        for (int i = 0; i < mask.Length; i++)
            if (mask[i] > 0.5f && k++ % stride == 0) sample.Add(values[i]);
        sample.Sort();
        return sample[Math.Min(sample.Count - 1, (int)(0.99 * sample.Count))];
    }
}
