using System.Buffers;
using System.Numerics;
using System.Numerics.Tensors;

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
        MeanCoefficientRows(guide, input, width, height, radius, eps, options, (y, x0, sumA, sumB, invX, invY) =>
        {
            var i = guide.Span.Slice(y * width + x0, sumA.Length);
            var q = output.Span.Slice(y * width + x0, sumA.Length);
            for (int x = 0; x < q.Length; x++)
            {
                double inv = invX[x0 + x] * invY;
                q[x] = (float)(sumA[x] * inv * i[x] + sumB[x] * inv);
            }
        });
    }

    /// <summary>
    /// box(a) and box(b) for one plane: the linear model q = meanA I + meanB, which fast guided upsampling
    /// evaluates at a higher resolution.
    /// </summary>
    public static void MeanCoefficients(ReadOnlyMemory<float> guide, ReadOnlyMemory<float> input, Memory<float> meanA, Memory<float> meanB,
        int width, int height, int radius, float eps, KernelOptions? options = null)
    {
        MeanCoefficientRows(guide, input, width, height, radius, eps, options, (y, x0, sumA, sumB, invX, invY) =>
        {
            var ra = meanA.Span.Slice(y * width + x0, sumA.Length);
            var rb = meanB.Span.Slice(y * width + x0, sumA.Length);
            for (int x = 0; x < ra.Length; x++)
            {
                double inv = invX[x0 + x] * invY;
                ra[x] = (float)(sumA[x] * inv);
                rb[x] = (float)(sumB[x] * inv);
            }
        });
    }

    /// <summary>a and b from the guide and input (pooled buffers), then their window sums handed row by row to <paramref name="sink"/>.</summary>
    private static void MeanCoefficientRows(ReadOnlyMemory<float> guide, ReadOnlyMemory<float> input,
        int width, int height, int radius, float eps, KernelOptions? options, MeanRowSink sink)
    {
        int n = width * height;
        float[] a = ArrayPool<float>.Shared.Rent(n), b = ArrayPool<float>.Shared.Rent(n);
        try
        {
            Coefficients(guide, input, a, b, width, height, radius, eps, options);
            AverageCoefficients(a, b, width, height, radius, options, sink);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(a);
            ArrayPool<float>.Shared.Return(b);
        }
    }

    /// <summary>Window sums of a and b for row y, columns from x0; mean = sum * invX[x0 + i] * invY.</summary>
    private delegate void MeanRowSink(int y, int x0, ReadOnlySpan<double> sumA, ReadOnlySpan<double> sumB, double[] invX, double invY);

    /// <summary>Per-pixel a and b from the four window sums of I, p, I p and I^2.</summary>
    private static void Coefficients(ReadOnlyMemory<float> guide, ReadOnlyMemory<float> input, float[] a, float[] b,
        int width, int height, int radius, float eps, KernelOptions? options)
    {
        if (guide.Length < width * height || input.Length < width * height)
            throw new ArgumentException($"plane buffers are smaller than {width}x{height}");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), "eps must be > 0");
        double[] invX = BoxSums.InverseColumnCounts(width, radius);
        BoxSums.Run(width, height, radius, 4, options,
            (y, x0, count, dest) =>
            {
                var i = dest.Slice(0, count);
                var p = dest.Slice(count, count);
                BoxSums.Widen(guide.Span.Slice(y * width + x0, count), i);
                BoxSums.Widen(input.Span.Slice(y * width + x0, count), p);
                TensorPrimitives.Multiply(i, p, dest.Slice(2 * count, count));
                TensorPrimitives.Multiply(i, i, dest.Slice(3 * count, count));
            },
            (y, x0, count, sums, stride, offset, invY) =>
            {
                var sI = sums.Slice(offset, count);
                var sP = sums.Slice(stride + offset, count);
                var sIP = sums.Slice(2 * stride + offset, count);
                var sII = sums.Slice(3 * stride + offset, count);
                var ix = invX.AsSpan(x0, count);
                int x = 0;
                if (Vector.IsHardwareAccelerated)
                {
                    var vy = new Vector<double>(invY);
                    var ve = new Vector<double>((double)eps);
                    for (; x <= count - Vector<double>.Count; x += Vector<double>.Count)
                    {
                        var inv = new Vector<double>(ix.Slice(x)) * vy;
                        var mI = new Vector<double>(sI.Slice(x)) * inv;
                        var mP = new Vector<double>(sP.Slice(x)) * inv;
                        var cov = new Vector<double>(sIP.Slice(x)) * inv - mI * mP;
                        var var = new Vector<double>(sII.Slice(x)) * inv - mI * mI;
                        var ax = cov / (var + ve);
                        ax.CopyTo(sI.Slice(x));               // a and b overwrite the sums they came from
                        (mP - ax * mI).CopyTo(sP.Slice(x));
                    }
                }
                for (; x < count; x++)
                {
                    double inv = ix[x] * invY;
                    double mI = sI[x] * inv, mP = sP[x] * inv;
                    double cov = sIP[x] * inv - mI * mP;
                    double var = sII[x] * inv - mI * mI;
                    double ax = cov / (var + eps);
                    sI[x] = ax;
                    sP[x] = mP - ax * mI;
                }
                BoxSums.Narrow(sI, a.AsSpan(y * width + x0, count));
                BoxSums.Narrow(sP, b.AsSpan(y * width + x0, count));
            });
    }

    private static void AverageCoefficients(float[] a, float[] b, int width, int height, int radius, KernelOptions? options, MeanRowSink sink)
    {
        double[] invX = BoxSums.InverseColumnCounts(width, radius);
        BoxSums.Run(width, height, radius, 2, options,
            (y, x0, count, dest) =>
            {
                BoxSums.Widen(a.AsSpan(y * width + x0, count), dest.Slice(0, count));
                BoxSums.Widen(b.AsSpan(y * width + x0, count), dest.Slice(count, count));
            },
            (y, x0, count, sums, stride, offset, invY) => sink(y, x0, sums.Slice(offset, count), sums.Slice(stride + offset, count), invX, invY));
    }

    internal static void RequireCompatible(PlanarImage guide, PlanarImage input)
    {
        guide.RequireSameSize(input, "guided filter guide and input");
        if (guide.Channels != 1 && guide.Channels != input.Channels)
            throw new ArgumentException($"guide has {guide.Channels} planes; it needs 1 or {input.Channels}");
    }
}
