using global::PaintDotNet.Imaging;
using global::PaintDotNet.IndirectUI;
using global::PaintDotNet.PropertySystem;
using global::PaintDotNet.Rendering;
using RetouchPlugins.PaintDotNet.Harness;
using RetouchPlugins.PaintDotNet;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>
/// Drives PortraitEffectAdapter through the compile-time Paint.NET stand-in (not Paint.NET itself):
/// property UI, output against the shared effect called directly, analysis caching, cancellation.
/// </summary>
public sealed class PortraitEffectAdapterTests
{
    private static readonly ColorBgra32 Sentinel = ColorBgra32.FromBgra(1, 2, 3, 4);

    [Fact]
    public void Dialog_is_generated_from_the_parameter_record_plus_retouch_only()
    {
        var adapter = new BrightenAdapter(new BrightenInMaskEffect());
        var host = new StandInEffectHost(adapter, SyntheticPortrait.Create());

        Assert.Equal("Portrait", host.SubMenuName);
        Assert.Equal("Brighten (test)", host.Name);
        Assert.True(host.IsConfigurable);
        Assert.Equal(["Amount", "Radius", "Warm", "RetouchOnly"], host.Properties.Select(p => p.Name.ToString()));

        var amount = Assert.IsType<DoubleProperty>(host.Properties["Amount"]);
        Assert.Equal((0.3, 0.0, 1.0), (amount.DefaultValue, amount.MinValue, amount.MaxValue));
        var radius = Assert.IsType<Int32Property>(host.Properties["Radius"]);
        Assert.Equal((2, 0, 8), (radius.DefaultValue, radius.MinValue, radius.MaxValue));
        Assert.False(Assert.IsType<BooleanProperty>(host.Properties["Warm"]).DefaultValue);
        Assert.False(Assert.IsType<BooleanProperty>(host.Properties["RetouchOnly"]).DefaultValue);

        Assert.Equal("Brightening", host.GetPropertyControlValue("Amount", ControlInfoPropertyNames.DisplayName));
        Assert.Equal("Mask softness", host.GetPropertyControlValue("Radius", ControlInfoPropertyNames.DisplayName));
        Assert.Equal("Warm the skin", host.GetPropertyControlValue("Warm", ControlInfoPropertyNames.Description));
        Assert.Equal("Retouch only (for an empty layer above)", host.GetPropertyControlValue("RetouchOnly", ControlInfoPropertyNames.Description));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Output_equals_the_shared_effect_called_directly(bool parallelTiles)
    {
        var source = SyntheticPortrait.Create();
        var host = new StandInEffectHost(new BrightenAdapter(new BrightenInMaskEffect()), source);
        host.SetValue("Amount", 0.65);
        host.SetValue("Radius", 3);
        host.SetValue("Warm", true);

        var output = host.Render(tileSize: 48, parallel: parallelTiles, sentinel: Sentinel);

        var direct = new BrightenInMaskEffect();
        var image = SyntheticPortrait.ToPlanar(source);
        var settings = direct.Defaults().Set("Amount", 0.65).Set("Radius", 3).Set("Warm", 1);
        var expected = SyntheticPortrait.FromPlanar(direct.Render(image, direct.Analyze(image), settings).Image, source);

        // Exact: the adapter's only change is 8-bit quantisation, which the expectation applies identically.
        Assert.Equal(expected.Pixels, output.Pixels);
        Assert.NotEqual(source.Pixels, output.Pixels); // the effect did something
        Assert.Equal(128, output[3, 3].A);             // straight alpha passes through untouched
    }

    [Fact]
    public void Slider_moves_re_render_without_re_analysing()
    {
        var effect = new BrightenInMaskEffect();
        var host = new StandInEffectHost(new BrightenAdapter(effect), SyntheticPortrait.Create());

        host.SetValue("Amount", 0.2);
        var first = host.Render(tileSize: 32, parallel: true);
        host.SetValue("Amount", 0.8);
        var second = host.Render(tileSize: 32, parallel: true);

        Assert.Equal(1, effect.AnalyzeCalls);
        Assert.Equal(2, effect.RenderCalls); // once per token, however many tiles (35 here) and threads
        Assert.NotEqual(first.Pixels, second.Pixels);
    }

    [Fact]
    public void A_different_image_is_analysed_and_the_last_two_stay_cached()
    {
        var effect = new BrightenInMaskEffect();
        var adapter = new BrightenAdapter(effect);
        var a = SyntheticPortrait.Create(seed: 1);
        var b = SyntheticPortrait.Create(seed: 2);

        new StandInEffectHost(adapter, a).Render();
        new StandInEffectHost(adapter, b).Render();
        new StandInEffectHost(adapter, a.Clone()).Render(); // same content, new bitmap object: a hit

        Assert.Equal(2, effect.AnalyzeCalls);
        Assert.Equal(3, effect.RenderCalls);
    }

    [Fact]
    public void Cancel_during_the_whole_image_render_writes_no_tile_and_the_next_render_completes()
    {
        var effect = new BrightenInMaskEffect();
        var source = SyntheticPortrait.Create();
        var host = new StandInEffectHost(new BrightenAdapter(effect), source);
        effect.OnRenderRow = row => { if (row == 20) host.RequestCancel(); };

        var cancelled = host.Render(tileSize: 50, sentinel: Sentinel);

        Assert.True(effect.RowsRendered <= 21, $"the effect went on for {effect.RowsRendered} rows after the cancel at row 20");
        Assert.All(cancelled.Pixels, p => Assert.Equal(Sentinel, p));
        Assert.Equal(12, host.TilesRendered); // every OnRender call returned promptly

        effect.OnRenderRow = null;
        var completed = host.Render(tileSize: 50, sentinel: Sentinel);
        Assert.DoesNotContain(Sentinel, completed.Pixels);
        Assert.Equal(1, effect.AnalyzeCalls); // the analysis survived the cancelled render
    }

    [Fact]
    public void Cancel_between_tiles_stops_writing_the_remaining_tiles()
    {
        var source = SyntheticPortrait.Create();
        var host = new StandInEffectHost(new BrightenAdapter(new BrightenInMaskEffect()), source);
        var reference = new StandInEffectHost(new BrightenAdapter(new BrightenInMaskEffect()), source).Render();
        var written = new List<RectInt32>();

        var output = host.Render(tileSize: 50, sentinel: Sentinel, afterTile: tile =>
        {
            written.Add(tile);
            if (written.Count == 3) host.RequestCancel();
        });

        Assert.Equal(12, written.Count); // the stand-in host keeps calling; the adapter must not write
        for (int y = 0; y < source.Height; y++)
            for (int x = 0; x < source.Width; x++)
            {
                bool inFirstThree = written.Take(3).Any(t => x >= t.Left && x < t.Right && y >= t.Top && y < t.Bottom);
                Assert.Equal(inFirstThree ? reference[x, y] : Sentinel, output[x, y]);
            }
    }

    [Fact]
    public void Retouch_only_on_an_empty_layer_composites_to_the_full_result_within_one_level()
    {
        var photo = SyntheticPortrait.Create();
        var emptyLayer = new StandInBitmap(photo.Width, photo.Height); // all transparent
        var full = Configure(new StandInEffectHost(new BrightenAdapter(new BrightenInMaskEffect()), photo), retouchOnly: false).Render();
        var change = Configure(new StandInEffectHost(new BrightenAdapter(new BrightenInMaskEffect()), emptyLayer, document: photo), retouchOnly: true).Render();

        int maxError = 0, untouched = 0;
        for (int i = 0; i < photo.Pixels.Length; i++)
        {
            var below = photo.Pixels[i];
            if (below.A != 255) continue; // the guarantee is for an opaque image below (see RetouchLayer)
            var composite = NormalBlendOverOpaque(below, change.Pixels[i]);
            maxError = Math.Max(maxError, MaxChannelDifference(composite, full.Pixels[i]));
            if (full.Pixels[i] == below) { untouched++; Assert.Equal(0, change.Pixels[i].A); }
        }

        Assert.InRange(maxError, 0, 1);
        Assert.True(untouched > photo.Pixels.Length / 4, $"only {untouched} pixels are left alone; the background should be");
        Assert.Contains(change.Pixels, p => p.A is > 0 and < 255); // a partial-alpha change layer, not a copy of the result
    }

    private static StandInEffectHost Configure(StandInEffectHost host, bool retouchOnly)
    {
        host.SetValue("Amount", 0.7);
        host.SetValue("Radius", 2);
        host.SetValue("Warm", true);
        host.SetValue("RetouchOnly", retouchOnly);
        return host;
    }

    /// <summary>Paint.NET's Normal blend of a straight-alpha layer pixel over an opaque pixel, rounded to 8 bits.</summary>
    internal static ColorBgra32 NormalBlendOverOpaque(ColorBgra32 below, ColorBgra32 layer)
    {
        static byte Mix(byte s, byte c, byte a) => (byte)Math.Round((c * a + s * (255 - a)) / 255.0);
        return ColorBgra32.FromBgra(Mix(below.B, layer.B, layer.A), Mix(below.G, layer.G, layer.A), Mix(below.R, layer.R, layer.A), 255);
    }

    internal static int MaxChannelDifference(ColorBgra32 a, ColorBgra32 b) =>
        Math.Max(Math.Abs(a.R - b.R), Math.Max(Math.Abs(a.G - b.G), Math.Max(Math.Abs(a.B - b.B), Math.Abs(a.A - b.A))));
}
