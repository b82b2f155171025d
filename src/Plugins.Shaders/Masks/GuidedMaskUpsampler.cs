using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Masks;

/// <summary>
/// Carries a soft mask computed at a working resolution to full resolution by guided upsampling (the fast
/// guided filter): the local linear model mask = a·luma + b is fitted at the working size and applied to the
/// full-resolution luma, so the mask's edges follow the photo's edges (a hairline, a jaw) instead of the
/// working grid's blur. Where the working mask is 0 all around, a and b are 0 and the result is exactly 0, so
/// only the full-resolution rows and columns over the mask's bounds (plus the filter's reach) are computed.
/// </summary>
public static class GuidedMaskUpsampler
{
    /// <summary>Window radius in working pixels.</summary>
    public const int Radius = 2;

    /// <summary>Regulariser: luma contrast well under 0.03 (flat skin, grain) does not steer the mask.</summary>
    public const float Epsilon = 1e-3f;

    /// <summary>Working pixels past a mask's last positive sample where the coefficients can still be nonzero.</summary>
    private const int Reach = 2 * Radius + 2;

    /// <summary>
    /// <paramref name="lowMask"/> (one plane at the working size, guided by <paramref name="lowGuide"/>, its luma)
    /// at the size of <paramref name="fullRgb"/>, whose luma is made row by row over the mask's bounds only.
    /// </summary>
    public static PlanarImage Upsample(PlanarImage lowMask, PlanarImage lowGuide, PlanarImage fullRgb)
    {
        lowMask.RequireSameSize(lowGuide, "mask and its guide");
        int width = fullRgb.Width, height = fullRgb.Height;
        var result = new PlanarImage(width, height, 1);
        if (MaskMath.Bounds(lowMask) is not { } b) return result;
        int lw = lowMask.Width, lh = lowMask.Height;

        // The coefficients can be nonzero only in R, the mask's bounds padded by Reach; elsewhere they are exactly 0.
        int lx0 = Math.Max(0, b.X - Reach), ly0 = Math.Max(0, b.Y - Reach);
        int lx1 = Math.Min(lw, b.Right + Reach), ly1 = Math.Min(lh, b.Bottom + Reach);
        int rw = lx1 - lx0, rh = ly1 - ly0;
        var (meanA, meanB) = CoefficientsOver(lowMask, lowGuide, lx0, ly0, rw, rh);

        // Full-size span whose bilinear taps can touch R.
        int x0 = Math.Max(0, (int)Math.Floor((double)lx0 * width / lw) - 1), x1 = Math.Min(width, (int)Math.Ceiling((double)lx1 * width / lw) + 1);
        int y0 = Math.Max(0, (int)Math.Floor((double)ly0 * height / lh) - 1), y1 = Math.Min(height, (int)Math.Ceiling((double)ly1 * height / lh) + 1);
        var tx = new BilinearTaps(lw, width);
        var ty = new BilinearTaps(lh, height);
        int span = x1 - x0;
        var zeros = new float[rw];
        ReadOnlySpan<float> RowOf(float[] plane, int r) => r >= 0 && r < rh ? plane.AsSpan(r * rw, rw) : zeros;
        RowBands.For(y1 - y0, null, (r0, r1) =>
        {
            // Working rows are lw long and 0 outside R's columns, as the whole-plane coefficients were.
            var buffer = new float[2 * lw + 3 * span];
            var mixA = buffer.AsSpan(0, lw); var mixB = buffer.AsSpan(lw, lw);
            var rowA = buffer.AsSpan(2 * lw, span); var rowB = buffer.AsSpan(2 * lw + span, span);
            var guide = buffer.AsSpan(2 * lw + 2 * span, span);
            for (int y = y0 + r0; y < y0 + r1; y++)
            {
                int lo = ty.Lower[y] - ly0, hi = ty.Upper[y] - ly0;
                System.Numerics.Tensors.TensorPrimitives.Lerp(RowOf(meanA, lo), RowOf(meanA, hi), ty.Fraction[y], mixA.Slice(lx0, rw));
                System.Numerics.Tensors.TensorPrimitives.Lerp(RowOf(meanB, lo), RowOf(meanB, hi), ty.Fraction[y], mixB.Slice(lx0, rw));
                tx.Interpolate(mixA, rowA, x0);
                tx.Interpolate(mixB, rowB, x0);
                LumaPlane.Row(fullRgb.Row(0, y).Slice(x0, span), fullRgb.Row(Math.Min(1, fullRgb.Channels - 1), y).Slice(x0, span),
                    fullRgb.Row(Math.Min(2, fullRgb.Channels - 1), y).Slice(x0, span), guide);
                var dst = result.Row(0, y).Slice(x0, span);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(rowA, guide, rowB, dst);
                MaskPlanes.CleanValues(dst);
            }
        });
        return result;
    }

    /// <summary>
    /// The window means of a and b over the rectangle (x, y, w, h) of the working planes. They are computed on a crop
    /// grown by twice the radius (a's window, then the mean's window), so every window that reaches the rectangle sees
    /// the same pixels as on the whole plane: the same values, at the cost of the mask's bounds, not of the working
    /// size (three 300 px faces of a 24 MP group photo are a small share of its 2048 px copy).
    /// </summary>
    private static (float[] A, float[] B) CoefficientsOver(PlanarImage lowMask, PlanarImage lowGuide, int x, int y, int w, int h)
    {
        int cx0 = Math.Max(0, x - 2 * Radius), cy0 = Math.Max(0, y - 2 * Radius);
        int cx1 = Math.Min(lowMask.Width, x + w + 2 * Radius), cy1 = Math.Min(lowMask.Height, y + h + 2 * Radius);
        int cw = cx1 - cx0, ch = cy1 - cy0;
        var mask = lowMask.Crop(cx0, cy0, cw, ch);
        var guide = lowGuide.Crop(cx0, cy0, cw, ch);
        var cropA = new float[cw * ch]; var cropB = new float[cw * ch];
        GuidedFilter.MeanCoefficients(guide.PlaneMemory(0), mask.PlaneMemory(0), cropA, cropB, cw, ch, Radius, Epsilon);
        var a = new float[w * h]; var b = new float[w * h];
        for (int r = 0; r < h; r++)
        {
            int from = (y - cy0 + r) * cw + (x - cx0);
            cropA.AsSpan(from, w).CopyTo(a.AsSpan(r * w, w));
            cropB.AsSpan(from, w).CopyTo(b.AsSpan(r * w, w));
        }
        return (a, b);
    }
}
