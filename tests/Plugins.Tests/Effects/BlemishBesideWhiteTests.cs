using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Tests.Support;
using Xunit.Abstractions;
using BlemishKind = RetouchPlugins.Benchmarks.Quality.BlemishKind;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// A brown spot at the edge of something white is a spot, not jewellery. The detector keeps a spot whose footprint holds
/// something bluer than the skin (a face gem, <see cref="BlemishKeepsJewelleryTests"/>), and white is bluer than skin by
/// B/R: the quality bench's most visible spot left (seed 5, sample5 at (1186, 301), 60 levels) sat beside the white
/// highlight at the face's edge and was refused as "bluer inside". Only what is no lighter than the skin counts now.
/// </summary>
public sealed class BlemishBesideWhiteTests(ITestOutputHelper log)
{
    /// <summary>
    /// At least 60 % of the spot's visibility removed (the bench's measure). Measured when written: 60.7 -> 16 levels
    /// (73 %) with the bench's other spots painted too; 0 % before (refused).
    /// </summary>
    private const double MinRemoved = 0.6;

    [Fact]
    public void A_dark_spot_beside_a_white_highlight_is_healed()
    {
        // The bench's spot (seed 5), its radius and strength as painted there.
        var painted = DemoPhotos.Paint("sample5.jpg", new PaintedBlemish(BlemishKind.DarkSpot, 1185.6f, 301.0f, 6.64f, 0.299f, SpotZone.Face));

        var diagnostics = painted.Diagnose();
        var candidate = diagnostics.Candidates.Where(c => MathF.Abs(c.X - 1186) <= 6 && MathF.Abs(c.Y - 301) <= 6).MaxBy(c => c.Score);
        Assert.NotNull(candidate);
        Assert.True(candidate.Rejected != "bluer inside", "the spot beside the white was taken for jewellery");

        var outcome = painted.HealWithEffect();
        log.WriteLine($"spot beside the white: visibility {outcome.VisibleBefore:F1} -> {outcome.VisibleAfter:F1} levels ({outcome.Removed:P0} removed)");
        Assert.True(outcome.Removed >= MinRemoved, $"visibility {outcome.VisibleBefore:F1} -> {outcome.VisibleAfter:F1} levels ({outcome.Removed:P0} removed)");
    }
}
