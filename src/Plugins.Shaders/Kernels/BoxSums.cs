using System.Buffers;
using System.Numerics.Tensors;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Fills <c>dest</c> (k planes, each <c>count</c> long) with the per-pixel values to be box-summed of row <c>y</c>,
/// columns [x0, x0 + count).
/// </summary>
internal delegate void RowValues(int y, int x0, int count, Span<double> dest);

/// <summary>
/// Receives the (2r+1)^2 window sums (un-normalised) of row <c>y</c>, columns [x0, x0 + count): plane p's value for
/// column x0 + i is <c>sums[p * stride + offset + i]</c>; and 1 / (valid rows in the window). Sinks may overwrite sums.
/// </summary>
internal delegate void RowWindowSink(int y, int x0, int count, Span<double> sums, int stride, int offset, double inverseRowCount);

/// <summary>
/// The O(1)-per-pixel engine behind the box and guided filters: vertical running sums over rows (one SIMD
/// add and subtract per row), then one horizontal running sum per output row, all in double so that the differences the guided filter takes
/// (E[I p] - E[I] E[p]) keep float precision. Windows are clipped at the border; callers normalise by the
/// number of valid pixels (the product of valid columns and valid rows), as He et al.'s reference does.
/// </summary>
internal static class BoxSums
{
    public static void Run(int width, int height, int radius, int planes, KernelOptions? options, RowValues source, RowWindowSink sink)
    {
        if (radius < 0) throw new ArgumentOutOfRangeException(nameof(radius), "radius must be >= 0");
        int minRows = Math.Max(16, 2 * radius + 1);
        int stripWidth = options is { ColumnStripWidth: > 0 } ? options.ColumnStripWidth : Math.Max(256, 8192 / planes);
        RowBands.For(height, options, (y0, y1) => RunBand(width, height, radius, planes, stripWidth, y0, y1, source, sink), minRows);
    }

    private static void RunBand(int width, int height, int radius, int planes, int stripWidth, int y0, int y1, RowValues source, RowWindowSink sink)
    {
        // Column strips keep the k double rows (accumulator, incoming row, horizontal sums) in L2 on wide images;
        // each strip carries r columns of halo on both sides.
        int maxSpan = Math.Min(width, stripWidth + 2 * radius);
        int n = planes * maxSpan;
        double[] accArray = ArrayPool<double>.Shared.Rent(n);
        double[] rowArray = ArrayPool<double>.Shared.Rent(n);
        double[] sumsArray = ArrayPool<double>.Shared.Rent(n);
        try
        {
            for (int sx0 = 0; sx0 < width; sx0 += stripWidth)
            {
                int sx1 = Math.Min(width, sx0 + stripWidth);
                int hx0 = Math.Max(0, sx0 - radius), hx1 = Math.Min(width, sx1 + radius), hw = hx1 - hx0;
                var acc = accArray.AsSpan(0, planes * hw);
                var row = rowArray.AsSpan(0, planes * hw);
                var sums = sumsArray.AsSpan(0, planes * hw);
                acc.Clear();
                int lo = Math.Max(0, y0 - radius), hi = Math.Min(height - 1, y0 + radius);
                for (int yy = lo; yy <= hi; yy++)
                {
                    source(yy, hx0, hw, row);
                    TensorPrimitives.Add(acc, row, acc);
                }
                for (int y = y0; y < y1; y++)
                {
                    int count = Math.Min(height - 1, y + radius) - Math.Max(0, y - radius) + 1;
                    // Within the strip's halo the clipped window equals the image-clipped window for columns [sx0, sx1).
                    for (int p = 0; p < planes; p++)
                        HorizontalWindowSum(acc.Slice(p * hw, hw), sums.Slice(p * hw, hw), radius);
                    sink(y, sx0, sx1 - sx0, sums, hw, sx0 - hx0, 1.0 / count);
                    if (y + 1 == y1) break;
                    int add = y + radius + 1, remove = y - radius;
                    if (add < height)
                    {
                        source(add, hx0, hw, row);
                        TensorPrimitives.Add(acc, row, acc);
                    }
                    if (remove >= 0)
                    {
                        source(remove, hx0, hw, row);
                        TensorPrimitives.Subtract(acc, row, acc);
                    }
                }
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(accArray);
            ArrayPool<double>.Shared.Return(rowArray);
            ArrayPool<double>.Shared.Return(sumsArray);
        }
    }

    /// <summary>dst[x] = sum of src[max(0, x-r) .. min(w-1, x+r)], by a running sum.</summary>
    public static void HorizontalWindowSum(ReadOnlySpan<double> src, Span<double> dst, int radius)
    {
        int w = src.Length;
        double s = 0;
        int first = Math.Min(radius, w - 1);
        for (int i = 0; i <= first; i++) s += src[i];
        // Head / interior / tail, so the interior runs without the add / remove range checks.
        int headEnd = Math.Min(w, radius);                 // x < headEnd: nothing leaves the window yet
        int tailStart = Math.Max(headEnd, w - radius - 1); // x >= tailStart: nothing enters any more
        int x = 0;
        for (; x < headEnd; x++)
        {
            dst[x] = s;
            if (x + radius + 1 < w) s += src[x + radius + 1];
        }
        for (; x < tailStart; x++)
        {
            dst[x] = s;
            s += src[x + radius + 1] - src[x - radius];
        }
        for (; x < w; x++)
        {
            dst[x] = s;
            if (x + radius + 1 < w) s += src[x + radius + 1];
            if (x - radius >= 0) s -= src[x - radius];
        }
    }

    /// <summary>dst = (double)src, SIMD.</summary>
    public static void Widen(ReadOnlySpan<float> src, Span<double> dst)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            int step = System.Numerics.Vector<float>.Count, half = System.Numerics.Vector<double>.Count;
            for (; i <= src.Length - step; i += step)
            {
                System.Numerics.Vector.Widen(new System.Numerics.Vector<float>(src.Slice(i)), out var lo, out var hi);
                lo.CopyTo(dst.Slice(i));
                hi.CopyTo(dst.Slice(i + half));
            }
        }
        for (; i < src.Length; i++) dst[i] = src[i];
    }

    /// <summary>dst = (float)(src * scale[x] * factor), SIMD; src is overwritten with the scaled values.</summary>
    public static void ScaleAndNarrow(Span<double> src, ReadOnlySpan<double> scale, double factor, Span<float> dst)
    {
        TensorPrimitives.Multiply(src, scale, src);
        TensorPrimitives.Multiply(src, factor, src);
        Narrow(src, dst);
    }

    /// <summary>dst = (float)src, SIMD.</summary>
    public static void Narrow(ReadOnlySpan<double> src, Span<float> dst)
    {
        int i = 0;
        if (System.Numerics.Vector.IsHardwareAccelerated)
        {
            int step = System.Numerics.Vector<float>.Count, half = System.Numerics.Vector<double>.Count;
            for (; i <= src.Length - step; i += step)
                System.Numerics.Vector.Narrow(new System.Numerics.Vector<double>(src.Slice(i)), new System.Numerics.Vector<double>(src.Slice(i + half))).CopyTo(dst.Slice(i));
        }
        for (; i < src.Length; i++) dst[i] = (float)src[i];
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
