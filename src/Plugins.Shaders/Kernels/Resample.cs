using System.Buffers;
using System.Numerics.Tensors;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Resampling between pyramid levels.
/// Area: each destination pixel is the exact mean of the source area it covers (any factor, also non-integer),
/// so a constant stays constant and the image mean is kept.
/// Bilinear: half-pixel centres (align_corners = false, as OpenCV resize and PyTorch's default):
/// destination x maps to source (x + 0.5) * sw / dw - 0.5, clamped to [0, sw - 1] (edge samples repeat).
/// </summary>
public static class Resample
{
    public static PlanarImage AreaDownsample(PlanarImage source, int width, int height, KernelOptions? options = null)
    {
        var result = new PlanarImage(width, height, source.Channels);
        for (int c = 0; c < source.Channels; c++)
            AreaPlane(source.PlaneMemory(c), source.Width, source.Height, result.PlaneMemory(c), width, height, options);
        return result;
    }

    /// <summary>
    /// The area average of <paramref name="region"/> of the first <paramref name="channels"/> planes of <paramref name="source"/>,
    /// read in place: the same values as cropping first, without the crop's copy (a garment's crop of a 24 MP photo is
    /// hundreds of MB of fresh pages).
    /// </summary>
    public static PlanarImage AreaDownsample(PlanarImage source, PixelRect region, int width, int height, int channels, KernelOptions? options = null)
    {
        if (region.X < 0 || region.Y < 0 || region.Right > source.Width || region.Bottom > source.Height || region.Width <= 0 || region.Height <= 0)
            throw new ArgumentException($"region {region} is outside the {source.Width}x{source.Height} image");
        if (channels < 1 || channels > source.Channels) throw new ArgumentOutOfRangeException(nameof(channels), $"{channels} planes asked of {source.Channels}");
        var result = new PlanarImage(width, height, channels);
        for (int c = 0; c < channels; c++)
            AreaPlane(source.PlaneMemory(c), source.Width, region, result.PlaneMemory(c), width, height, options);
        return result;
    }

    public static PlanarImage BilinearUpsample(PlanarImage source, int width, int height, KernelOptions? options = null)
    {
        var result = new PlanarImage(width, height, source.Channels);
        for (int c = 0; c < source.Channels; c++)
            BilinearPlane(source.PlaneMemory(c), source.Width, source.Height, result.PlaneMemory(c), width, height, options);
        return result;
    }

    /// <summary>Exact area average of one plane (separable: columns first, then rows).</summary>
    public static void AreaPlane(ReadOnlyMemory<float> source, int sw, int sh, Memory<float> destination, int dw, int dh, KernelOptions? options = null)
    {
        RequireSizes(source.Length, sw, sh, destination.Length, dw, dh);
        AreaPlane(source, sw, new PixelRect(0, 0, sw, sh), destination, dw, dh, options);
    }

    /// <summary>The area average of a rectangle of a plane <paramref name="stride"/> samples wide.</summary>
    private static void AreaPlane(ReadOnlyMemory<float> source, int stride, PixelRect region, Memory<float> destination, int dw, int dh, KernelOptions? options)
    {
        int sw = region.Width, sh = region.Height;
        var wx = new AreaWeights(sw, dw);
        var wy = new AreaWeights(sh, dh);
        // Columns first, a whole source row at a time (SIMD), then one horizontal pass per output row: the scalar
        // horizontal sums run on dh rows instead of on every source row an output row reads.
        RowBands.For(dh, options, (y0, y1) =>
        {
            float[] accArray = ArrayPool<float>.Shared.Rent(sw);
            try
            {
                var acc = accArray.AsSpan(0, sw);
                var src = source.Span;
                for (int y = y0; y < y1; y++)
                {
                    acc.Clear();
                    for (int k = 0; k < wy.Count[y]; k++)
                    {
                        float weight = wy.Weights[wy.Offset[y] + k];
                        if (weight == 0f) continue;
                        TensorPrimitives.MultiplyAdd(src.Slice((region.Y + wy.First[y] + k) * stride + region.X, sw), weight, acc, acc);
                    }
                    HorizontalArea(acc, destination.Span.Slice(y * dw, dw), wx);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(accArray);
            }
        });
    }

    private static void HorizontalArea(ReadOnlySpan<float> src, Span<float> dst, AreaWeights wx)
    {
        var weights = wx.Weights;
        for (int x = 0; x < dst.Length; x++)
        {
            int count = wx.Count[x];
            var taps = src.Slice(wx.First[x], count);
            var w = weights.AsSpan(wx.Offset[x], count);
            float s = 0;
            for (int k = 0; k < taps.Length; k++) s += taps[k] * w[k];
            dst[x] = s;
        }
    }

    /// <summary>Bilinear resample of one plane with half-pixel centres.</summary>
    public static void BilinearPlane(ReadOnlyMemory<float> source, int sw, int sh, Memory<float> destination, int dw, int dh, KernelOptions? options = null)
    {
        RequireSizes(source.Length, sw, sh, destination.Length, dw, dh);
        var rows = new BilinearRows(source, sw, sh, dw, dh);
        RowBands.For(dh, options, (y0, y1) =>
        {
            float[] mixArray = ArrayPool<float>.Shared.Rent(sw);
            try
            {
                var mix = mixArray.AsSpan(0, sw);
                for (int y = y0; y < y1; y++) rows.Read(y, mix, destination.Span.Slice(y * dw, dw));
            }
            finally { ArrayPool<float>.Shared.Return(mixArray); }
        });
    }

    internal static void RequireSizes(int sourceLength, int sw, int sh, int destinationLength, int dw, int dh)
    {
        if (sw <= 0 || sh <= 0 || dw <= 0 || dh <= 0) throw new ArgumentOutOfRangeException(nameof(sw), $"sizes must be positive ({sw}x{sh} -> {dw}x{dh})");
        if (sourceLength < sw * sh) throw new ArgumentException($"source plane holds {sourceLength} samples, {sw}x{sh} needs {sw * sh}");
        if (destinationLength < dw * dh) throw new ArgumentException($"destination plane holds {destinationLength} samples, {dw}x{dh} needs {dw * dh}");
    }

    /// <summary>Area average where an axis shrinks, bilinear where it grows (per axis, in two steps if mixed); the same image when the size is already right.</summary>
    public static PlanarImage Resize(PlanarImage image, int width, int height)
    {
        if (width == image.Width && height == image.Height) return image;
        if (width <= image.Width && height <= image.Height) return AreaDownsample(image, width, height);
        if (width >= image.Width && height >= image.Height) return BilinearUpsample(image, width, height);
        var step = AreaDownsample(image, Math.Min(width, image.Width), Math.Min(height, image.Height));
        return BilinearUpsample(step, width, height);
    }
}
