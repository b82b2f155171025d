using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Dewrinkle;
using RetouchPlugins.Tests.Effects;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// The valley fill of the de-wrinkle's base (<see cref="ValleyFill"/>): a fold deeper than the base's sqrt(eps) leaves
/// the base for the fold band and is removed, where without the fill its core stayed; a step between two cloths of
/// different brightness (a dark garment beside a light one) is not lifted by it.
/// </summary>
public sealed class DewrinkleValleyFillTests
{
    private const int Size = 512;

    /// <summary>The working-size layer on a 512 px cloth with the whole cloth as mask, the person 1000 px tall (a 6 px fold is a fine fold).</summary>
    private static FoldFlatteningResult Flatten(PlanarImage image, bool valleyFill) =>
        SyntheticCloth.Flatten(image, new FoldFlatteningOptions { PersonHeight = 1000, ValleyFill = valleyFill });

    private static double DepthRemoved(PlanarImage cloth, PlanarImage folded, PlanarImage result) => FoldDepth.Removed(cloth, folded, result, halfWidth: 1);

    [Fact]
    public void A_deep_fold_leaves_the_base_and_is_removed()
    {
        var cloth = DewrinkleSyntheticTests.Weave(Size, Size);
        // 70 % darker at its centre (ln 1.2, the benchmark's deepest), 1 % of the person's height wide: an edge to the base.
        var folded = DewrinkleSyntheticTests.Folded(cloth, Size / 2f, 10f, 1.2f);
        double with = DepthRemoved(cloth, folded, Flatten(folded, true).Retouched);
        double without = DepthRemoved(cloth, folded, Flatten(folded, false).Retouched);
        // Measured: 91 % with the fill, 64 % without (the core stayed in the base).
        Assert.True(with >= 0.85, $"deep fold: {with:P0} of its log depth removed with the valley fill (at least 85 % expected)");
        Assert.True(without <= 0.75, $"without the fill {without:P0} was removed: this test no longer shows what the fill is for");
        Assert.True(with <= 1.05, $"deep fold lifted past the cloth: {with:P0}");
    }

    [Fact]
    public void A_wide_deep_fold_is_filled_where_the_wide_base_sags_into_it()
    {
        var cloth = DewrinkleSyntheticTests.Weave(Size, Size);
        // 2.5 % of the person's height wide (sigma), 55 % darker at its centre (ln 0.8): as wide as a blob of overlapping folds.
        // The wide base the fill measures depth from sags into it, so its core lies less far below that base than its depth.
        var folded = DewrinkleSyntheticTests.Folded(cloth, Size / 2f, 25f, 0.8f);
        double now = DepthRemoved(cloth, folded, Flatten(folded, true).Retouched);
        double before = DepthRemoved(cloth, folded, SyntheticCloth.Flatten(folded, new FoldFlatteningOptions { PersonHeight = 1000, ValleyHigh = 0.3f }).Retouched);
        // Measured: 70.3 % of its log depth removed with the ramp full at 0.25 below the wide base, 65.9 % with it full at 0.3.
        Assert.True(now >= 0.68, $"wide deep fold: {now:P1} of its log depth removed (at least 68 % expected)");
        Assert.True(now >= before + 0.03, $"ramp full at 0.25: {now:P1}, at 0.3: {before:P1} (at least 3 points more expected)");
        Assert.True(now <= 1.05, $"lifted past the cloth: {now:P1}");
    }

    [Fact]
    public void A_dark_cloth_beside_a_light_one_is_not_lifted()
    {
        var cloth = DewrinkleSyntheticTests.Weave(Size, Size);
        // The left half 70 % darker in linear light (a dark garment beside a light one), weave kept.
        var image = cloth.Clone();
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size / 2; x++)
                for (int c = 0; c < 3; c++) image[c, x, y] = MathF.Round(Oklab.LinearToSrgb(Oklab.SrgbToLinear(cloth[c, x, y]) * 0.3f) * 255) / 255;
        var with = Flatten(image, true).Retouched;
        var without = Flatten(image, false).Retouched;
        float maxWith = 0, maxWithout = 0;
        for (int i = 0; i < image.Data.Length; i++)
        {
            maxWith = MathF.Max(maxWith, MathF.Abs(with.Data[i] - image.Data[i]));
            maxWithout = MathF.Max(maxWithout, MathF.Abs(without.Data[i] - image.Data[i]));
        }
        double far = 0; int count = 0;
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size / 2 - 60; x++, count++)
                for (int c = 0; c < 3; c++) far += Math.Abs(with[c, x, y] - image[c, x, y]) / 3;
        // The dark half away from the step (60 px = 6 % Hp) stays (measured 0.02 levels on average).
        Assert.True(far / count <= 0.1f / 255, $"the dark cloth moved by {far / count * 255:F3} levels on average");
        // At the step itself the layer already moves some pixels without the fill (10.9 levels at the working size with the
        // fold weight's gain 3 and lift only, measured; 16 before); the fill adds at most 4 levels there (13.0 measured with its
        // ramp full at 0.3 below the wide base, 14.5 at 0.25: the price of filling wide folds the wide base sags into).
        Assert.True(maxWith <= maxWithout + 4f / 255, $"largest change at the step {maxWith * 255:F1} levels with the fill, {maxWithout * 255:F1} without");
    }
}
