using RetouchPlugins.Shaders;

namespace RetouchPlugins.Tests.Support;

/// <summary>
/// Compares an 8-bit rendering with a stored reference the ImageSharp way: a small per-pixel difference is
/// allowed (floating-point order, a model's last digit on another CPU), a drift over the image is not.
/// Fails when any channel of any pixel is off by more than <see cref="MaxLevels"/> (of 255) or the mean
/// absolute difference over all samples exceeds <see cref="MaxMeanLevels"/>.
/// </summary>
internal sealed record TolerantImageComparer(int MaxLevels = 3, double MaxMeanLevels = 0.05)
{
    public void AssertSimilar(PlanarImage expected, PlanarImage actual, string what)
    {
        Assert.True(expected.Width == actual.Width && expected.Height == actual.Height,
            $"{what}: reference is {expected.Width}x{expected.Height}, rendering {actual.Width}x{actual.Height}");
        int channels = Math.Min(3, Math.Min(expected.Channels, actual.Channels));
        int worst = 0, worstAt = 0; double sum = 0;
        for (int i = 0; i < expected.PlaneSize * channels; i++)
        {
            int d = Math.Abs(Level(expected.Data[i]) - Level(actual.Data[i]));
            sum += d;
            if (d > worst) { worst = d; worstAt = i; }
        }
        double mean = sum / (expected.PlaneSize * channels);
        int p = worstAt % expected.PlaneSize;
        Assert.True(worst <= MaxLevels && mean <= MaxMeanLevels,
            $"{what}: largest difference {worst} levels at ({p % expected.Width}, {p / expected.Width}) plane {worstAt / expected.PlaneSize} "
            + $"(allowed {MaxLevels}), mean {mean:0.0000} levels (allowed {MaxMeanLevels})");
    }

    private static int Level(float v) => (int)MathF.Round(Math.Clamp(v, 0, 1) * 255);
}
