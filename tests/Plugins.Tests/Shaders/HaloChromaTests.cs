using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using Xunit.Abstractions;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// <see cref="HaloChroma"/> on synthetic skin (a shading dome, ±1.5 % multiplicative pore noise): an acne halo (green and
/// blue lowered, red kept, as the quality bench paints it) is lifted while red and the dome's luminance stay; a bluish
/// dip (a shadow or a vein, blue only) and skin without a halo are left alone.
/// </summary>
public sealed class HaloChromaTests(ITestOutputHelper log)
{
    private const int Size = 96;
    private const float Cx = 48, Cy = 48, Reach = 20, Band = 5;
    private static readonly SyntheticSkin Synthetic = new(Size, Cx, Cy);

    /// <summary>
    /// Within 1.5 levels of the clean skin's core-vs-ring green contrast after the lift (the halo takes 12.4 levels;
    /// measured when written: 0.1 left); red untouched; the dome's own luma contrast (5.3 levels) kept within 1.5 levels
    /// (measured: 5.3).
    /// </summary>
    [Fact]
    public void An_acne_halo_is_lifted_and_the_shading_stays()
    {
        var clean = Skin();
        var haloed = clean.Clone();
        Paint(haloed, (d2) => 0.12f * 0.8f * MathF.Exp(-d2 / (2 * 7f * 7f)), green: 1, blue: 0.85f);
        var lifted = haloed.Clone();
        Assert.True(HaloChroma.Lift(lifted, Synthetic.Gate(), new PlanarImage(Size, Size, 1), Cx, Cy, Reach, Band));

        float before = Contrast(haloed, 1) - Contrast(clean, 1), after = Contrast(lifted, 1) - Contrast(clean, 1);
        Assert.True(before < -10, $"the halo shows: {before:F1} levels of green");
        Assert.True(MathF.Abs(after) < 1.5f, $"green left {after:F1} levels (was {before:F1})");
        Assert.Equal(haloed.Data.AsSpan(0, Size * Size).ToArray(), lifted.Data.AsSpan(0, Size * Size).ToArray());
        float dome = LumaContrast(clean), kept = LumaContrast(lifted);
        log.WriteLine($"green {before:F2} -> {after:F2} levels; luma contrast {dome:F2} clean, {kept:F2} lifted");
        Assert.True(dome > 5, $"the dome shows: {dome:F1} levels of luma");
        Assert.True(MathF.Abs(kept - dome) < 1.5f, $"luma contrast {kept:F1} levels against the clean skin's {dome:F1}");
    }

    [Fact]
    public void A_bluish_dip_and_plain_skin_are_left_alone()
    {
        var bluish = Skin();
        Paint(bluish, (d2) => 0.1f * MathF.Exp(-d2 / (2 * 7f * 7f)), green: 0, blue: 1);
        var plain = Skin();
        foreach (var image in new[] { bluish, plain })
        {
            var copy = image.Clone();
            Assert.False(HaloChroma.Lift(copy, Synthetic.Gate(), new PlanarImage(Size, Size, 1), Cx, Cy, Reach, Band));
            Assert.Equal(image.Data, copy.Data);
        }
    }

    /// <summary>Multiplies green and blue by 1 − share × f(d²) around the centre.</summary>
    private static void Paint(PlanarImage image, Func<float, float> f, float green, float blue)
    {
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                float k = f((x - Cx) * (x - Cx) + (y - Cy) * (y - Cy));
                image[1, x, y] *= 1 - green * k;
                image[2, x, y] *= 1 - blue * k;
            }
    }

    /// <summary>Mean of channel <paramref name="c"/> in the core (3 px) minus the ring past the reach, in 8-bit levels.</summary>
    private static float Contrast(PlanarImage image, int c) => 255 * (Synthetic.RingMean(image, c, 0, 3) - Synthetic.RingMean(image, c, Reach + 1, Reach + Band));

    private static float LumaContrast(PlanarImage image) =>
        0.299f * Contrast(image, 0) + 0.587f * Contrast(image, 1) + 0.114f * Contrast(image, 2);

    /// <summary>A broad shading dome (25 px) with the halo's place at its top.</summary>
    private static PlanarImage Skin() => Synthetic.Dome(0.5f, 0.06f, 25, [1.18f, 0.95f, 0.8f], seed: 11);
}
