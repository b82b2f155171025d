using global::PaintDotNet.Imaging;
using RetouchPlugins.PaintDotNet;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>The change-only layer math on its own, over many random and extreme pixel pairs.</summary>
public sealed class RetouchLayerTests
{
    [Fact]
    public void Change_layer_over_the_pixel_below_reproduces_the_result_within_one_level()
    {
        var rng = new Random(11);
        byte[] extremes = [0, 1, 127, 128, 254, 255];
        int worst = 0;
        for (int i = 0; i < 200_000; i++)
        {
            var below = Opaque(rng, extremes, i);
            var result = Opaque(rng, extremes, i + 1);
            var layer = RetouchLayer.ChangeOnly(below, result);
            worst = Math.Max(worst, PortraitEffectAdapterTests.MaxChannelDifference(PortraitEffectAdapterTests.NormalBlendOverOpaque(below, layer), result));
        }
        Assert.InRange(worst, 0, 1);
    }

    [Fact]
    public void Alpha_is_the_least_that_can_reach_the_result()
    {
        // Brightening R from 100 to 150 needs a ≥ 50/155 (c = 255); darkening B from 200 to 100 needs a ≥ 0.5 (c = 0).
        var layer = RetouchLayer.ChangeOnly(ColorBgra32.FromBgra(200, 80, 100, 255), ColorBgra32.FromBgra(100, 80, 150, 255));
        Assert.Equal((int)Math.Ceiling(0.5 * 255 - 1e-3), layer.A);
        Assert.InRange(layer.B, 0, 1); // c = 200 − 100·255/128 ≈ 0.8

        Assert.Equal(default, RetouchLayer.ChangeOnly(ColorBgra32.FromBgra(10, 20, 30, 255), ColorBgra32.FromBgra(10, 20, 30, 255)));
        var full = RetouchLayer.ChangeOnly(ColorBgra32.FromBgra(0, 0, 0, 255), ColorBgra32.FromBgra(255, 0, 0, 255));
        Assert.Equal(ColorBgra32.FromBgra(255, 0, 0, 255), full);
    }

    private static ColorBgra32 Opaque(Random rng, byte[] extremes, int i) =>
        i % 7 == 0
            ? ColorBgra32.FromBgra(extremes[rng.Next(extremes.Length)], extremes[rng.Next(extremes.Length)], extremes[rng.Next(extremes.Length)], 255)
            : ColorBgra32.FromBgra((byte)rng.Next(256), (byte)rng.Next(256), (byte)rng.Next(256), 255);
}
