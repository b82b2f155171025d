using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Dewrinkle;

/// <summary>
/// Carries the de-wrinkle's change of log luminance from the working size to full resolution and applies it:
/// the change is smooth (bands above the texture scale), so bilinear interpolation carries it, and each full-
/// resolution pixel gets it as a luminance ratio (<see cref="FoldFlattening.ApplyChange"/>) times mask x strength.
/// The weave is never filtered, and unlike an ABM blend layer (which can lift a pixel by at most I - I^2) a fold
/// in near-black cloth is lifted as far as it was darkened. Where the mask or the change is 0 the pixel is not touched.
/// </summary>
public static class LogLuminanceChange
{
    /// <param name="image">The photo, changed in place inside the region (RGB planes; alpha untouched).</param>
    /// <param name="change">D = l' - l at the working size, covering the region.</param>
    /// <param name="mask">The garment mask, one plane of the photo's size.</param>
    /// <param name="region">Where the change lies in the photo.</param>
    public static void ApplyInside(PlanarImage image, PlanarImage change, PlanarImage mask, PixelRect region, float strength, KernelOptions? options = null)
    {
        int rw = region.Width, rh = region.Height, x0 = region.X, y0 = region.Y;
        if (x0 < 0 || y0 < 0 || x0 + rw > image.Width || y0 + rh > image.Height)
            throw new ArgumentException($"region {rw}x{rh} at ({x0}, {y0}) is outside the {image.Width}x{image.Height} image");
        if (mask.Width != image.Width || mask.Height != image.Height)
            throw new ArgumentException($"the mask is {mask.Width}x{mask.Height}, the image {image.Width}x{image.Height}");
        // The change is interpolated a row at a time (BilinearRows: the values Resample.BilinearPlane writes) instead of into a
        // full-size plane: at 24 MP that plane was 80 MB of fresh pages written once and read once.
        var rows = new BilinearRows(change, rw, rh);
        int n = image.PlaneSize;
        var transfer = new SrgbTransferTable();
        RowBands.For(rh, options, (r0, r1) =>
        {
            var mix = new float[rows.SourceWidth];
            var d = new float[rw];
            for (int r = r0; r < r1; r++)
            {
                var weights = mask.Row(0, y0 + r).Slice(x0, rw);
                if (!weights.ContainsAnyExcept(0f)) continue;
                rows.Read(r, mix, d);
                int start = (y0 + r) * image.Width + x0;
                for (int x = 0; x < rw; x++)
                {
                    // Where the change is 0 (the flattening only lifts) the pixel stays exactly as it was.
                    float amount = weights[x] * strength * d[x];
                    if (amount == 0) continue;
                    int i = start + x;
                    float red = image.Data[i], green = image.Data[n + i], blue = image.Data[2 * n + i];
                    Lift(transfer, ref red, ref green, ref blue, amount);
                    image.Data[i] = red; image.Data[n + i] = green; image.Data[2 * n + i] = blue;
                }
            }
        });
    }

    /// <summary>
    /// <see cref="FoldFlattening.ApplyChange"/> with the sRGB transfer by table: the same change within 1e-6 per channel,
    /// at a fraction of the cost over the millions of pixels of a 24 MP garment.
    /// </summary>
    public static void Lift(SrgbTransferTable transfer, ref float r, ref float g, ref float b, float change)
    {
        float lr = transfer.ToLinear(r), lg = transfer.ToLinear(g), lb = transfer.ToLinear(b);
        float y = 0.2126f * lr + 0.7152f * lg + 0.0722f * lb;
        float ratio = FoldFlattening.RatioOfLinear(y, change);
        float chroma = FoldFlattening.ChromaFactor(ratio);
        float lifted = y * ratio;
        r = transfer.ToSrgb(lifted + (lr - y) * chroma);
        g = transfer.ToSrgb(lifted + (lg - y) * chroma);
        b = transfer.ToSrgb(lifted + (lb - y) * chroma);
    }
}
