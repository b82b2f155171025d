using System.Numerics;
using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Tests.Support;
using Xunit.Abstractions;
using BlemishKind = RetouchPlugins.Benchmarks.Quality.BlemishKind;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// The retoucher's clicks (the blemish effect's `spots`): a spot the detector refused is healed where the retoucher points,
/// nothing else changes, and points that are not points, or lie off the photo or away from every face, say so.
/// </summary>
public sealed class BlemishSpotRequestTests(ITestOutputHelper log)
{
    /// <summary>
    /// The bench's spot on sample5's chin (seed 5) that the detector refuses ("ring not smooth"): measured when written, the
    /// effect alone leaves 25.5 levels of it; with a click a third of its radius off its centre, about 6 levels (75 %).
    /// </summary>
    internal static readonly PaintedBlemish RefusedSpot = new(BlemishKind.DarkSpot, 522.0f, 1049.9f, 7.05f, 0.358f, SpotZone.Chin);

    /// <summary>At least this share of the spot's visibility (the bench's measure) removed with the click; under 30 % without it.</summary>
    private const double MinRemovedWithClick = 0.6, MaxRemovedWithout = 0.3;

    [Theory]
    [InlineData("812", "'812' is not a point")]
    [InlineData("a,b", "'a,b' is not a point")]
    [InlineData("1,2,3", "'1,2,3' is not a point")]
    [InlineData("10,10; 5000,10", "(5000, 10) lies outside the 1920x1280 photo")]
    [InlineData("-1,5", "(-1, 5) lies outside")]
    [InlineData("NaN,5", "'NaN,5' is not a point")]
    public void Points_that_are_not_points_on_the_photo_are_refused_by_name(string text, string expected)
    {
        var error = Assert.Throws<ArgumentException>(() => PhotoPoints.Parse(text, 1920, 1280, "spots"));
        Assert.StartsWith("spots: ", error.Message);
        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Points_are_read_in_photo_pixels_with_spaces_allowed()
    {
        Assert.Equal([new Vector2(812, 430), new Vector2(900.5f, 455)], PhotoPoints.Parse(" 812,430; 900.5 , 455 ;", 1920, 1280, "spots"));
        Assert.Empty(PhotoPoints.Parse("  ", 1920, 1280, "spots"));
        Assert.Empty(PhotoPoints.Parse(null, 1920, 1280, "spots"));
    }

    [Fact]
    public void A_spot_the_detector_refused_is_healed_where_the_retoucher_clicks_and_nothing_else_changes()
    {
        var painted = DemoPhotos.Paint("sample5.jpg", RefusedSpot);
        var (auto, without) = painted.Heal();

        var (clicked, with, message) = painted.Heal(painted.Click());
        log.WriteLine($"without the click {without.VisibleBefore:F1} -> {without.VisibleAfter:F1} levels ({without.Removed:P0}); with it -> {with.VisibleAfter:F1} ({with.Removed:P0}); {message}");
        Assert.True(without.Removed < MaxRemovedWithout, $"the detector healed the spot alone ({without.Removed:P0}): the test no longer shows what a click adds");
        Assert.True(with.Removed >= MinRemovedWithClick, $"with the click {with.VisibleBefore:F1} -> {with.VisibleAfter:F1} levels ({with.Removed:P0} removed)");
        Assert.Contains("1 of 1 spots asked for healed", message);

        // Only the clicked spot's heal differs: nothing beyond its patch's reach (the largest blemish's hole, its membrane).
        float farthest = painted.FarthestChange(auto, clicked);
        log.WriteLine($"farthest change from the spot: {farthest:F1} px ({farthest / RefusedSpot.Radius:F1} radii)");
        Assert.True(farthest <= 4 * RefusedSpot.Radius, $"a pixel {farthest:F1} px from the clicked spot changed");
    }

    [Fact]
    public void A_point_away_from_every_face_changes_nothing_and_is_named()
    {
        using var analyzer = PortraitAnalyzer.Open();
        var (clean, analysis) = DemoPhotos.Analysed(analyzer);
        var effect = EffectCatalog.Get("blemishes").Create();
        var auto = effect.Render(new EffectInput(clean, analysis), effect.Descriptor.DefaultSettings());
        var asked = effect.Render(new EffectInput(clean, analysis), effect.Descriptor.DefaultSettings().SetText(BlemishRemovalEffect.Spots.Name, "5,5"));
        Assert.Contains("0 of 1 spots asked for healed (nothing to heal near a face at (5, 5))", asked.Message);
        Assert.Equal(auto.Image.Data, asked.Image.Data);
    }
}
