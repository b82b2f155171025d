using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Dewrinkle;

/// <summary>
/// A Gaussian blur of one plane from three passes of the O(1) box filter (variance r(r+1) for radius r),
/// so the cost does not grow with sigma: the fold scales reach 2-3 % of the person's height (20-30 px at
/// the working size), where a sampled kernel would cost hundreds of taps per pixel. Borders: each box
/// window is clipped to the image (means over valid pixels), so edges are not darkened.
/// </summary>
public static class NearGaussian
{
    /// <summary>The box radius whose three-pass blur has the standard deviation closest to <paramref name="sigma"/> (0 below half a pixel).</summary>
    public static int BoxRadius(float sigma) =>
        sigma < 0.5f ? 0 : Math.Max(1, (int)MathF.Round((-1 + MathF.Sqrt(1 + 4 * sigma * sigma)) / 2));

    /// <summary>Blurs <paramref name="plane"/> (width x height) into a new array.</summary>
    public static float[] Blur(float[] plane, int width, int height, float sigma, KernelOptions? options = null)
    {
        int r = BoxRadius(sigma);
        if (r == 0) return (float[])plane.Clone();
        var a = new float[plane.Length];
        var b = new float[plane.Length];
        BoxFilter.ApplyPlane(plane, a, width, height, r, options);
        BoxFilter.ApplyPlane(a, b, width, height, r, options);
        BoxFilter.ApplyPlane(b, a, width, height, r, options);
        return a;
    }
}
