using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Dewrinkle;

/// <summary>
/// Log luminance with a print's own lightness taken out, so the fold bands see the shading across a print and not its
/// inks: a fold is shading, a multiplication of linear RGB that leaves the chromaticity r/(r+g+b), g/(r+g+b) as it
/// was, while two inks differ in chromaticity. Per window a linear model of l on each chromaticity in turn
/// (a guided filter with the chromaticity as guide, eps large enough that only a print's strong chromaticity
/// changes, not sensor noise on dark cloth, get a slope) and the part it explains, slope x (c - window mean of c),
/// is removed. A fold across the print then stays in the flattened plane and is measured and removed with the
/// rest of the garment; the change is still applied to the photo's own pixels, so the print's edges stay.
/// </summary>
public static class PrintFlattening
{
    /// <summary>Added to r + g + b before dividing: keeps black pixels' chromaticity finite, small enough not to tie it to luminance on dark cloth.</summary>
    public const float ChromaticityOffset = 3e-4f;

    /// <param name="image">sRGB planes (at least three).</param>
    /// <param name="logLuminance">l = ln(Y + 0.01) of the image.</param>
    /// <param name="radius">Window radius of the linear model (pixels).</param>
    /// <param name="epsilon">Its eps on chromaticity (squared).</param>
    public static float[] Apply(PlanarImage image, float[] logLuminance, int radius, float epsilon, KernelOptions? options = null)
    {
        int w = image.Width, h = image.Height, n = image.PlaneSize;
        var red = new float[n];
        var green = new float[n];
        RowBands.For(h, options, (y0, y1) =>
        {
            for (int i = y0 * w; i < y1 * w; i++)
            {
                float r = Oklab.SrgbToLinear(image.Data[i]), g = Oklab.SrgbToLinear(image.Data[n + i]), b = Oklab.SrgbToLinear(image.Data[2 * n + i]);
                float sum = r + g + b + ChromaticityOffset;
                red[i] = r / sum; green[i] = g / sum;
            }
        });
        var flat = (float[])logLuminance.Clone();
        var slope = new float[n];
        var intercept = new float[n];
        var mean = new float[n];
        foreach (var chromaticity in new[] { red, green })
        {
            GuidedFilter.MeanCoefficients(chromaticity, flat, slope, intercept, w, h, Math.Max(1, radius), epsilon, options);
            BoxFilter.ApplyPlane(chromaticity, mean, w, h, Math.Max(1, radius), options);
            for (int i = 0; i < n; i++) flat[i] -= slope[i] * (chromaticity[i] - mean[i]);
        }
        return flat;
    }
}
