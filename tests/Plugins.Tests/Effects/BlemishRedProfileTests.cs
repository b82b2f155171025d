using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Tests.Support;
using Xunit.Abstractions;
using BlemishKind = RetouchPlugins.Benchmarks.Quality.BlemishKind;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// A red mark's size is read from the median of each ring around it, not the mean: redder skin beside it (a flushed
/// jaw, the lips) held the mean profile up, and the mark had "no fall-off" and was refused. The cases: acne marks of the
/// quality bench's seeds (3, 13, 5) refused so, each painted here alone on its photo.
/// </summary>
public sealed class BlemishRedProfileTests(ITestOutputHelper log)
{
    /// <summary>
    /// At least 35 % of the mark's visibility removed (the bench's measure). Measured when written: 84, 57 and 38 %
    /// (the last on a blurred jaw whose ring is darker on one side); each was refused before (0 %).
    /// </summary>
    private const double MinRemoved = 0.35;

    [Theory]
    [InlineData("sample1.jpg", 554.106f, 537.998f, 7.066f, 0.467f)]
    [InlineData("sample1.jpg", 1582.992f, 393.382f, 6.231f, 0.521f)]
    [InlineData("sample5.jpg", 432.066f, 1046.463f, 8f, 0.505f)]
    public void An_acne_mark_beside_redder_skin_is_sized_and_healed(string photo, float px, float py, float pr, float ps)
    {
        var painted = DemoPhotos.Paint(photo, new PaintedBlemish(BlemishKind.Acne, px, py, pr, ps, SpotZone.Face));

        var diagnostics = painted.Diagnose();
        var candidate = diagnostics.Candidates.Where(c => MathF.Abs(c.X - px) <= pr && MathF.Abs(c.Y - py) <= pr).MaxBy(c => c.Score);
        Assert.NotNull(candidate);
        log.WriteLine($"candidate at ({candidate.X:F0}, {candidate.Y:F0}): {candidate.Kind}, radius {candidate.Radius:F1}, '{candidate.Rejected}'");
        Assert.Equal("", candidate.Rejected);

        var outcome = painted.HealWithEffect();
        log.WriteLine($"acne mark: visibility {outcome.VisibleBefore:F1} -> {outcome.VisibleAfter:F1} levels ({outcome.Removed:P0} removed)");
        Assert.True(outcome.Removed >= MinRemoved, $"visibility {outcome.VisibleBefore:F1} -> {outcome.VisibleAfter:F1} levels ({outcome.Removed:P0} removed)");
    }
}
