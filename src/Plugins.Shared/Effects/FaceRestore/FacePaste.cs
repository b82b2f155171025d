using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Warp;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Brings a restored 512 crop back into the photo through a soft weight (facexlib's feathered paste mask times
/// the face's share of the region). The change is pasted, never the crop, so a restorer that returns its input
/// leaves the photo as it was:
/// • face at most as large as the crop (s ≤ 1): Δ = R − I at crop resolution, warped back, added (after the classical
///   chain, also the photo's noise finer than the crop's sampling taken out: see residualNoise);
/// • face larger than the crop (s &gt; 1): B = R-ABM(I, R) at crop resolution, warped onto an axis-aligned grid at
///   crop resolution, guided-upsampled with the full-resolution photo as guide (the Deep Guided Filter idea), and
///   applied by ABM at full resolution, so the photo's own finer detail stays.
/// Where the weight is 0 nothing is written.
/// </summary>
internal static class FacePaste
{
    /// <summary>Round-trip residuals under this many σ are dropped as noise, over <see cref="ResidualHigh"/> kept.</summary>
    private const float ResidualLow = 1, ResidualHigh = 2;

    private static void DropResidualNoise(PlanarImage changed, PlanarImage photo, PlanarImage inputBack, float sigma)
    {
        for (int i = 0; i < changed.Data.Length; i++)
        {
            float residual = photo.Data[i] - inputBack.Data[i];
            float keep = Math.Clamp((MathF.Abs(residual) - ResidualLow * sigma) / ((ResidualHigh - ResidualLow) * sigma), 0, 1);
            keep = keep * keep * (3 - 2 * keep);
            changed.Data[i] -= (1 - keep) * residual;
        }
    }

    /// <summary>Guided upsampling window radius (low-resolution pixels) and ε.</summary>
    private const int GuidedRadius = 2;
    private const float GuidedEps = 1e-4f;

    /// <param name="residualNoise">
    /// σ of the noise to take out of the round-trip residual (the classical chain's measured σ; 0 for a restorer):
    /// for s ≤ 1 the crop, resampled back, lacks the photo's finest pixels, ρ = I − back(I₅₁₂), which hold most of the
    /// per-pixel noise; residuals under σ are dropped, those over 2σ (edges, lashes) kept, smoothly between.
    /// </param>
    public static void Apply(PlanarImage output, FaceAlignment face, PlanarImage input512, PlanarImage restored512, PlanarImage weight, float strength, float residualNoise = 0)
    {
        var rect = face.Rect;
        var photo = rect.RgbCrop(output);
        PlanarImage changed;
        if (face.SourcePerTemplate <= 1)
        {
            var delta = new PlanarImage(FaceAlignment.CropSize, FaceAlignment.CropSize, 3);
            for (int i = 0; i < delta.Data.Length; i++) delta.Data[i] = restored512.Data[i] - input512.Data[i];
            var back = face.ToPhoto(delta);
            changed = new PlanarImage(rect.Width, rect.Height, 3);
            for (int i = 0; i < changed.Data.Length; i++) changed.Data[i] = photo.Data[i] + back.Data[i];
            if (residualNoise > 0) DropResidualNoise(changed, photo, face.ToPhoto(input512), residualNoise);
        }
        else
        {
            var blend = BlendModes.InverseAbm(input512, restored512);
            float s = face.SourcePerTemplate;
            int wl = Math.Max(1, (int)MathF.Round(rect.Width / s)), hl = Math.Max(1, (int)MathF.Round(rect.Height / s));
            var lowGuide = Resample.AreaDownsample(photo, wl, hl);
            // low grid pixel -> photo rect pixel -> crop pixel
            var lowToCrop = face.PhotoToCrop.After(AffineMap.Translation(rect.X, rect.Y)).After(new AffineMap(rect.Width / (float)wl, 0, 0, rect.Height / (float)hl, 0, 0));
            var lowBlend = AffineWarp.Apply(blend, lowToCrop, wl, hl);
            var fullBlend = FastGuidedUpsampler.Apply(lowGuide, lowBlend, photo, GuidedRadius, GuidedEps);
            changed = BlendModes.Abm(photo, fullBlend);
        }

        int plane = output.PlaneSize;
        for (int y = 0; y < rect.Height; y++)
            for (int x = 0; x < rect.Width; x++)
            {
                float k = weight.Data[y * rect.Width + x] * strength;
                if (k <= 0) continue;
                int o = (rect.Y + y) * output.Width + rect.X + x, l = y * rect.Width + x;
                for (int c = 0; c < 3; c++)
                {
                    float before = output.Data[c * plane + o];
                    output.Data[c * plane + o] = Math.Clamp(before + k * (changed.Data[c * changed.PlaneSize + l] - before), 0f, 1f);
                }
            }
    }

    /// <summary>The grain σ of the face's own skin in <paramref name="photo"/> (<see cref="AddGrain"/>'s σ_in, measured before any paste).</summary>
    public static float GrainOf(PlanarImage photo, PlanarImage faceSkin, FaceAlignment face)
    {
        var rect = face.Rect;
        return CropRestoration.NoiseOf(LumaChroma.Luma(rect.RgbCrop(photo)), faceSkin.Crop(rect.X, rect.Y, rect.Width, rect.Height));
    }

    /// <summary>
    /// Adds luma grain to the pasted face so it matches the photo's: σ = √max(0, (share·σ_in)² − σ_now²), σ_in the face's
    /// grain before the paste (<see cref="GrainOf"/>) and σ_now measured on the same skin after it; weighted like the
    /// paste. Returns the σ added.
    /// </summary>
    public static float AddGrain(PlanarImage output, float before, PlanarImage faceSkin, FaceAlignment face, PlanarImage weight, float share, float strength, uint seed)
    {
        var rect = face.Rect;
        var skin = faceSkin.Crop(rect.X, rect.Y, rect.Width, rect.Height);
        float now = CropRestoration.NoiseOf(LumaChroma.Luma(rect.RgbCrop(output)), skin);
        float target = share * before;
        float sigma = MathF.Sqrt(MathF.Max(0, target * target - now * now));
        if (sigma <= 0 || strength <= 0) return 0;
        int plane = output.PlaneSize;
        for (int y = 0; y < rect.Height; y++)
            for (int x = 0; x < rect.Width; x++)
            {
                float k = weight.Data[y * rect.Width + x] * strength;
                if (k <= 0) continue;
                float g = k * sigma * FilmGrain.Sample(rect.X + x, rect.Y + y, seed);
                int o = (rect.Y + y) * output.Width + rect.X + x;
                for (int c = 0; c < 3; c++) output.Data[c * plane + o] = Math.Clamp(output.Data[c * plane + o] + g, 0f, 1f);
            }
        return sigma;
    }
}
