using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using static RetouchPlugins.Tests.Shaders.TestImages;

namespace RetouchPlugins.Tests.Shaders;

public class ResampleTests
{
    [Theory]
    [InlineData(64, 48, 32, 24)]   // integer factor 2
    [InlineData(97, 61, 40, 25)]   // non-integer factors
    [InlineData(50, 50, 7, 3)]     // large factors, unequal per axis
    [InlineData(33, 20, 33, 20)]   // identity
    [InlineData(10, 9, 1, 1)]      // to a single pixel
    public void AreaDownsampleMatchesTheExactAreaIntegral(int sw, int sh, int dw, int dh)
    {
        var p = PhotoLike(sw, sh, sw + dh);
        var q = new float[dw * dh];
        Resample.AreaPlane(p, sw, sh, q, dw, dh, KernelOptions.AllCores);
        var expected = NaiveKernels.Area(ToDouble(p), sw, sh, dw, dh);
        Assert.True(MaxAbsDiff(q, expected) < 1e-5, $"max diff {MaxAbsDiff(q, expected):E2}");
        // Equal-area cells: the mean is kept.
        Assert.Equal(p.Average(v => (double)v), q.Average(v => (double)v), 1e-5);
    }

    [Fact]
    public void AreaDownsampleOfAConstantIsThatConstant()
    {
        var img = new PlanarImage(123, 77, 3);
        img.Data.AsSpan().Fill(0.625f);
        var small = Resample.AreaDownsample(img, 37, 19);
        foreach (var v in small.Data) Assert.Equal(0.625, v, 1e-6);
    }

    [Theory]
    [InlineData(20, 15, 40, 30)]
    [InlineData(17, 11, 61, 29)]
    [InlineData(32, 32, 45, 45)]
    public void BilinearUpsampleMatchesNaiveReference(int sw, int sh, int dw, int dh)
    {
        var p = Noise(sw, sh, sw * dh);
        var q = new float[dw * dh];
        Resample.BilinearPlane(p, sw, sh, q, dw, dh);
        Assert.True(MaxAbsDiff(q, NaiveKernels.Bilinear(ToDouble(p), sw, sh, dw, dh)) < 1e-5);
    }

    [Fact]
    public void BilinearUpsampleOfALinearRampIsExactInTheInterior()
    {
        int sw = 25, sh = 14, dw = 83, dh = 51;
        var p = new float[sw * sh];
        for (int y = 0; y < sh; y++)
            for (int x = 0; x < sw; x++) p[y * sw + x] = 0.1f + 0.02f * x + 0.03f * y;
        var q = new float[dw * dh];
        Resample.BilinearPlane(p, sw, sh, q, dw, dh);
        int checkedPixels = 0;
        for (int y = 0; y < dh; y++)
            for (int x = 0; x < dw; x++)
            {
                // Half-pixel centres: destination (x, y) sits at source ((x + .5) sw / dw - .5, ...).
                double fx = (x + 0.5) * sw / dw - 0.5, fy = (y + 0.5) * sh / dh - 0.5;
                if (fx < 0 || fy < 0 || fx > sw - 1 || fy > sh - 1) continue; // border: edge samples repeat
                Assert.Equal(0.1 + 0.02 * fx + 0.03 * fy, q[y * dw + x], 1e-5);
                checkedPixels++;
            }
        Assert.True(checkedPixels > dw * dh / 2);
    }

    [Fact]
    public void BadSizesGiveAClearError()
    {
        var e = Assert.Throws<ArgumentException>(() => Resample.AreaPlane(new float[10], 4, 4, new float[4], 2, 2));
        Assert.Contains("4x4", e.Message);
    }
}
