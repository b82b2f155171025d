using RetouchPlugins.Shaders;
using Xunit.Sdk;

namespace RetouchPlugins.Tests.Support;

/// <summary>What the reference comparer lets through (a few flipped pixels) and what it does not (a drift, many outliers, one wild pixel).</summary>
public sealed class TolerantImageComparerTests
{
    private static readonly TolerantImageComparer Comparer = new();

    private static PlanarImage Grey(int size = 100) => PlanarImage.Filled(size, size, 3, 0.4f);

    private static PlanarImage WithOffPixels(int count, int levels)
    {
        var image = Grey();
        for (int i = 0; i < count; i++) image.Data[i * 7] += levels / 255f;
        return image;
    }

    [Fact]
    public void A_few_samples_off_by_a_handful_of_levels_pass() => Comparer.AssertSimilar(Grey(), WithOffPixels(3, 7), "few");

    [Fact]
    public void Many_samples_off_by_more_than_the_limit_fail() =>
        Assert.Throws<TrueException>(() => Comparer.AssertSimilar(Grey(), WithOffPixels(10, 5), "many"));

    [Fact]
    public void One_sample_far_off_fails() =>
        Assert.Throws<TrueException>(() => Comparer.AssertSimilar(Grey(), WithOffPixels(1, 40), "wild"));

    [Fact]
    public void A_drift_of_every_sample_within_the_limit_fails_on_the_mean() =>
        Assert.Throws<TrueException>(() => Comparer.AssertSimilar(Grey(), PlanarImage.Filled(100, 100, 3, 0.4f + 1f / 255), "drift"));
}
