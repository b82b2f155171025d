using global::PaintDotNet.Imaging;
using RetouchPlugins.PaintDotNet.Harness;
using RetouchPlugins.PaintDotNet;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>
/// The menu effects, one per catalog entry (generated at build time from EffectCatalog.cs), driven through the
/// stand-in host on a real face (a 500 x 500 crop of testdata/sample1.jpg around the left woman's face): the
/// adapter's output is exactly the shared effect's output, rounded to 8 bits, and the effect changes the face.
/// </summary>
public sealed class ProductEffectsTests
{
    private static readonly Lazy<StandInBitmap> Face = new(() => LoadCrop(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg"), 300, 250, 500, 500));

    /// <summary>The generated menu classes: public, sealed, parameterless, deriving the catalog adapter.</summary>
    private static IReadOnlyList<Type> MenuTypes() => typeof(CatalogEffectAdapter).Assembly.GetExportedTypes()
        .Where(t => t.IsSubclassOf(typeof(CatalogEffectAdapter)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
        .ToArray();

    public static TheoryData<string> Effects => new(EffectCatalog.All.Select(e => e.Id));

    [Fact]
    public void The_menu_has_one_entry_per_catalog_effect_in_catalog_order()
    {
        var menu = MenuTypes().Select(t => (CatalogEffectAdapter)Activator.CreateInstance(t)!).ToArray();
        Assert.Equal(EffectCatalog.All.Select(e => e.Id).Order(), menu.Select(m => m.Entry.Id).Order());
        Assert.All(menu, m => Assert.Equal(m.Entry.Descriptor.Label, new StandInEffectHost(m, Face.Value).Name));
        Assert.Contains(MenuTypes(), t => t.Name == "WhiteningPlugin"); // names come from the type each catalog line makes
    }

    [Theory]
    [MemberData(nameof(Effects))]
    public void Menu_effect_output_equals_the_shared_effect(string id)
    {
        var photo = Face.Value;
        var plugin = MenuTypes().Select(t => (CatalogEffectAdapter)Activator.CreateInstance(t)!).Single(m => m.Entry.Id == id);
        var direct = EffectCatalog.Get(id).Create();
        var values = Values(direct.Descriptor);
        var host = new StandInEffectHost(plugin, photo);
        Assert.Equal(PortraitMenu.SubmenuName, host.SubMenuName);
        foreach (var (name, value) in values) host.SetValue(name, direct.Descriptor.Parameter(name)!.Kind == ParameterKind.Toggle ? value != 0 : value); // a check box holds a bool
        var rendered = host.Render(tileSize: 128, parallel: true);

        var image = SyntheticPortrait.ToPlanar(photo);
        using var analyzer = PortraitAnalyzer.Open(AssetCatalog.ForApplication());
        var analysis = analyzer.Analyze(image, CancellationToken.None);
        Assert.Single(analysis.Faces);
        var settings = direct.Defaults();
        foreach (var (name, value) in values) settings.Set(name, value);
        var expected = SyntheticPortrait.FromPlanar(direct.Render(image, analysis, settings).Image, photo);

        Assert.Equal(expected.Pixels, rendered.Pixels);
        if (id is not ("blemishes" or "tone-match")) // a clean face may have nothing to heal, one face nothing to match; the others always change skin
        {
            int changed = rendered.Pixels.Zip(photo.Pixels).Count(p => p.First != p.Second);
            Assert.True(changed > 2000, $"{id}: only {changed} pixels changed on a face");
        }
    }

    [Fact]
    public void The_selection_limits_the_change_and_analysis_runs_once_across_two_menu_effects()
    {
        var photo = Face.Value;
        var selection = new HarnessBitmap<ColorAlpha8>(photo.Width, photo.Height);
        for (int y = 0; y < photo.Height; y++)
            for (int x = 0; x < photo.Width / 2; x++) selection[x, y] = new ColorAlpha8 { A = 255 }; // the left half
        var whiten = MenuTypes().Select(t => (CatalogEffectAdapter)Activator.CreateInstance(t)!).Single(m => m.Entry.Id == "whiten");
        var host = new StandInEffectHost(whiten, photo, selection: selection);
        host.SetValue("whiten", 0.8);
        var analysis = PluginServices.For(CatalogEffectAdapter.PluginDirectory).Analysis;
        int before = analysis.AnalysesRun;

        var rendered = host.Render(tileSize: 128, parallel: true);
        int afterFirst = analysis.AnalysesRun;
        Assert.InRange(afterFirst, before, before + 1); // at most one (none when an earlier test analysed this crop)

        int changedLeft = 0;
        for (int y = 0; y < photo.Height; y++)
            for (int x = 0; x < photo.Width; x++)
                if (x >= photo.Width / 2) Assert.Equal(photo[x, y], rendered[x, y]);
                else if (photo[x, y] != rendered[x, y]) changedLeft++;
        Assert.True(changedLeft > 1000, $"only {changedLeft} pixels whitened in the selected half");

        // A second menu effect on the same image: the shared services analyse it once (cached by content hash).
        var even = MenuTypes().Select(t => (CatalogEffectAdapter)Activator.CreateInstance(t)!).Single(m => m.Entry.Id == "even");
        new StandInEffectHost(even, photo).Render(tileSize: 128);
        Assert.Equal(afterFirst, analysis.AnalysesRun);
    }

    /// <summary>Strong settings so every effect visibly acts: strength and tone up, whitening on, makeup removal (it needs no reference photo).</summary>
    private static (string, double)[] Values(EffectDescriptor effect) =>
        new (string Name, double Value)[] { ("strength", 1.0), ("tone", 0.8), ("heal", 1.0), ("whiten", 0.6), ("remove", 1.0) }
            .Where(v => effect.Parameter(v.Name) is not null).ToArray();

    private static StandInBitmap LoadCrop(string path, int x, int y, int w, int h)
    {
        PlanarImage pixels = ImageFile.Load(path).Pixels.Crop(x, y, w, h);
        var bmp = new StandInBitmap(w, h);
        for (int r = 0; r < h; r++)
            for (int c = 0; c < w; c++)
                bmp[c, r] = ColorBgra32.FromBgra(Level(pixels[2, c, r]), Level(pixels[1, c, r]), Level(pixels[0, c, r]), 255);
        return bmp;
    }

    private static byte Level(float v) => (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f);
}
