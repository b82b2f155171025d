using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Tests.Support;
using Xunit.Abstractions;
using BlemishKind = RetouchPlugins.Benchmarks.Quality.BlemishKind;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// The division's bump (<see cref="SpotModel"/>): a brown spot painted on a highlight of sample1's plainest skin. The
/// division's free profile reads the background from a ring past the highlight and takes part of the highlight with the
/// spot; the bump read against a ring near the core keeps more of it.
/// </summary>
public sealed class SpotModelTests(ITestOutputHelper log)
{
    [Fact]
    public void A_spot_on_a_highlight_is_divided_out_with_more_of_the_highlight_kept_than_by_the_free_profile()
    {
        using var analyzer = PortraitAnalyzer.Open();
        var (photo, analysis) = DemoPhotos.Analysed(analyzer);
        var face = analysis.Faces.MaxBy(f => f.Box.Size)!;
        float radius = 0.025f * face.Box.Size;
        var (x, y) = SpotDivisionTests.PlainSkin(photo, analysis.FaceSkinMask, face.Box, radius);
        // A highlight 12 % brighter at its centre, a little wider than the spot: the skin's own light under the spot.
        var clean = photo.Clone();
        float s = 1.2f * radius;
        int reach = (int)MathF.Ceiling(4 * s);
        for (int c = 0; c < 3; c++)
            for (int yy = (int)y - reach; yy <= (int)y + reach; yy++)
                for (int xx = (int)x - reach; xx <= (int)x + reach; xx++)
                {
                    float d2 = (xx - x) * (xx - x) + (yy - y) * (yy - y);
                    clean[c, xx, yy] = Math.Min(1, clean[c, xx, yy] * (1 + 0.12f * MathF.Exp(-d2 / (2 * s * s))));
                }
        clean = PlaneMath.Quantize8(clean);
        var spot = new PaintedBlemish(BlemishKind.DarkSpot, x, y, radius, Strength: 0.4f, SpotZone.Face);
        var painted = PlaneMath.Quantize8(BlemishGenerator.PaintOne(clean, spot));
        var set = new BlemishSet(clean, painted, clean, clean, clean, clean, [spot]);
        var gate = analysis.FaceSkinMask;
        float hole = 0.9f * radius + 1, outer = HealingBrush.OuterRadius(hole), band = HealCheck.Band(hole);

        SpotOutcome Divide(bool bump)
        {
            var division = SpotDivision.Estimate(painted, gate, x, y, hole, outer, band, bump);
            Assert.NotNull(division);
            var healed = painted.Clone();
            division.Apply(healed, gate, new PlanarImage(healed.Width, healed.Height, 1));
            return Assert.Single(SpotVisibility.Measure("sample1", bump ? "bump" : "free", set, PlaneMath.Quantize8(healed), gate));
        }
        var free = Divide(bump: false);
        var withBump = Divide(bump: true);
        log.WriteLine($"({x:F0}, {y:F0}) r {radius:F1}: {free.VisibleBefore:F1} levels painted; free profile leaves {free.VisibleAfter:F1}, the bump {withBump.VisibleAfter:F1}");
        Assert.True(free.VisibleBefore > 20, $"the painted spot shows: {free.VisibleBefore:F1} levels");
        // The bump leaves at least 2 levels less than the free profile. Measured when written: 49.5 levels painted, the free
        // profile 19.1 left, the bump 15.5 (neither keeps all of a highlight this close to the spot's own size).
        Assert.True(withBump.VisibleAfter <= free.VisibleAfter - 2,
            $"free profile {free.VisibleAfter:F1} levels left, bump {withBump.VisibleAfter:F1}");
    }
}
