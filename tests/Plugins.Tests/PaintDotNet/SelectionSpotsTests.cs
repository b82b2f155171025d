using global::PaintDotNet.Imaging;
using global::PaintDotNet.IndirectUI;
using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.PaintDotNet;
using RetouchPlugins.PaintDotNet.Harness;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Tests.Support;
using Xunit.Abstractions;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>
/// In Paint.NET the retoucher circles the spots the detector left with Ellipse Select and checks "Spots to heal: also
/// one in each small piece of the selection": each circle's centre becomes a point of the blemish effect's `spots`.
/// Checked here through the stand-in host on a real photo with the real models, and on masks for which pieces count.
/// </summary>
public sealed class SelectionSpotsTests(ITestOutputHelper log)
{
    /// <summary>The bench's spot on sample5's chin that the detector refuses.</summary>
    private static readonly PaintedBlemish RefusedSpot = Effects.BlemishSpotRequestTests.RefusedSpot;

    private static readonly string Box = EffectProperties.FromSelection(BlemishRemovalEffect.Spots);

    [Fact]
    public void A_circled_spot_the_detector_refused_is_healed_only_with_the_box_checked()
    {
        var painted = DemoPhotos.Paint("sample5.jpg", RefusedSpot);
        var photo = Opaque(painted.Painted);
        // A circle of three spot radii around the spot, drawn a little off its centre as a hand would.
        var selection = Disc(photo.Width, photo.Height, RefusedSpot.X + 2, RefusedSpot.Y - 1.5f, 3 * RefusedSpot.Radius);

        var (without, withoutMessage) = Render(photo, selection, fromSelection: false);
        var (with, withMessage) = Render(photo, selection, fromSelection: true);
        var before = painted.Measure(without);
        var after = painted.Measure(with);
        log.WriteLine($"box off: {before.VisibleBefore:F1} -> {before.VisibleAfter:F1} levels ({before.Removed:P0}; {withoutMessage}); box on: -> {after.VisibleAfter:F1} ({after.Removed:P0}; {withMessage})");
        Assert.True(before.Removed < 0.3, $"without the box the spot lost {before.Removed:P0}: the test no longer shows what the circle adds");
        Assert.True(after.Removed >= 0.6, $"with the box {after.VisibleBefore:F1} -> {after.VisibleAfter:F1} levels ({after.Removed:P0} removed)");
        Assert.Contains("1 of 1 spots asked for healed", withMessage);
    }

    [Fact]
    public void Each_piece_a_spot_s_size_gives_its_centre_and_larger_pieces_only_limit_the_change()
    {
        var mask = new PlanarImage(800, 600, 1); // shorter side 600: a piece up to 75 px is a spot's circle
        Fill(mask, 40, 50, 6, 1);
        Fill(mask, 120.5f, 80.5f, 30, 1);
        for (int y = 200; y < 500; y++) for (int x = 300; x < 600; x++) mask[0, x, y] = 1; // a region to retouch, 300 px
        Fill(mask, 700, 100, 4, 0.4f); // feathered to under half: not selected
        Assert.Equal("40,50; 120.5,80.5", SelectionPoints.Of(mask));
        Assert.Null(SelectionPoints.Of(null)); // everything selected

        // Crumbs (under 5 px) are not circles; hundreds of pieces are a Magic Wand's selection, not spots circled by hand.
        var crumbs = new PlanarImage(800, 600, 1);
        crumbs[0, 10, 10] = 1;
        Fill(crumbs, 400, 300, 3, 1);
        Assert.Equal("400,300", SelectionPoints.Of(crumbs));
        var wand = new PlanarImage(800, 600, 1);
        for (int y = 5; y < 600; y += 20) for (int x = 5; x < 800; x += 20) Fill(wand, x, y, 3, 1, box: true);
        Assert.Null(SelectionPoints.Of(wand));
        var settings = BlemishRemovalEffect.Info.DefaultSettings().SetText(BlemishRemovalEffect.Spots.Name, "10,10");
        var added = SelectionPoints.AddTo(settings, [BlemishRemovalEffect.Spots], mask);
        Assert.Equal("10,10; 40,50; 120.5,80.5", added.GetText(BlemishRemovalEffect.Spots));
        Assert.Equal("10,10", settings.GetText(BlemishRemovalEffect.Spots)); // the dialog's own settings are not changed
    }

    [Fact]
    public void The_box_is_offered_for_spots_to_heal_in_blemish_removal_only()
    {
        // Not for marks to keep, nor in the whole retouch, which would change inside the circles only (an evened disc on each).
        Assert.DoesNotContain(new StandInEffectHost(Menu("skin"), new StandInBitmap(64, 64)).Properties, p => p.Name.ToString().EndsWith("FromSelection"));
        var host = new StandInEffectHost(Menu("blemishes"), new StandInBitmap(64, 64));
        Assert.Contains(Box, host.Properties.Select(p => p.Name.ToString()));
        Assert.DoesNotContain(EffectProperties.FromSelection(BlemishRemovalEffect.Keep), host.Properties.Select(p => p.Name.ToString()));
        Assert.Equal("Spots to heal: also one in each small piece of the selection", host.GetPropertyControlValue(Box, ControlInfoPropertyNames.Description));
        Assert.False((bool)host.Properties[Box]!.Value!);
    }

    private (PlanarImage Result, string? Message) Render(StandInBitmap photo, HarnessBitmap<ColorAlpha8> selection, bool fromSelection)
    {
        var plugin = Menu("blemishes");
        var host = new StandInEffectHost(plugin, photo, selection: selection);
        host.SetValue(Box, fromSelection);
        var rendered = host.Render(tileSize: 512, parallel: true);
        return (SyntheticPortrait.ToPlanar(rendered), plugin.LastMessage);
    }

    private static CatalogEffectAdapter Menu(string id) => typeof(CatalogEffectAdapter).Assembly.GetExportedTypes()
        .Where(t => t.IsSubclassOf(typeof(CatalogEffectAdapter)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (CatalogEffectAdapter)Activator.CreateInstance(t)!).Single(m => m.Entry.Id == id);

    private static StandInBitmap Opaque(PlanarImage image)
    {
        var alpha = new StandInBitmap(image.Width, image.Height);
        Array.Fill(alpha.Pixels, ColorBgra32.FromBgra(0, 0, 0, 255));
        return SyntheticPortrait.FromPlanar(image, alpha);
    }

    private static HarnessBitmap<ColorAlpha8> Disc(int width, int height, float cx, float cy, float radius)
    {
        var mask = new HarnessBitmap<ColorAlpha8>(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) mask[x, y] = new ColorAlpha8 { A = 255 };
        return mask;
    }

    private static void Fill(PlanarImage mask, float cx, float cy, float radius, float value, bool box = false)
    {
        int r = (int)MathF.Ceiling(radius);
        for (int y = Math.Max(0, (int)cy - r); y <= Math.Min(mask.Height - 1, (int)cy + r + 1); y++)
            for (int x = Math.Max(0, (int)cx - r); x <= Math.Min(mask.Width - 1, (int)cx + r + 1); x++)
                if (box || (x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) mask[0, x, y] = value;
    }
}
