using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// What happens to an aligned 512 crop: the classical chain (noise measured from the wavelet detail band,
/// edge-preserving denoise scaled to it) or a network's output with its luma kept and the input's chroma,
/// then mesh-guided sharpening (eyes, brows, lip line strongly; skin lightly; cored above the noise), scaled by the
/// detail setting (at 0.5: features 0.5 and skin 0.15 after a network, 0.8 and 0.3 in the classical chain; the default is 0.25).
/// </summary>
internal static class CropRestoration
{
    /// <summary>Unsharp radius at 512: about 0.4 % of the face width (≈ 240 template px).</summary>
    private const float SharpenSigma = 1.0f;

    /// <summary>
    /// The classical chain. <paramref name="skin"/> (the face skin warped into the crop) is where the noise is measured;
    /// <paramref name="noiseFloor"/> is the least σ the denoise assumes (the JPEG quantisation error when the file's
    /// tables were read, else 0).
    /// </summary>
    public static PlanarImage Classical(PlanarImage crop, PlanarImage skin, PlanarImage features, float detail, float noiseFloor, out float sigma)
    {
        var luma = LumaChroma.Luma(crop);
        // JPEG quantisation empties the finest band, so the noise it left shows one octave down (σ of a 2x2 mean is σ/2).
        sigma = MathF.Max(NoiseOf(luma, skin), 2 * NoiseOf(Resample.AreaDownsample(luma, luma.Width / 2, luma.Height / 2), Resample.AreaDownsample(skin, skin.Width / 2, skin.Height / 2)));
        sigma = MathF.Max(sigma, noiseFloor);
        // Self-guided filter: windows whose variance is near the noise's (flat skin) are averaged, edges (var ≫ ε) kept.
        var denoised = sigma > 0.002f ? GuidedFilter.Apply(luma, crop, 2, 4 * sigma * sigma) : crop;
        var y = LumaChroma.Luma(denoised);
        var sharpened = Sharpen(y, features, 1.6f * detail, 0.6f * detail, coring: MathF.Max(0.01f, sigma));
        return LumaChroma.Combine(sharpened, LumaChroma.ColourDifferences(denoised, y));
    }

    /// <summary>
    /// Luma from the network, chroma from the input: the input's colour differences, smoothed along the restored
    /// luma's edges only as far as the input is noisy (none below σ = 0.003, all above 0.015), so a clean input keeps
    /// its colours exactly and a noisy one loses its colour speckle.
    /// </summary>
    public static PlanarImage FromNetwork(PlanarImage crop, PlanarImage restored, PlanarImage skin, PlanarImage features, float detail)
    {
        var y = LumaChroma.Luma(restored);
        var sharpened = Sharpen(y, features, detail, 0.3f * detail, coring: 0.004f);
        var inputLuma = LumaChroma.Luma(crop);
        var differences = LumaChroma.ColourDifferences(crop, inputLuma);
        float sigma = NoiseOf(inputLuma, skin);
        float smoothing = Math.Clamp((sigma - 0.003f) / 0.012f, 0, 1);
        if (smoothing > 0)
        {
            var filtered = GuidedFilter.Apply(y, differences, 4, 1e-3f);
            for (int i = 0; i < differences.Data.Length; i++) differences.Data[i] += smoothing * (filtered.Data[i] - differences.Data[i]);
        }
        return LumaChroma.Combine(sharpened, differences);
    }

    /// <summary>σ of the luma over the crop's skin (all of the crop when too little skin shows).</summary>
    public static float NoiseOf(PlanarImage luma, PlanarImage skin)
    {
        float sigma = WaveletNoise.Sigma(luma, skin, 0.5f);
        return sigma > 0 ? sigma : WaveletNoise.Sigma(luma);
    }

    private static PlanarImage Sharpen(PlanarImage luma, PlanarImage features, float featureAmount, float skinAmount, float coring)
    {
        if (featureAmount <= 0 && skinAmount <= 0) return luma;
        var amount = new PlanarImage(luma.Width, luma.Height, 1);
        for (int i = 0; i < amount.Data.Length; i++) amount.Data[i] = skinAmount + (featureAmount - skinAmount) * Math.Clamp(features.Data[i], 0, 1);
        return MaskedSharpen.Apply(luma, amount, SharpenSigma, coring);
    }
}
