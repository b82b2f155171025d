using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using static RetouchPlugins.Tests.Shaders.TestImages;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// <see cref="Resampler"/> (network inputs, masks, detection copies) against a naive double-precision triangle filter
/// widened by the shrink factor, on regions whose taps reach past the region into the rest of the image. Both passes
/// orders are covered (rows shrunk: columns first; rows kept or enlarged: rows first). Tolerance 1e-5 on [0, 1] data.
/// </summary>
public class ResamplerTests
{
    [Theory]
    [InlineData(0, 0, 90, 70, 30, 20)]     // whole image, shrunk both ways
    [InlineData(13, 7, 50, 40, 17, 11)]    // an inner region shrunk ~3x: taps reach outside it
    [InlineData(13, 7, 50, 40, 120, 90)]   // the same region enlarged
    [InlineData(5, 9, 60, 30, 20, 45)]     // columns shrunk, rows enlarged
    [InlineData(5, 9, 30, 60, 45, 20)]     // columns enlarged, rows shrunk
    [InlineData(0, 0, 1, 70, 1, 9)]        // one column
    public void MatchesNaiveTriangleFilter(int x, int y, int w, int h, int width, int height)
    {
        const int sw = 90, sh = 70;
        var image = new PlanarImage(sw, sh, 2);
        PhotoLike(sw, sh, 3).CopyTo(image.Data, 0);
        Noise(sw, sh, 4).CopyTo(image.Data, sw * sh);

        var actual = Resampler.Resize(image, x, y, w, h, width, height);

        for (int c = 0; c < 2; c++)
        {
            var expected = Naive(image, c, x, y, w, h, width, height);
            var plane = actual.Data.AsSpan(c * width * height, width * height);
            Assert.True(MaxAbsDiff(plane, expected) < 1e-5, $"plane {c}: max diff {MaxAbsDiff(plane, expected):E2}");
        }
    }

    private static double[] Naive(PlanarImage image, int c, int x, int y, int w, int h, int width, int height)
    {
        var (cx, wx) = Taps(x, w, width, image.Width);
        var (cy, wy) = Taps(y, h, height, image.Height);
        var result = new double[width * height];
        for (int j = 0; j < height; j++)
            for (int i = 0; i < width; i++)
            {
                double sum = 0;
                for (int b = 0; b < cy[j].Length; b++)
                    for (int a = 0; a < cx[i].Length; a++)
                        sum += wy[j][b] * wx[i][a] * image.Data[(c * image.Height + cy[j][b]) * image.Width + cx[i][a]];
                result[j * width + i] = sum;
            }
        return result;
    }

    /// <summary>Contributors of each output sample: centres map onto centres, a triangle of radius max(1, 1/scale).</summary>
    private static (int[][] Index, double[][] Weight) Taps(int origin, int inLength, int outLength, int sourceLength)
    {
        double scale = (double)outLength / inLength, support = scale < 1 ? 1 / scale : 1;
        var index = new int[outLength][];
        var weight = new double[outLength][];
        for (int i = 0; i < outLength; i++)
        {
            double center = origin + (i + 0.5) / scale;
            var s = Enumerable.Range(0, sourceLength).Where(k => 1 - Math.Abs(k + 0.5 - center) / support > 0).ToArray();
            var t = s.Select(k => 1 - Math.Abs(k + 0.5 - center) / support).ToArray();
            double total = t.Sum();
            index[i] = s;
            weight[i] = t.Select(v => v / total).ToArray();
        }
        return (index, weight);
    }
}
