using RetouchPlugins.Shaders;

namespace RetouchPlugins.Tests.Support;

/// <summary>
/// Compares an 8-bit rendering with a stored reference the ImageSharp way: a small per-pixel difference is
/// allowed (floating-point order, a model's last digit on another CPU), a drift over the image is not.
/// Fails when the mean absolute difference over all samples exceeds <see cref="MaxMeanLevels"/>, when more than
/// <see cref="MaxOutlierShare"/> of the samples are off by more than <see cref="MaxLevels"/> (of 255), or when any
/// is off by more than <see cref="MaxOutlierLevels"/>. The few outliers allowed are discrete choices that another
/// CPU's vector width can flip (a StyleBlit pixel taking its neighbour's source: 7 levels at one pixel of the
/// stylize reference on an AMD EPYC without AVX-512 against the Intel Xeon that wrote it).
/// </summary>
internal sealed record TolerantImageComparer(int MaxLevels = 3, double MaxMeanLevels = 0.05, double MaxOutlierShare = 1e-4, int MaxOutlierLevels = 16)
{
    public void AssertSimilar(PlanarImage expected, PlanarImage actual, string what)
    {
        Assert.True(expected.Width == actual.Width && expected.Height == actual.Height,
            $"{what}: reference is {expected.Width}x{expected.Height}, rendering {actual.Width}x{actual.Height}");
        int channels = Math.Min(3, Math.Min(expected.Channels, actual.Channels));
        int samples = expected.PlaneSize * channels;
        int worst = 0, worstAt = 0, outliers = 0; double sum = 0;
        for (int i = 0; i < samples; i++)
        {
            int d = Math.Abs(Level(expected.Data[i]) - Level(actual.Data[i]));
            sum += d;
            if (d > MaxLevels) outliers++;
            if (d > worst) { worst = d; worstAt = i; }
        }
        double mean = sum / samples;
        int p = worstAt % expected.PlaneSize;
        int allowedOutliers = (int)(MaxOutlierShare * samples);
        Assert.True(mean <= MaxMeanLevels && outliers <= allowedOutliers && worst <= MaxOutlierLevels,
            $"{what}: {outliers} samples off by more than {MaxLevels} levels (allowed {allowedOutliers}), largest {worst} levels at "
            + $"({p % expected.Width}, {p / expected.Width}) plane {worstAt / expected.PlaneSize} (allowed {MaxOutlierLevels}), "
            + $"mean {mean:0.0000} levels (allowed {MaxMeanLevels})");
    }

    private static int Level(float v) => (int)MathF.Round(Math.Clamp(v, 0, 1) * 255);
}
