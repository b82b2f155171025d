using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Tests.Support;
using Xunit.Abstractions;
using BlemishKind = RetouchPlugins.Benchmarks.Quality.BlemishKind;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// An acne mark as the quality bench paints it (a red core and a halo 2.5 times wider, reaching 3.5 radii) on the plainest
/// skin of sample1's largest face, healed by the blemish effect at its defaults: the core's heal stays small and the halo
/// left around it is lifted by chroma (<see cref="HaloStep"/>), so the spot's core-vs-ring visibility, measured past the
/// halo (<see cref="SpotVisibility"/>), goes.
/// </summary>
public sealed class BlemishAcneHaloTests(ITestOutputHelper log)
{
    /// <summary>
    /// At least 83 % of the visibility removed and under 8 levels left (the painted mark shows 46.9). Measured when
    /// written: 84 %, 7.5 levels left; with the halo lift taken out, 81 % and 8.8 levels (what is left is mostly the skin's
    /// own shading over the 3.5-radii ring, which no heal of the core tells).
    /// </summary>
    private const double MinRemoved = 0.83, MaxLeftLevels = 8;

    [Fact]
    public void An_acne_mark_and_its_halo_are_healed()
    {
        using var analyzer = PortraitAnalyzer.Open();
        var painted = DemoPhotos.PaintOnPlainSkin(analyzer, BlemishKind.Acne, radiusShare: 0.02f, strength: 0.8f);
        var outcome = painted.HealWithEffect();
        var (x, y, radius) = (painted.Spot.X, painted.Spot.Y, painted.Spot.Radius);
        log.WriteLine($"acne at ({x:F0}, {y:F0}) r {radius:F1}: visibility {outcome.VisibleBefore:F1} -> {outcome.VisibleAfter:F1} levels ({outcome.Removed:P0} removed)");
        Assert.True(outcome.VisibleBefore > 30, $"the painted mark shows: {outcome.VisibleBefore:F1} levels");
        Assert.True(outcome.Removed >= MinRemoved && outcome.VisibleAfter < MaxLeftLevels,
            $"acne at ({x:F0}, {y:F0}): visibility {outcome.VisibleBefore:F1} -> {outcome.VisibleAfter:F1} levels ({outcome.Removed:P0} removed)");
    }
}
