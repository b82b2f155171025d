using System.Buffers;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Guided upsampling (He's fast guided filter / the Deep Guided Filter idea): the linear model
/// q = A I + B is fitted at low resolution (box-averaged guided-filter coefficients of p against the
/// low-resolution guide), A and B are upsampled bilinearly (half-pixel centres), and the model is applied
/// to the full-resolution guide. Full-resolution detail comes only from the high-resolution guide; nothing
/// at full resolution is filtered.
/// </summary>
public static class FastGuidedUpsampler
{
    /// <summary>
    /// Upsamples each plane of <paramref name="lowInput"/> to the size of <paramref name="highGuide"/>.
    /// Guides have one plane (shared) or one per input plane; the low guide has the low input's size.
    /// </summary>
    public static PlanarImage Apply(PlanarImage lowGuide, PlanarImage lowInput, PlanarImage highGuide, int radius, float eps, KernelOptions? options = null)
    {
        GuidedFilter.RequireCompatible(lowGuide, lowInput);
        if (highGuide.Channels != lowGuide.Channels)
            throw new ArgumentException($"high guide has {highGuide.Channels} planes, low guide {lowGuide.Channels}");
        var result = new PlanarImage(highGuide.Width, highGuide.Height, lowInput.Channels);
        for (int c = 0; c < lowInput.Channels; c++)
        {
            int g = lowGuide.Channels == 1 ? 0 : c;
            ApplyPlane(lowGuide.PlaneMemory(g), lowInput.PlaneMemory(c), lowInput.Width, lowInput.Height,
                highGuide.PlaneMemory(g), result.PlaneMemory(c), highGuide.Width, highGuide.Height, radius, eps, options);
        }
        return result;
    }

    public static void ApplyPlane(ReadOnlyMemory<float> lowGuide, ReadOnlyMemory<float> lowInput, int lowWidth, int lowHeight,
        ReadOnlyMemory<float> highGuide, Memory<float> output, int highWidth, int highHeight, int radius, float eps, KernelOptions? options = null)
    {
        Resample.RequireSizes(highGuide.Length, highWidth, highHeight, output.Length, highWidth, highHeight);
        int n = lowWidth * lowHeight;
        float[] meanA = ArrayPool<float>.Shared.Rent(n), meanB = ArrayPool<float>.Shared.Rent(n);
        try
        {
            GuidedFilter.MeanCoefficients(lowGuide, lowInput, meanA, meanB, lowWidth, lowHeight, radius, eps, options);
            ApplyModel(meanA, meanB, lowWidth, lowHeight, highGuide, output, highWidth, highHeight, options);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(meanA);
            ArrayPool<float>.Shared.Return(meanB);
        }
    }

    /// <summary>output = up(A) * guide + up(B), the coefficient planes upsampled row by row (never stored at full size).</summary>
    internal static void ApplyModel(float[] meanA, float[] meanB, int lowWidth, int lowHeight,
        ReadOnlyMemory<float> highGuide, Memory<float> output, int highWidth, int highHeight, KernelOptions? options)
    {
        var tx = new BilinearTaps(lowWidth, highWidth);
        var ty = new BilinearTaps(lowHeight, highHeight);
        RowBands.For(highHeight, options, (y0, y1) =>
        {
            float[] buffer = ArrayPool<float>.Shared.Rent(2 * lowWidth + 2 * highWidth);
            try
            {
                var mixA = buffer.AsSpan(0, lowWidth);
                var mixB = buffer.AsSpan(lowWidth, lowWidth);
                var rowA = buffer.AsSpan(2 * lowWidth, highWidth);
                var rowB = buffer.AsSpan(2 * lowWidth + highWidth, highWidth);
                for (int y = y0; y < y1; y++)
                {
                    int lo = ty.Lower[y] * lowWidth, hi = ty.Upper[y] * lowWidth;
                    float fy = ty.Fraction[y];
                    System.Numerics.Tensors.TensorPrimitives.Lerp(meanA.AsSpan(lo, lowWidth), meanA.AsSpan(hi, lowWidth), fy, mixA);
                    System.Numerics.Tensors.TensorPrimitives.Lerp(meanB.AsSpan(lo, lowWidth), meanB.AsSpan(hi, lowWidth), fy, mixB);
                    tx.Interpolate(mixA, rowA);
                    tx.Interpolate(mixB, rowB);
                    var guide = highGuide.Span.Slice(y * highWidth, highWidth);
                    System.Numerics.Tensors.TensorPrimitives.MultiplyAdd(rowA, guide, rowB, output.Span.Slice(y * highWidth, highWidth));
                }
            }
            finally { ArrayPool<float>.Shared.Return(buffer); }
        });
    }
}
