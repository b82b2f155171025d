using global::PaintDotNet.Imaging;
using global::PaintDotNet.StandIn;
using RetouchPlugins.PaintDotNet;
using RetouchPlugins.PaintDotNet.Effects;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>
/// The three menu effects (Skin Retouch, Blemish Removal, Whitening) driven through the stand-in host on a
/// real face (a 500 x 500 crop of testdata/sample1.jpg around the left woman's face): the adapter's output
/// is exactly the shared effect's output, rounded to 8 bits, and the effect changes the face.
/// </summary>
public sealed class ProductEffectsTests
{
    private static readonly Lazy<StandInBitmap> Face = new(() => LoadCrop(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg"), 300, 250, 500, 500));

    public static TheoryData<string> Effects => new() { "skin", "blemish", "whiten" };

    [Theory]
    [MemberData(nameof(Effects))]
    public void Menu_effect_output_equals_the_shared_effect(string which)
    {
        var photo = Face.Value;
        var (plugin, direct, values) = Create(which);
        Assert.Equal(PortraitMenu.SubmenuName, plugin.SubMenuName);

        var host = new StandInEffectHost(plugin, photo);
        foreach (var (name, value) in values) host.SetValue(name, value);
        var rendered = host.Render(tileSize: 128, parallel: true);

        var image = SyntheticPortrait.ToPlanar(photo);
        using var analyzer = PortraitAnalyzer.Open(AssetCatalog.ForApplication());
        var analysis = analyzer.Analyze(image, CancellationToken.None);
        Assert.Single(analysis.Faces);
        var settings = new EffectSettings(direct.Parameters);
        foreach (var (name, value) in values) settings.Set(name, value);
        var expected = SyntheticPortrait.FromPlanar(direct.Render(image, analysis, settings).Image, photo);

        Assert.Equal(expected.Pixels, rendered.Pixels);
        if (which != "blemish") // a clean face may have nothing to heal; the other two always change skin
        {
            int changed = rendered.Pixels.Zip(photo.Pixels).Count(p => p.First != p.Second);
            Assert.True(changed > 2000, $"{which}: only {changed} pixels changed on a face");
        }
    }

    private static (global::PaintDotNet.Effects.PropertyBasedBitmapEffect Plugin, IPortraitEffect<PortraitAnalysis> Direct, (string, double)[] Values) Create(string which) => which switch
    {
        "skin" => (new SkinRetouchPlugin(), new SkinRetouchEffect(), [("strength", 1.0), ("tone", 0.8)]),
        "blemish" => (new BlemishRemovalPlugin(), new BlemishRemovalEffect(), [("heal", 1.0)]),
        _ => (new WhiteningPlugin(), new WhiteningEffect(), [("whiten", 0.6)]),
    };

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
