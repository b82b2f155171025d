using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Dewrinkle;
using RetouchPlugins.Tests.Effects;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// The de-wrinkle only lifts (<see cref="FoldFlatteningOptions.LiftOnly"/>): a lit crest on flat cloth (the cloth's own
/// sheen, or what lies above a base lifted by the valley fill) is not lowered, where with darkening allowed it was.
/// </summary>
public sealed class DewrinkleLiftOnlyTests
{
    private const int Size = 512;

    private static FoldFlatteningResult Flatten(PlanarImage image, bool liftOnly) =>
        SyntheticCloth.Flatten(image, new FoldFlatteningOptions { PersonHeight = 1000, LiftOnly = liftOnly });

    [Fact]
    public void A_lit_crest_is_not_lowered()
    {
        // A crest 13 % brighter at its centre (log height 0.12, below the base's sqrt(eps), so it is in the fold band), 0.8 % of the person's height wide.
        var crest = DewrinkleSyntheticTests.Folded(DewrinkleSyntheticTests.Weave(Size, Size), Size / 2f, 8f, -0.12f);
        var lift = Flatten(crest, liftOnly: true);
        var both = Flatten(crest, liftOnly: false);
        float minLift = lift.LogChange.Data.Min(), minBoth = both.LogChange.Data.Min();
        Assert.True(minLift >= 0f, $"lift only: the log change went down to {minLift:F3}");
        // With darkening allowed the crest is lowered: this is what the option is for.
        Assert.True(minBoth <= -0.05f, $"with darkening the crest was lowered by at most {-minBoth:F3} in log luminance: this test no longer shows what lift-only is for");
        float darkest = 0;
        for (int i = 0; i < crest.Data.Length; i++) darkest = MathF.Max(darkest, crest.Data[i] - lift.Retouched.Data[i]);
        // No pixel ends darker than it was (0.5 level for rounding in the sRGB round trip).
        Assert.True(darkest <= 0.5f / 255, $"a pixel got {darkest * 255:F2} levels darker");
    }
}
