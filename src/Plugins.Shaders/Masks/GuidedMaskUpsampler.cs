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
    public static PlanarImage Upsample(PlanarImage lowMask, PlanarImage lowGuide, PlanarImage fullRgb) =>
        Upsample(lowMask, lowGuide, fullRgb.Width, fullRgb.Height, (y, x0, row) =>
        {
            var r = fullRgb.Row(0, y).Slice(x0, row.Length);
            var g = fullRgb.Row(Math.Min(1, fullRgb.Channels - 1), y).Slice(x0, row.Length);
            var b = fullRgb.Row(Math.Min(2, fullRgb.Channels - 1), y).Slice(x0, row.Length);
            for (int x = 0; x < row.Length; x++) row[x] = 0.299f * r[x] + 0.587f * g[x] + 0.114f * b[x];
        });

    private delegate void GuideRow(int y, int x0, Span<float> row);

    private static PlanarImage Upsample(PlanarImage lowMask, PlanarImage lowGuide, int width, int height, GuideRow guideRow)
    {
        lowMask.RequireSameSize(lowGuide, "mask and its guide");
        var result = new PlanarImage(width, height, 1);
        if (MaskMath.Bounds(lowMask) is not { } b) return result;
        int lw = lowMask.Width, lh = lowMask.Height, n = lw * lh;
        var meanA = new float[n]; var meanB = new float[n];
        GuidedFilter.MeanCoefficients(lowGuide.PlaneMemory(0), lowMask.PlaneMemory(0), meanA, meanB, lw, lh, Radius, Epsilon);

        // Full-size span whose bilinear taps can touch the padded working bounds.
        int lx0 = Math.Max(0, b.X - Reach), ly0 = Math.Max(0, b.Y - Reach);
        int lx1 = Math.Min(lw, b.Right + Reach), ly1 = Math.Min(lh, b.Bottom + Reach);
        int x0 = Math.Max(0, (int)Math.Floor((double)lx0 * width / lw) - 1), x1 = Math.Min(width, (int)Math.Ceiling((double)lx1 * width / lw) + 1);
        int y0 = Math.Max(0, (int)Math.Floor((double)ly0 * height / lh) - 1), y1 = Math.Min(height, (int)Math.Ceiling((double)ly1 * height / lh) + 1);
        var tx = new BilinearTaps(lw, width);
        var ty = new BilinearTaps(lh, height);
        int span = x1 - x0;
        RowBands.For(y1 - y0, null, (r0, r1) =>
        {
            var buffer = new float[2 * lw + 3 * span];
            var mixA = buffer.AsSpan(0, lw); var mixB = buffer.AsSpan(lw, lw);
            var rowA = buffer.AsSpan(2 * lw, span); var rowB = buffer.AsSpan(2 * lw + span, span);
            var guide = buffer.AsSpan(2 * lw + 2 * span, span);
            for (int y = y0 + r0; y < y0 + r1; y++)
            {
                int lo = ty.Lower[y] * lw, hi = ty.Upper[y] * lw;
                System.Numerics.Tensors.TensorPrimitives.Lerp(meanA.AsSpan(lo, lw), meanA.AsSpan(hi, lw), ty.Fraction[y], mixA);
                System.Numerics.Tensors.TensorPrimitives.Lerp(meanB.AsSpan(lo, lw), meanB.AsSpan(hi, lw), ty.Fraction[y], mixB);
                tx.Interpolate(mixA, rowA, x0);
                tx.Interpolate(mixB, rowB, x0);
                guideRow(y, x0, guide);
                var dst = result.Row(0, y).Slice(x0, span);
                System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(rowA, guide, rowB, dst);
                for (int x = 0; x < dst.Length; x++) dst[x] = dst[x] < MaskPlanes.Floor ? 0 : MathF.Min(dst[x], 1);
            }
        });
        return result;
    }
}
