using System.Buffers;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// He et al.'s guided filter with a one-plane (grey) guide I and input p:
/// a = cov(I, p) / (var(I) + eps), b = mean(p) - a mean(I) over each (2r+1)^2 window, q = box(a) I + box(b).
/// Window statistics are summed in double (see <see cref="BoxSums"/>), so small eps keeps float precision.
/// Borders: windows clipped to the image, means over the valid pixels.
/// </summary>
public static class GuidedFilter
{
    /// <summary>
    /// Filters each plane of <paramref name="input"/>. The guide has one plane (used for every input plane)
    /// or as many planes as the input (plane c guides plane c).
    /// </summary>
    public static PlanarImage Apply(PlanarImage guide, PlanarImage input, int radius, float eps, KernelOptions? options = null)
    {
        RequireCompatible(guide, input);
        var result = new PlanarImage(input.Width, input.Height, input.Channels);
        for (int c = 0; c < input.Channels; c++)
            ApplyPlane(guide.PlaneMemory(guide.Channels == 1 ? 0 : c), input.PlaneMemory(c), result.PlaneMemory(c),
                input.Width, input.Height, radius, eps, options);
        return result;
    }

    /// <summary>q = box(a) I + box(b) for one plane. <paramref name="output"/> may alias <paramref name="input"/>, not the guide.</summary>
    public static void ApplyPlane(ReadOnlyMemory<float> guide, ReadOnlyMemory<float> input, Memory<float> output,
        int width, int height, int radius, float eps, KernelOptions? options = null)
    {
        int n = width * height;
        float[] a = ArrayPool<float>.Shared.Rent(n), b = ArrayPool<float>.Shared.Rent(n);
        try
        {
            Coefficients(guide, input, a, b, width, height, radius, eps, options);
            AverageCoefficients(a, b, width, height, radius, options, (y, sumA, sumB, invX, invY) =>
            {
                var i = guide.Span.Slice(y * width, width);
                var q = output.Span.Slice(y * width, width);
                for (int x = 0; x < width; x++)
                {
                    double inv = invX[x] * invY;
                    q[x] = (float)(sumA[x] * inv * i[x] + sumB[x] * inv);
                }
            });
        }
        finally
        {
            ArrayPool<float>.Shared.Return(a);
            ArrayPool<float>.Shared.Return(b);
        }
    }

    /// <summary>
    /// box(a) and box(b) for one plane: the linear model q = meanA I + meanB, which fast guided upsampling
    /// evaluates at a higher resolution.
    /// </summary>
    public static void MeanCoefficients(ReadOnlyMemory<float> guide, ReadOnlyMemory<float> input, Memory<float> meanA, Memory<float> meanB,
        int width, int height, int radius, float eps, KernelOptions? options = null)
    {
        int n = width * height;
        float[] a = ArrayPool<float>.Shared.Rent(n), b = ArrayPool<float>.Shared.Rent(n);
        try
        {
            Coefficients(guide, input, a, b, width, height, radius, eps, options);
            AverageCoefficients(a, b, width, height, radius, options, (y, sumA, sumB, invX, invY) =>
            {
                var ra = meanA.Span.Slice(y * width, width);
                var rb = meanB.Span.Slice(y * width, width);
                for (int x = 0; x < width; x++)
                {
                    double inv = invX[x] * invY;
                    ra[x] = (float)(sumA[x] * inv);
                    rb[x] = (float)(sumB[x] * inv);
                }
            });
        }
        finally
        {
            ArrayPool<float>.Shared.Return(a);
            ArrayPool<float>.Shared.Return(b);
        }
    }

    /// <summary>Window sums of a and b for row y; mean = sum * invX[x] * invY.</summary>
    private delegate void MeanRowSink(int y, ReadOnlySpan<double> sumA, ReadOnlySpan<double> sumB, double[] invX, double invY);

    /// <summary>Per-pixel a and b from the four window sums of I, p, I p and I^2.</summary>
    private static void Coefficients(ReadOnlyMemory<float> guide, ReadOnlyMemory<float> input, float[] a, float[] b,
        int width, int height, int radius, float eps, KernelOptions? options)
    {
        if (guide.Length < width * height || input.Length < width * height)
            throw new ArgumentException($"plane buffers are smaller than {width}x{height}");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), "eps must be > 0");
        double[] invX = BoxSums.InverseColumnCounts(width, radius);
        BoxSums.Run(width, height, radius, 4, options,
            (y, dest, scratch) =>
            {
                var i = guide.Span.Slice(y * width, width);
                var p = input.Span.Slice(y * width, width);
                BoxSums.HorizontalWindowSum(i, dest.Slice(0, width), radius);
                BoxSums.HorizontalWindowSum(p, dest.Slice(width, width), radius);
                for (int x = 0; x < width; x++) scratch[x] = (double)i[x] * p[x];
                BoxSums.HorizontalWindowSum(scratch, dest.Slice(2 * width, width), radius);
                for (int x = 0; x < width; x++) scratch[x] = (double)i[x] * i[x];
                BoxSums.HorizontalWindowSum(scratch, dest.Slice(3 * width, width), radius);
            },
            (y, sums, invY) =>
            {
                var sI = sums.Slice(0, width);
                var sP = sums.Slice(width, width);
                var sIP = sums.Slice(2 * width, width);
                var sII = sums.Slice(3 * width, width);
                var ra = a.AsSpan(y * width, width);
                var rb = b.AsSpan(y * width, width);
                for (int x = 0; x < width; x++)
                {
                    double inv = invX[x] * invY;
                    double mI = sI[x] * inv, mP = sP[x] * inv;
                    double cov = sIP[x] * inv - mI * mP;
                    double var = sII[x] * inv - mI * mI;
                    double ax = cov / (var + eps);
                    ra[x] = (float)ax;
                    rb[x] = (float)(mP - ax * mI);
                }
            });
    }

    private static void AverageCoefficients(float[] a, float[] b, int width, int height, int radius, KernelOptions? options, MeanRowSink sink)
    {
        double[] invX = BoxSums.InverseColumnCounts(width, radius);
        BoxSums.Run(width, height, radius, 2, options,
            (y, dest, _) =>
            {
                BoxSums.HorizontalWindowSum(a.AsSpan(y * width, width), dest.Slice(0, width), radius);
                BoxSums.HorizontalWindowSum(b.AsSpan(y * width, width), dest.Slice(width, width), radius);
            },
            (y, sums, invY) => sink(y, sums.Slice(0, width), sums.Slice(width, width), invX, invY));
    }

    internal static void RequireCompatible(PlanarImage guide, PlanarImage input)
    {
        guide.RequireSameSize(input, "guided filter guide and input");
        if (guide.Channels != 1 && guide.Channels != input.Channels)
            throw new ArgumentException($"guide has {guide.Channels} planes; it needs 1 or {input.Channels}");
    }
}
