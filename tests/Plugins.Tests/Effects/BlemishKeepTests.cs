using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Tests.Shaders;
using RetouchPlugins.Tests.Support;
using Xunit.Abstractions;
using BlemishKind = RetouchPlugins.Benchmarks.Quality.BlemishKind;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// Marks a retoucher keeps (the blemish effect's `keep`): a beauty mark the detector would heal is left as it is, with a
/// point on it, and nothing else in the photo changes; a point where nothing would be healed changes nothing and says so.
/// </summary>
public sealed class BlemishKeepTests(ITestOutputHelper log)
{
    /// <summary>
    /// A strong brown mark, 1.5 % of the face wide, on sample1's plainest skin: the detector heals it (measured when written:
    /// 96 % of its visibility removed) unless it is kept.
    /// </summary>
    private const float MarkRadiusShare = 0.015f, MarkStrength = 0.45f;

    /// <summary>A larger mark (2.5 % of the face), which the evening alone lightened by about 20 % before it faded out at kept marks.</summary>
    private const float LargeMarkShare = 0.025f;

    [Fact]
    public void A_mark_with_a_point_on_it_is_left_as_painted_and_the_other_heals_stay_as_they_were()
    {
        using var analyzer = PortraitAnalyzer.Open();
        var mark = DemoPhotos.PaintOnPlainSkin(analyzer, BlemishKind.DarkSpot, MarkRadiusShare, MarkStrength);
        var (healed, healedOutcome, _) = mark.Heal(spots: null);
        var (kept, keptOutcome, message) = mark.Heal(spots: null, keep: mark.Click());
        log.WriteLine($"mark at ({mark.Spot.X:F0}, {mark.Spot.Y:F0}), radius {mark.Spot.Radius:F1}: healed {healedOutcome.Removed:P0} removed; kept {keptOutcome.Removed:P0}; {message}");
        Assert.True(healedOutcome.Removed > 0.5, $"the detector left the mark without a point to keep ({healedOutcome.Removed:P0} removed): the test no longer shows what keeping does");
        Assert.Contains("1 spot kept at the marks to keep", message);

        // The mark as painted: no pixel within three radii of it differs from the painted photo.
        float changed = mark.ChangeExtent(mark.Painted, kept).Nearest;
        log.WriteLine($"nearest change to the kept mark: {changed:F1} px ({changed / mark.Spot.Radius:F1} radii)");
        Assert.True(changed > 3 * mark.Spot.Radius, $"a pixel {changed:F1} px from the kept mark changed");

        // Every other heal as without the point: what differs lies within the mark's own heal (4 radii covers its membrane).
        float farthest = mark.FarthestChange(healed, kept);
        log.WriteLine($"farthest difference from the healed run: {farthest:F1} px ({farthest / mark.Spot.Radius:F1} radii)");
        Assert.True(farthest <= 4 * mark.Spot.Radius, $"a pixel {farthest:F1} px from the kept mark differs from the run without the point");
    }

    /// <summary>
    /// In the skin retouch the mark is kept by both steps: no heal, and the tone evening fades out around it
    /// (<see cref="SkinParameters.KeptMarkRadius"/>). Measured when written: 95 % of the mark removed without the point,
    /// 1 % with it, 20 % when the evening did not fade out at kept marks; beyond the fade the photo differs from the run
    /// without the point by a level (8-bit rounding of a blend layer computed under the faded weight).
    /// </summary>
    [Fact]
    public void In_the_skin_retouch_a_kept_mark_is_neither_healed_nor_evened()
    {
        using var analyzer = PortraitAnalyzer.Open();
        var mark = DemoPhotos.PaintOnPlainSkin(analyzer, BlemishKind.DarkSpot, LargeMarkShare, MarkStrength);
        var skin = EffectCatalog.Get("skin").Create();
        PlanarImage Render(string? keep) => PlaneMath.Quantize8(skin.Render(new EffectInput(mark.Painted, mark.Analysis),
            skin.Descriptor.DefaultSettings().SetText(SkinParameters.Keep.Name, keep)).Image);

        var retouched = Render(null);
        var kept = Render(mark.Click());
        var (without, with) = (mark.Measure(retouched), mark.Measure(kept));
        log.WriteLine($"mark {without.VisibleBefore:F1} levels: without the point {without.VisibleAfter:F1} left, with it {with.VisibleAfter:F1}");
        Assert.True(without.Removed > 0.5, $"the skin retouch left the mark without a point to keep ({without.Removed:P0} removed)");
        Assert.True(with.Removed < 0.05, $"the kept mark lost {with.Removed:P0} of its visibility in the skin retouch");

        // Beyond the evening's fade (twice the kept radius) and the reach of the mark's own heal in the run without the point
        // (2.5 radii: hole and membrane) the two runs differ by the rounding of a blend layer computed under the faded weight:
        // a level when written; 2 allowed.
        float fade = MathF.Max(2 * SkinParameters.KeptMarkRadius * mark.Analysis.Faces.MaxBy(f => f.Box.Size)!.Box.Width, 2.5f * mark.Spot.Radius);
        float worst = LargestDifferenceBeyond(retouched, kept, mark.Spot.X, mark.Spot.Y, fade);
        log.WriteLine($"beyond {fade:F0} px of the mark the runs differ by at most {worst * 255:F2} levels");
        Assert.True(worst <= 2.01f / 255, $"{worst * 255:F1} levels of difference beyond the fade");
    }

    [Fact]
    public void A_point_where_nothing_is_healed_changes_nothing_and_says_so()
    {
        using var analyzer = PortraitAnalyzer.Open();
        var (clean, analysis) = DemoPhotos.Analysed(analyzer);
        var face = analysis.Faces.MaxBy(f => f.Box.Size)!;
        // The plainest skin of the largest face: no spot there to heal.
        var (x, y) = SpotDivisionTests.PlainSkin(clean, analysis.FaceSkinMask, face.Box, MarkRadiusShare * face.Box.Size);
        var effect = EffectCatalog.Get("blemishes").Create();
        var auto = effect.Render(new EffectInput(clean, analysis), effect.Descriptor.DefaultSettings());
        var keeping = effect.Render(new EffectInput(clean, analysis),
            effect.Descriptor.DefaultSettings().SetText(BlemishRemovalEffect.Keep.Name, FormattableString.Invariant($"{x:0.#},{y:0.#}")));
        Assert.Contains("nothing found to heal at the 1 mark to keep", keeping.Message);
        Assert.Equal(auto.Image.Data, keeping.Image.Data);
    }

    [Fact]
    public void A_point_to_keep_that_is_not_a_point_is_refused_by_name()
    {
        using var analyzer = PortraitAnalyzer.Open();
        var (clean, analysis) = DemoPhotos.Analysed(analyzer);
        var effect = EffectCatalog.Get("blemishes").Create();
        var error = Assert.Throws<ArgumentException>(() => effect.Render(new EffectInput(clean, analysis),
            effect.Descriptor.DefaultSettings().SetText(BlemishRemovalEffect.Keep.Name, "300")));
        Assert.StartsWith("keep: '300' is not a point", error.Message);
    }

    /// <summary>The largest channel difference between <paramref name="a"/> and <paramref name="b"/> farther than <paramref name="radius"/> from (cx, cy).</summary>
    private static float LargestDifferenceBeyond(PlanarImage a, PlanarImage b, float cx, float cy, float radius)
    {
        float worst = 0;
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < a.Height; y++)
                for (int x = 0; x < a.Width; x++)
                    if ((x - cx) * (x - cx) + (y - cy) * (y - cy) > radius * radius) worst = MathF.Max(worst, MathF.Abs(a[c, x, y] - b[c, x, y]));
        return worst;
    }
}
