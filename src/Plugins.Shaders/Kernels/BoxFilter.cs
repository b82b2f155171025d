namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Mean over the (2r+1) x (2r+1) window, O(1) per pixel whatever the radius. At the border the window is
/// clipped to the image and the mean is taken over the valid pixels only (no padding, no reflection);
/// a radius larger than the image is allowed.
/// </summary>
public static class BoxFilter
{
    /// <summary>Filters every plane of <paramref name="source"/> into a new image.</summary>
    public static PlanarImage Apply(PlanarImage source, int radius, KernelOptions? options = null)
    {
        var result = new PlanarImage(source.Width, source.Height, source.Channels);
        for (int c = 0; c < source.Channels; c++)
            ApplyPlane(source.PlaneMemory(c), result.PlaneMemory(c), source.Width, source.Height, radius, options);
        return result;
    }

    /// <summary>Filters one plane (width x height, row-major) into <paramref name="destination"/> (may not alias the source).</summary>
    public static void ApplyPlane(ReadOnlyMemory<float> source, Memory<float> destination, int width, int height, int radius, KernelOptions? options = null)
    {
        if (source.Length < width * height || destination.Length < width * height)
            throw new ArgumentException($"plane buffers are smaller than {width}x{height}");
        double[] invX = BoxSums.InverseColumnCounts(width, radius);
        BoxSums.Run(width, height, radius, 1, options,
            (y, x0, count, dest) => BoxSums.Widen(source.Span.Slice(y * width + x0, count), dest),
            (y, x0, count, sums, _, offset, invY) =>
                BoxSums.ScaleAndNarrow(sums.Slice(offset, count), invX.AsSpan(x0, count), invY, destination.Span.Slice(y * width + x0, count)));
    }
}
