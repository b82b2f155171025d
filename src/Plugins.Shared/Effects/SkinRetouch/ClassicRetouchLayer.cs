using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The built-in local retouching layer (LRL) at the working size: frequency separation into an
/// edge-aware low band (guided filter), a mid band (blemish and unevenness scale) and a high band
/// (the finest texture the working size holds).
/// <list type="bullet">
/// <item>Tone and shading: inside the skin the low band's chroma (tone) and, when asked, its lightness (shading,
/// off by default: it flattens the face's modelling) are pulled toward a heavily smoothed, skin-only local mean,
/// so redness and blotchy colour even out while the face keeps its light and shade.</item>
/// <item>Mid band: attenuated overall, and dark or red outliers (spots, bumps) are taken out of it.</item>
/// <item>High band: kept by the texture amount.</item>
/// </list>
/// Returns Rn = In + Mn (LRL − In), so the layer is neutral outside the skin.
/// </summary>
public static class ClassicRetouchLayer
{
    /// <summary>
    /// Share of the mid band kept on ordinary skin (blemish outliers keep less). At 0.4 (with the texture parameter at
    /// 0.7) the pipeline kept 0.81 of the pore band on the quality bench, which a retoucher calls plastic; 0.7 with all of
    /// the working size's fine band keeps 0.91 while the low band's tone pull still evens redness and blotches.
    /// </summary>
    public const float MidBandKept = 0.7f;
    /// <summary>At shading 1 (lightness) and tone 1 (chroma), the low band moves this far to the local mean.</summary>
    public const float LightnessPull = 0.45f, ChromaPull = 0.9f;
    /// <summary>Deviations from the local skin tone around which evening fades (sRGB units): lightness, chroma.</summary>
    public const float LightnessScale = 0.12f, ChromaScale = 0.07f;

    /// <param name="input">RGB at the working size, [0, 1].</param>
    /// <param name="mask">skin at the working size, one plane.</param>
    /// <param name="faceWidth">face width in working-size pixels: every radius is a share of it.</param>
    /// <param name="tone">chroma evening (redness, blotchy colour), 0..1.</param>
    /// <param name="shading">lightness evening (darker and lighter patches; flattens the face's modelling), 0..1.</param>
    public static PlanarImage Render(PlanarImage input, PlanarImage mask, float faceWidth, float tone, float shading, float texture, CancellationToken cancellation = default)
    {
        int w = input.Width, h = input.Height, n = w * h;
        int lowRadius = Math.Max(2, (int)MathF.Round(0.035f * faceWidth));
        int highRadius = SmoothBlur.RadiusForSigma(MathF.Max(0.8f, 0.004f * faceWidth));
        int toneRadius = Math.Max(4, (int)MathF.Round(0.12f * faceWidth));

        // The high band is what a slight blur removes; the edge-aware low band (guided filter, eps = 0.04^2:
        // feature edges stay, skin blotches flatten) is taken from the blurred image, so that no pore-scale
        // detail leaks into it (a self-guided filter passes a share a = var/(var+eps) of the fine texture).
        var fine = SmoothBlur.Apply(input, highRadius);
        cancellation.ThrowIfCancellationRequested();
        var low = GuidedFilter.Apply(fine, fine, lowRadius, 0.0016f);
        cancellation.ThrowIfCancellationRequested();
        var toneTarget = SkinLocalMean(low, mask, toneRadius);
        cancellation.ThrowIfCancellationRequested();

        var result = new PlanarImage(w, h, 3);
        var I = input.Data; var L = low.Data; var F = fine.Data; var T = toneTarget.Data; var M = mask.Data; var R = result.Data;
        Parallel.For(0, h, new ParallelOptions { CancellationToken = cancellation }, y =>
        {
            for (int x = 0, i = y * w; x < w; x++, i++)
            {
                float m = M[i];
                if (m <= 0) { R[i] = I[i]; R[n + i] = I[n + i]; R[2 * n + i] = I[2 * n + i]; continue; }

                // Tone: lightness and chroma of the low band toward the skin-only local mean.
                float lr = L[i], lg = L[n + i], lb = L[2 * n + i];
                float tr = T[i], tg = T[n + i], tb = T[2 * n + i];
                float ly = (lr + lg + lb) / 3, ty = (tr + tg + tb) / 3;
                float dr = (tr - ty) - (lr - ly), dg = (tg - ty) - (lg - ly), db = (tb - ty) - (lb - ly);
                float chromaDev = MathF.Sqrt((dr * dr + dg * dg + db * db) / 3);
                float dy = shading * LightnessPull * Robust(ty - ly, LightnessScale) * (ty - ly);
                float pc = tone * ChromaPull * Robust(chromaDev, ChromaScale);
                float nr = lr + dy + pc * dr;
                float ng = lg + dy + pc * dg;
                float nb = lb + dy + pc * db;

                // Mid band: dark (lower luma) or red (R − G above) outliers are blemishes.
                float mr = F[i] - lr, mg = F[n + i] - lg, mb = F[2 * n + i] - lb;
                float my = 0.299f * mr + 0.587f * mg + 0.114f * mb;
                float outlier = MathF.Max(Ramp(-my, 0.008f, 0.03f), Ramp(mr - mg, 0.008f, 0.03f));
                float keepMid = MidBandKept * (1 - outlier);

                // High band: kept by the texture amount.
                float hr = I[i] - F[i], hg = I[n + i] - F[n + i], hb = I[2 * n + i] - F[2 * n + i];
                float vr = nr + keepMid * mr + texture * hr;
                float vg = ng + keepMid * mg + texture * hg;
                float vb = nb + keepMid * mb + texture * hb;
                R[i] = Math.Clamp(I[i] + m * (vr - I[i]), 0, 1);
                R[n + i] = Math.Clamp(I[n + i] + m * (vg - I[n + i]), 0, 1);
                R[2 * n + i] = Math.Clamp(I[2 * n + i] + m * (vb - I[2 * n + i]), 0, 1);
            }
        });
        return result;
    }

    /// <summary>
    /// Lorentzian weight: blotches and redness (small deviations from the local skin tone) are evened fully,
    /// large ones (painted makeup, freckles' clusters, moles, cast shadows) progressively less.
    /// </summary>
    private static float Robust(float deviation, float scale)
    {
        float t = deviation / scale;
        return 1 / (1 + t * t);
    }

    private static float Ramp(float v, float from, float to) => Math.Clamp((v - from) / (to - from), 0, 1);

    /// <summary>Normalised convolution: box(L·M) / box(M), the local mean over skin only (smoothed twice).</summary>
    private static PlanarImage SkinLocalMean(PlanarImage low, PlanarImage mask, int radius)
    {
        int n = low.PlaneSize;
        var weighted = new PlanarImage(low.Width, low.Height, 3);
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < n; i++) weighted.Data[c * n + i] = low.Data[c * n + i] * mask.Data[i];
        var num = BoxFilter.Apply(BoxFilter.Apply(weighted, radius), radius);
        var den = BoxFilter.Apply(BoxFilter.Apply(mask, radius), radius);
        var mean = new PlanarImage(low.Width, low.Height, 3);
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < n; i++)
            {
                float d = den.Data[i];
                mean.Data[c * n + i] = d > 1e-4f ? num.Data[c * n + i] / d : low.Data[c * n + i];
            }
        return mean;
    }
}
