using RetouchPlugins.Shaders.Kernels;
using static RetouchPlugins.Tests.Shaders.TestImages;

namespace RetouchPlugins.Tests.Shaders;

public class FastGuidedUpsamplerTests
{
    [Theory]
    [InlineData(30, 20, 60, 40, 2)]
    [InlineData(23, 17, 45, 33, 3)]
    [InlineData(16, 16, 16, 16, 1)]
    public void MatchesCoefficientsAtLowResolutionUpsampledAndAppliedAtFullResolution(int lw, int lh, int hw, int hh, int r)
    {
        var high = PhotoLike(hw, hh, lw);
        var low = new float[lw * lh];
        Resample.AreaPlane(high, hw, hh, low, lw, lh);
        var p = Noise(lw, lh, lh);
        const double eps = 1e-3;

        var (ma, mb) = NaiveKernels.GuidedCoefficients(ToDouble(low), ToDouble(p), lw, lh, r, eps);
        var upA = NaiveKernels.Bilinear(ma, lw, lh, hw, hh);
        var upB = NaiveKernels.Bilinear(mb, lw, lh, hw, hh);
        var expected = new double[hw * hh];
        for (int k = 0; k < expected.Length; k++) expected[k] = upA[k] * high[k] + upB[k];

        var q = new float[hw * hh];
        FastGuidedUpsampler.ApplyPlane(low, p, lw, lh, high, q, hw, hh, r, (float)eps);
        Assert.True(MaxAbsDiff(q, expected) < 1e-5, $"max diff {MaxAbsDiff(q, expected):E2}");
    }

    [Fact]
    public void AnInputThatIsALinearFunctionOfTheGuideComesBackAtFullResolution()
    {
        // p = 0.5 I + 0.2 at low resolution: the local linear model is exact, so the upsampled result is
        // 0.5 I_high + 0.2 with the full-resolution detail of the high guide (what a plain bilinear upsample loses).
        int lw = 20, lh = 15, hw = 80, hh = 60;
        var high = PhotoLike(hw, hh, 3);
        var low = new float[lw * lh];
        Resample.AreaPlane(high, hw, hh, low, lw, lh);
        var p = Array.ConvertAll(low, v => 0.5f * v + 0.2f);
        var q = new float[hw * hh];
        FastGuidedUpsampler.ApplyPlane(low, p, lw, lh, high, q, hw, hh, 2, 1e-7f);
        double worst = 0;
        for (int k = 0; k < q.Length; k++) worst = Math.Max(worst, Math.Abs(q[k] - (0.5 * high[k] + 0.2)));
        Assert.True(worst < 2e-3, $"max deviation {worst:E2}");
    }
}
