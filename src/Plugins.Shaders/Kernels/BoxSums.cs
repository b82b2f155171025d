using System.Buffers;
using System.Numerics.Tensors;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>Fills <c>dest</c> (k planes of one row, each <c>width</c> long) with the horizontal window sums of row <c>y</c>.</summary>
internal delegate void RowWindowSums(int y, Span<double> dest, Span<double> scratch);

/// <summary>Receives the (2r+1)^2 window sums of row <c>y</c> (k rows, un-normalised) and 1 / valid rows in the window.</summary>
internal delegate void RowWindowSink(int y, ReadOnlySpan<double> sums, double inverseRowCount);

/// <summary>
/// The O(1)-per-pixel engine behind the box and guided filters: horizontal running sums per row, vertical
/// running sums over rows, all in double so that the differences the guided filter takes
/// (E[I p] - E[I] E[p]) keep float precision. Windows are clipped at the border; callers normalise by the
/// number of valid pixels (the product of valid columns and valid rows), as He et al.'s reference does.
/// </summary>
internal static class BoxSums
{
    public static void Run(int width, int height, int radius, int planes, KernelOptions? options, RowWindowSums source, RowWindowSink sink)
    {
        if (radius < 0) throw new ArgumentOutOfRangeException(nameof(radius), "radius must be >= 0");
        int minRows = Math.Max(16, 2 * radius + 1);
        RowBands.For(height, options, (y0, y1) => RunBand(width, height, radius, planes, y0, y1, source, sink), minRows);
    }

    private static void RunBand(int width, int height, int radius, int planes, int y0, int y1, RowWindowSums source, RowWindowSink sink)
    {
        int n = planes * width;
        double[] accArray = ArrayPool<double>.Shared.Rent(n);
        double[] rowArray = ArrayPool<double>.Shared.Rent(n);
        double[] scratchArray = ArrayPool<double>.Shared.Rent(width);
        try
        {
            var acc = accArray.AsSpan(0, n);
            var row = rowArray.AsSpan(0, n);
            var scratch = scratchArray.AsSpan(0, width);
            acc.Clear();
            int lo = Math.Max(0, y0 - radius), hi = Math.Min(height - 1, y0 + radius);
            for (int yy = lo; yy <= hi; yy++)
            {
                source(yy, row, scratch);
                TensorPrimitives.Add(acc, row, acc);
            }
            for (int y = y0; y < y1; y++)
            {
                int count = Math.Min(height - 1, y + radius) - Math.Max(0, y - radius) + 1;
                sink(y, acc, 1.0 / count);
                if (y + 1 == y1) break;
                int add = y + radius + 1, remove = y - radius;
                if (add < height)
                {
                    source(add, row, scratch);
                    TensorPrimitives.Add(acc, row, acc);
                }
                if (remove >= 0)
                {
                    source(remove, row, scratch);
                    TensorPrimitives.Subtract(acc, row, acc);
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(accArray);
            ArrayPool<double>.Shared.Return(rowArray);
            ArrayPool<double>.Shared.Return(scratchArray);
        }
    }

    /// <summary>dst[x] = sum of src[max(0, x-r) .. min(w-1, x+r)], by a running sum.</summary>
    public static void HorizontalWindowSum(ReadOnlySpan<double> src, Span<double> dst, int radius)
    {
        int w = src.Length;
        double s = 0;
        int first = Math.Min(radius, w - 1);
        for (int i = 0; i <= first; i++) s += src[i];
        for (int x = 0; x < w; x++)
        {
            dst[x] = s;
            int add = x + radius + 1, remove = x - radius;
            if (add < w) s += src[add];
            if (remove >= 0) s -= src[remove];
        }
    }

    /// <summary>The same for a float row, summed in double.</summary>
    public static void HorizontalWindowSum(ReadOnlySpan<float> src, Span<double> dst, int radius)
    {
        int w = src.Length;
        double s = 0;
        int first = Math.Min(radius, w - 1);
        for (int i = 0; i <= first; i++) s += src[i];
        // Split into head / interior / tail so the interior runs without bound checks on add / remove.
        int headEnd = Math.Min(w, radius + 1);            // x < headEnd: nothing to remove yet
        int tailStart = Math.Max(headEnd, w - radius - 1); // x >= tailStart: nothing to add any more
        int x = 0;
        for (; x < headEnd; x++)
        {
            dst[x] = s;
            if (x + radius + 1 < w) s += src[x + radius + 1];
            if (x - radius >= 0) s -= src[x - radius];
        }
        for (; x < tailStart; x++)
        {
            dst[x] = s;
            s += src[x + radius + 1] - (double)src[x - radius];
        }
        for (; x < w; x++)
        {
            dst[x] = s;
            if (x + radius + 1 < w) s += src[x + radius + 1];
            if (x - radius >= 0) s -= src[x - radius];
        }
    }

    /// <summary>1 / (number of valid columns) of each pixel's window.</summary>
    public static double[] InverseColumnCounts(int width, int radius)
    {
        var inv = new double[width];
        for (int x = 0; x < width; x++)
            inv[x] = 1.0 / (Math.Min(width - 1, x + radius) - Math.Max(0, x - radius) + 1);
        return inv;
    }
}
