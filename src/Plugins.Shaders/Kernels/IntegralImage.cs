using System.Numerics.Tensors;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Summed-area table of one plane, in double: box means at any radius in O(1) per pixel from one table. Where a
/// search needs the same plane's means at many radii (the blemish detector's ring-minus-core at seven scales), one
/// table replaces a running-sum <see cref="BoxFilter"/> pass and a full-size array per radius. Windows are clipped at
/// the border and averaged over the valid pixels only, as <see cref="BoxFilter"/> does (equal within float rounding).
/// </summary>
public sealed class IntegralImage
{
    /// <summary>Receives one finished row (valid during the call only).</summary>
    public delegate void RowAction(int y, ReadOnlySpan<float> row);

    /// <summary>(Width + 1) x (Height + 1), row-major: entry (x, y) is the sum of the plane over [0, x) x [0, y).</summary>
    private readonly double[] _sums;

    public int Width { get; }
    public int Height { get; }

    private IntegralImage(double[] sums, int width, int height) => (_sums, Width, Height) = (sums, width, height);

    /// <summary>The table of <paramref name="plane"/> (width x height, row-major).</summary>
    public static IntegralImage Of(ReadOnlySpan<float> plane, int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"size {width}x{height}");
        if (plane.Length < width * height) throw new ArgumentException($"plane is smaller than {width}x{height}", nameof(plane));
        int stride = width + 1;
        var sums = new double[stride * (height + 1)];
        var row = new double[width];
        for (int y = 0; y < height; y++)
        {
            BoxSums.Widen(plane.Slice(y * width, width), row);
            var above = sums.AsSpan(y * stride, stride);
            var here = sums.AsSpan((y + 1) * stride, stride);
            double running = 0;
            for (int x = 0; x < width; x++)
            {
                running += row[x];
                here[x + 1] = above[x + 1] + running;
            }
        }
        return new IntegralImage(sums, width, height);
    }

    /// <summary>Buffers for the row methods; one per thread.</summary>
    public sealed class Scratch
    {
        internal Scratch(int width) { Doubles = new double[2 * (width + 1)]; Core = new float[width]; }
        internal double[] Doubles { get; }
        internal float[] Core { get; }
    }

    public Scratch NewScratch() => new(Width);

    /// <summary>
    /// Row <paramref name="y"/> of the (2r+1)^2 box mean into <paramref name="destination"/> (Width long), clipped at
    /// the border.
    /// </summary>
    public void MeanRow(int radius, int y, Span<float> destination, Scratch scratch)
    {
        if (radius < 0) throw new ArgumentOutOfRangeException(nameof(radius), "radius must be >= 0");
        int w = Width, stride = w + 1;
        int y0 = Math.Max(0, y - radius), y1 = Math.Min(Height - 1, y + radius);
        // Column sums over the row window: columns[x] = sum of [0, x) x [y0, y1].
        var columns = scratch.Doubles.AsSpan(0, stride);
        var window = scratch.Doubles.AsSpan(stride, w);
        TensorPrimitives.Subtract(_sums.AsSpan((y1 + 1) * stride, stride), _sums.AsSpan(y0 * stride, stride), columns);
        double rowFactor = 1.0 / (y1 - y0 + 1);
        // Columns [r, w - r) see the whole window (SIMD); the r columns at each side are clipped.
        int interior = Math.Max(0, w - 2 * radius), left = interior > 0 ? radius : w;
        if (interior > 0)
        {
            var inside = window.Slice(left, interior);
            TensorPrimitives.Subtract(columns.Slice(left + radius + 1, interior), columns.Slice(0, interior), inside);
            TensorPrimitives.Multiply(inside, rowFactor / (2 * radius + 1), inside);
        }
        for (int x = 0; x < w; x++)
        {
            if (x == left) { x = left + interior - 1; continue; }
            int x0 = Math.Max(0, x - radius), x1 = Math.Min(w - 1, x + radius);
            window[x] = (columns[x1 + 1] - columns[x0]) * rowFactor / (x1 - x0 + 1);
        }
        BoxSums.Narrow(window, destination.Slice(0, w));
    }

    /// <summary>
    /// Row <paramref name="y"/> of mean(square ring between radii rc and rs) - mean(core of radius rc): how much a
    /// blob of about rc stands below its surround. Both means are clipped at the border; the ring is taken from them
    /// with the whole windows' areas.
    /// </summary>
    public void RingMinusCoreRow(int rc, int rs, int y, Span<float> destination, Scratch scratch)
    {
        if (rs <= rc) throw new ArgumentOutOfRangeException(nameof(rs), $"ring radius {rs} must exceed the core's {rc}");
        var core = scratch.Core.AsSpan(0, Width);
        MeanRow(rc, y, core, scratch);
        MeanRow(rs, y, destination, scratch);
        float ac = (2 * rc + 1) * (2 * rc + 1), ao = (2 * rs + 1) * (2 * rs + 1);
        for (int x = 0; x < Width; x++)
            destination[x] = (destination[x] * ao - core[x] * ac) / (ao - ac) - core[x];
    }

    /// <summary>
    /// Every row of <see cref="RingMinusCoreRow"/>, bands of rows on all cores; <paramref name="action"/> gets each row
    /// once (rows of different bands at the same time).
    /// </summary>
    public void RingMinusCoreRows(int rc, int rs, RowAction action, KernelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        RowBands.For(Height, options, (y0, y1) =>
        {
            var scratch = NewScratch();
            var row = new float[Width];
            for (int y = y0; y < y1; y++)
            {
                RingMinusCoreRow(rc, rs, y, row, scratch);
                action(y, row);
            }
        });
    }
}
