using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Support;
using Xunit.Abstractions;
using BlemishKind = RetouchPlugins.Benchmarks.Quality.BlemishKind;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// Dark spots below the detector's threshold (<see cref="Blemish.Faint"/>) are healed only through a close division fit
/// (<see cref="FaintSpotGate"/>): a faint brown spot as the
/// quality bench paints it (a third of its dark spots are this faint) on sample1's plainest skin goes, while the faint
/// places of the clean photo (shading, hair edges, creases, which score as high) are left as they are.
/// </summary>
public sealed class BlemishFaintSpotTests(ITestOutputHelper log)
{
    /// <summary>
    /// At least 70 % of the faint spot's visibility removed and under 6 levels left (the painted spot shows about 14).
    /// Measured when written: see the log line; before faint spots were admitted the spot was left as it was (0 %).
    /// </summary>
    private const double MinRemoved = 0.7, MaxLeftLevels = 6;

    [Fact]
    public void A_faint_spot_below_the_threshold_is_divided_out()
    {
        using var analyzer = PortraitAnalyzer.Open();
        var painted = DemoPhotos.PaintOnPlainSkin(analyzer, BlemishKind.DarkSpot, radiusShare: 0.014f, strength: 0.1f);
        var (x, y, radius) = (painted.Spot.X, painted.Spot.Y, painted.Spot.Radius);

        // The spot is faint: the detector scores it below its threshold (it was left before faint spots were admitted).
        var diagnostics = new BlemishDiagnostics();
        var healed = painted.Painted.Clone();
        var largest = painted.Analysis.Faces.MaxBy(f => f.Box.Size)!;
        BlemishRemovalEffect.HealFace(healed, painted.Analysis, largest, DemoPhotos.DetectorDefaults(), new PlanarImage(healed.Width, healed.Height, 1), diagnostics: diagnostics);
        var candidate = diagnostics.Candidates.Where(c => Distance(c.X, c.Y, x, y) <= MathF.Max(3, radius)).MaxBy(c => c.Score);
        Assert.NotNull(candidate);
        Assert.InRange(candidate.Score, BlemishDetector.FaintDarkSpot, 1f);

        var outcome = painted.HealWithEffect();
        log.WriteLine($"faint spot at ({x:F0}, {y:F0}) r {radius:F1}, score {candidate.Score:F2}: visibility {outcome.VisibleBefore:F1} -> {outcome.VisibleAfter:F1} levels ({outcome.Removed:P0} removed)");
        Assert.True(outcome.VisibleBefore > 8, $"the painted spot shows: {outcome.VisibleBefore:F1} levels");
        Assert.True(outcome.Removed >= MinRemoved && outcome.VisibleAfter < MaxLeftLevels,
            $"faint spot at ({x:F0}, {y:F0}): visibility {outcome.VisibleBefore:F1} -> {outcome.VisibleAfter:F1} levels ({outcome.Removed:P0} removed)");
    }

    /// <summary>
    /// On the clean photos with the most faint places on the quality bench (sample5: a face beside hair and a beard's
    /// shadow, sample6: three faces), the faint places that pass the detector's shape tests are nearly all refused by the
    /// division's gate: at most a tenth healed. Measured when written: sample5 none of 12, sample6 2 of 26 (two tiny dark
    /// dots on a light forehead, a change of a few levels). Without the gate about half of them are divided (on the bench's
    /// painted photos 47 of 91, shading in creases, the edge of hair, a shadow beside an eye among them).
    /// </summary>
    [Theory]
    [InlineData("sample5.jpg")]
    [InlineData("sample6.jpg")]
    public void Faint_places_of_a_clean_photo_are_left_alone(string photo)
    {
        using var analyzer = PortraitAnalyzer.Open();
        var clean = PlaneMath.Quantize8(ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", photo)).Pixels);
        var analysis = analyzer.Analyze(clean, CancellationToken.None);
        var diagnostics = new BlemishDiagnostics();
        var image = clean.Clone();
        foreach (var face in analysis.Faces)
            BlemishRemovalEffect.HealFace(image, analysis, face, DemoPhotos.DetectorDefaults(), new PlanarImage(image.Width, image.Height, 1), diagnostics: diagnostics);
        var faint = diagnostics.Candidates.Where(c => c.Score < 1 && (c.Rejected.Length == 0 || c.Rejected == FaintSpotGate.Refusal)).ToList();
        var healed = faint.Where(c => diagnostics.Heals.Any(h => Distance(h.X, h.Y, c.X, c.Y) < 0.5f)).ToList();
        log.WriteLine($"{photo}: {faint.Count} faint places passed the shape tests, {healed.Count} healed: {string.Join("; ", healed.Select(c => $"({c.X:F0}, {c.Y:F0}) score {c.Score:F2}"))}");
        Assert.NotEmpty(faint);
        Assert.True(healed.Count <= faint.Count / 10, $"{healed.Count} of {faint.Count} healed: {string.Join("; ", healed.Select(c => $"({c.X:F0}, {c.Y:F0}) score {c.Score:F2}"))}");
    }

    private static float Distance(float ax, float ay, float bx, float by) => MathF.Sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by));
}
