using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using static RetouchPlugins.Tests.Shaders.TestImages;

namespace RetouchPlugins.Tests.Shaders;

public class ColorGuidedFilterTests
{
    [Theory]
    [InlineData(41, 33, 3, 1e-2)]
    [InlineData(29, 23, 5, 1e-3)]
    [InlineData(12, 9, 20, 1e-2)]   // radius larger than the image
    public void MatchesTheNaiveReference(int w, int h, int r, double eps)
    {
        var guide = new PlanarImage(w, h, 3);
        for (int c = 0; c < 3; c++) PhotoLike(w, h, 20 + c).CopyTo(guide.Plane(c));
        var input = new PlanarImage(w, h, 1, Noise(w, h, 5));
        var expected = NaiveColorGuided.Filter([ToDouble(guide.ExtractPlane(0).Data), ToDouble(guide.ExtractPlane(1).Data), ToDouble(guide.ExtractPlane(2).Data)],
            ToDouble(input.Data), w, h, r, eps);
        foreach (var options in new[] { KernelOptions.AllCores, new KernelOptions { ColumnStripWidth = 4 } })
        {
            var q = ColorGuidedFilter.Apply(guide, input, r, (float)eps, options);
            Assert.True(MaxAbsDiff(q.Data, expected) < 1e-5, $"max diff {MaxAbsDiff(q.Data, expected):E2}");
        }
    }

    [Fact]
    public void KeepsAnEdgeBetweenTwoColoursOfEqualGrey()
    {
        // Left red-ish, right green-ish, the same mean grey: a grey guide sees no edge, the colour guide does.
        int w = 40, h = 10;
        var guide = new PlanarImage(w, h, 3);
        var p = new PlanarImage(w, h, 1);
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                bool left = x < w / 2;
                guide[0, x, y] = left ? 0.7f : 0.3f;
                guide[1, x, y] = left ? 0.3f : 0.7f;
                guide[2, x, y] = 0.5f;
                p[0, x, y] = left ? 0.2f : 0.8f;
            }
        var colour = ColorGuidedFilter.Apply(guide, p, 5, 1e-3f);
        var grey = GuidedFilter.Apply(new PlanarImage(w, h, 1, Enumerable.Repeat(0.5f, w * h).ToArray()), p, 5, 1e-3f);
        Assert.True(colour[0, w / 2 - 1, 5] < 0.25f && colour[0, w / 2, 5] > 0.75f, "colour guide keeps the edge");
        Assert.True(grey[0, w / 2 - 1, 5] > 0.3f, "the flat grey guide blurs it (control)");
    }
}
