using RetouchPlugins.Shaders.Masks;
using RetouchPlugins.Shaders;
using System.Numerics.Tensors;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Separable resampling of a rectangle of a planar image to a new size, for network inputs and
/// for scaling network outputs back. A triangle (linear) filter widened by the shrink factor:
/// bilinear when enlarging, close to an area average when shrinking, so a 24 MP photo brought
/// down to 640 px does not alias.
/// </summary>
public static class Resampler
{
    public static PlanarImage Resize(PlanarImage source, int width, int height) =>
        Resize(source, 0, 0, source.Width, source.Height, width, height);

    /// <summary>Resamples [x, x+w) x [y, y+h) of <paramref name="source"/> to <paramref name="width"/> x <paramref name="height"/>.</summary>
    public static PlanarImage Resize(PlanarImage source, int x, int y, int w, int h, int width, int height)
    {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > source.Width || y + h > source.Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"region {x},{y} {w}x{h} is outside {source.Width}x{source.Height}");
        var columns = Weights(x, w, width, source.Width);
        var rows = Weights(y, h, height, source.Height);
        var result = new PlanarImage(width, height, source.Channels);
        int firstColumn = columns.First, lastColumn = columns.Last;
        for (int c = 0; c < source.Channels; c++)
        {
            int channel = c;
            if (height < h)
            {
                // Shrinking rows: columns first (SIMD over the region's width), so the scalar horizontal taps run on
                // the output rows only, not on every source row.
                // The taps may reach a little past the region (into the rest of the photo), as the other path's do.
                Parallel.For(0, height, () => new float[lastColumn - firstColumn + 1], (dy, _, acc) =>
                {
                    var (s0, taps) = rows.Taps(dy);
                    int span = acc.Length;
                    TensorPrimitives.Multiply(source.Row(channel, s0).Slice(firstColumn, span), taps[0], acc);
                    for (int k = 1; k < taps.Length; k++)
                        TensorPrimitives.MultiplyAdd(source.Row(channel, s0 + k).Slice(firstColumn, span), taps[k], acc, acc);
                    var dst = result.Row(channel, dy);
                    for (int dx = 0; dx < width; dx++) dst[dx] = columns.Apply(dx, acc, firstColumn);
                    return acc;
                }, _ => { });
                continue;
            }
            // Horizontal pass into rows of the intermediate, only over the source rows needed.
            int firstRow = rows.First, lastRow = rows.Last;
            var temp = new float[(lastRow - firstRow + 1) * width];
            Parallel.For(firstRow, lastRow + 1, sy =>
            {
                var src = source.Row(channel, sy);
                var dst = temp.AsSpan((sy - firstRow) * width, width);
                for (int dx = 0; dx < width; dx++) dst[dx] = columns.Apply(dx, src, 0);
            });
            // Vertical pass a whole row at a time (SIMD), the taps added in the same order as one pixel's sum.
            Parallel.For(0, height, dy =>
            {
                var dst = result.Row(channel, dy);
                var (s0, taps) = rows.Taps(dy);
                TensorPrimitives.Multiply(temp.AsSpan((s0 - firstRow) * width, width), taps[0], dst);
                for (int k = 1; k < taps.Length; k++)
                    TensorPrimitives.MultiplyAdd(temp.AsSpan((s0 + k - firstRow) * width, width), taps[k], dst, dst);
            });
        }
        return result;
    }

    /// <summary>For each output index: the first source index and normalised weights of its contributors.</summary>
    private sealed class FilterWeights(int[] start, float[][] weights)
    {
        public int First => start.Min();
        public int Last => start.Select((s, i) => s + weights[i].Length - 1).Max();

        /// <summary>First source index and weights of output <paramref name="index"/>.</summary>
        public (int Start, float[] Weights) Taps(int index) => (start[index], weights[index]);

        /// <summary>Sum of weight * samples[s - origin] over the contributors s of output <paramref name="index"/>.</summary>
        public float Apply(int index, ReadOnlySpan<float> samples, int origin)
        {
            var w = weights[index];
            var taps = samples.Slice(start[index] - origin, w.Length);
            float sum = 0;
            for (int k = 0; k < w.Length; k++) sum += w[k] * taps[k];
            return sum;
        }
    }

    private static FilterWeights Weights(int origin, int inLength, int outLength, int sourceLength)
    {
        double scale = (double)outLength / inLength;
        double support = scale < 1 ? 1 / scale : 1; // filter radius in source samples
        var start = new int[outLength];
        var weights = new float[outLength][];
        for (int i = 0; i < outLength; i++)
        {
            double center = origin + (i + 0.5) / scale; // pixel centres map onto pixel centres
            int lo = Math.Max(0, (int)Math.Floor(center - support));
            int hi = Math.Min(sourceLength - 1, (int)Math.Ceiling(center + support));
            var w = new float[hi - lo + 1];
            double total = 0;
            for (int s = lo; s <= hi; s++)
            {
                double t = 1 - Math.Abs(s + 0.5 - center) / support;
                if (t > 0) { w[s - lo] = (float)t; total += t; }
            }
            if (total <= 0) { w[Math.Clamp((int)center, lo, hi) - lo] = 1; total = 1; }
            for (int k = 0; k < w.Length; k++) w[k] = (float)(w[k] / total);
            start[i] = lo;
            weights[i] = w;
        }
        return new FilterWeights(start, weights);
    }
}
