using RetouchPlugins.Shaders.Masks;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// A near-Gaussian blur from three passes of the O(1) box filter (σ ≈ √(r(r+1))), used for mask
/// feathering and for the band splits of the skin effects.
/// </summary>
public static class SmoothBlur
{
    public static PlanarImage Apply(PlanarImage image, int radius)
    {
        if (radius < 1) return image.Clone();
        var a = BoxFilter.Apply(image, radius);
        var b = BoxFilter.Apply(a, radius);
        return BoxFilter.Apply(b, radius);
    }

    /// <summary>The box radius whose three-pass blur has standard deviation closest to <paramref name="sigma"/>.</summary>
    public static int RadiusForSigma(float sigma) => Math.Max(1, (int)MathF.Round((-1 + MathF.Sqrt(1 + 4 * sigma * sigma)) / 2));
}
