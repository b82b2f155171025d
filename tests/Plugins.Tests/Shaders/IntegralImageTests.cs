using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using static RetouchPlugins.Tests.Shaders.TestImages;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// Box means from the summed-area table against the naive double reference (tolerance 1e-5 absolute on [0, 1] data,
/// as the running-sum box filter's tests), and the ring-minus-core rows the blemish detector reads against the same
/// formula on <see cref="BoxFilter"/>'s means.
/// </summary>
public class IntegralImageTests
{
    private const double Tolerance = 1e-5;

    [Theory]
    [InlineData(37, 23, 0, false)]
    [InlineData(37, 23, 1, true)]
    [InlineData(61, 45, 8, true)]
    [InlineData(1, 17, 3, false)]   // one column: every window clipped
    [InlineData(29, 1, 5, true)]    // one row
    [InlineData(13, 9, 40, false)]  // radius larger than the image
    [InlineData(90, 70, 12, true)]
    public void MeanRowsMatchNaiveReference(int w, int h, int r, bool photo)
    {
        var p = photo ? PhotoLike(w, h, w * 17 + r) : Noise(w, h, w * 17 + r);
        var expected = NaiveKernels.Box(ToDouble(p), w, h, r);
        var table = IntegralImage.Of(p, w, h);
        var scratch = table.NewScratch();
        var actual = new float[w * h];
        for (int y = 0; y < h; y++) table.MeanRow(r, y, actual.AsSpan(y * w, w), scratch);
        Assert.True(MaxAbsDiff(actual, expected) < Tolerance, $"{w}x{h} r={r}: max diff {MaxAbsDiff(actual, expected):E2}");
    }

    [Theory]
    [InlineData(120, 90, 1, 3)]
    [InlineData(120, 90, 4, 10)]
    [InlineData(40, 30, 9, 23)] // ring wider than the image
    public void RingMinusCoreRowsMatchBoxFilterMeans(int w, int h, int rc, int rs)
    {
        var p = PhotoLike(w, h, rc * 7 + rs);
        var plane = new PlanarImage(w, h, 1);
        p.CopyTo(plane.Data, 0);
        var core = BoxFilter.Apply(plane, rc).Data;
        var outer = BoxFilter.Apply(plane, rs).Data;
        float ac = (2 * rc + 1) * (2 * rc + 1), ao = (2 * rs + 1) * (2 * rs + 1);
        var expected = new double[w * h];
        for (int i = 0; i < expected.Length; i++) expected[i] = (outer[i] * ao - core[i] * ac) / (ao - ac) - core[i];

        var actual = new float[w * h];
        var seen = new int[h];
        IntegralImage.Of(p, w, h).RingMinusCoreRows(rc, rs, (y, row) =>
        {
            row.CopyTo(actual.AsSpan(y * w, w));
            Interlocked.Increment(ref seen[y]);
        });
        Assert.All(seen, count => Assert.Equal(1, count));
        // The ring mean multiplies a mean by the window's area (up to 47^2 here), so rounding grows with it.
        Assert.True(MaxAbsDiff(actual, expected) < 1e-4, $"rc={rc} rs={rs}: max diff {MaxAbsDiff(actual, expected):E2}");
    }

    [Fact]
    public void RingMinusCoreIsPositiveOnADarkSpotAndZeroOnFlatSkin()
    {
        const int w = 41, h = 41;
        var p = new float[w * h];
        Array.Fill(p, 0.6f);
        for (int y = 18; y <= 22; y++)
            for (int x = 18; x <= 22; x++) p[y * w + x] = 0.4f;
        var table = IntegralImage.Of(p, w, h);
        var row = new float[w];
        table.RingMinusCoreRow(2, 6, 20, row, table.NewScratch());
        Assert.InRange(row[20], 0.19f, 0.21f); // the core is the whole spot, 0.2 below the ring
        table.RingMinusCoreRow(2, 6, 5, row, table.NewScratch());
        Assert.InRange(row[5], -1e-6f, 1e-6f);
    }

    [Fact]
    public void RejectsARingNoWiderThanItsCore()
    {
        var table = IntegralImage.Of(new float[16], 4, 4);
        Assert.Throws<ArgumentOutOfRangeException>(() => table.RingMinusCoreRow(3, 3, 0, new float[4], table.NewScratch()));
    }
}
