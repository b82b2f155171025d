using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Masks;

/// <summary>
/// A weight that is about 1 at a mask's rim and inside it and fades smoothly to 0 within <c>reach</c> pixels outside:
/// twice a Gaussian blur of the mask (σ = reach / 2; a straight rim blurs to 0.5, so twice that is 1 there), less the
/// value a straight rim leaves at 2σ (<see cref="Tail"/>), rescaled and clamped to [0, 1], so that it is 0 from reach on. Lets a change made inside one region (the face) fade into the region next to it (neck, ears) instead of
/// stopping at a seam. The fade is smooth, so it is computed on a grid about reach / 16 px coarse and upsampled.
/// </summary>
public static class ProximityFade
{
    /// <summary>Twice the Gaussian tail beyond 2σ (2·(1 − Φ(2)) ≈ 0.0455), with a margin for the box-pass approximation.</summary>
    private const float Tail = 0.06f;

    public static PlanarImage Of(PlanarImage mask, float reach)
    {
        ArgumentNullException.ThrowIfNull(mask);
        ArgumentOutOfRangeException.ThrowIfLessThan(reach, 1f);
        int step = Math.Max(1, (int)(reach / 16));
        int w = Math.Max(1, mask.Width / step), h = Math.Max(1, mask.Height / step);
        var coarse = step == 1 ? mask.Clone() : Resample.AreaDownsample(mask, w, h);
        GaussianFeather.Blur(coarse.Data, w, h, reach / 2 / step);
        for (int i = 0; i < coarse.Data.Length; i++) coarse.Data[i] = Math.Clamp((2 * coarse.Data[i] - Tail) / (1 - Tail), 0f, 1f);
        return step == 1 ? coarse : Resample.BilinearUpsample(coarse, mask.Width, mask.Height);
    }
}
