using System.Reflection;
using global::PaintDotNet;
using global::PaintDotNet.Imaging;
using global::PaintDotNet.IndirectUI;
using global::PaintDotNet.Rendering;
using RetouchPlugins.PaintDotNet;
using RetouchPlugins.PaintDotNet.Harness;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>
/// How the plugin presents itself in Paint.NET: the menu icon every Portrait effect hands over, the text behind each
/// dialog's help button, and the plugin's support information ([assembly: PluginSupportInfo&lt;T&gt;]).
/// </summary>
public sealed class PluginPresentationTests
{
    private static readonly StandInBitmap Blank = new(8, 8);

    private static IEnumerable<CatalogEffectAdapter> Menu() => typeof(CatalogEffectAdapter).Assembly.GetExportedTypes()
        .Where(t => t.IsSubclassOf(typeof(CatalogEffectAdapter)) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) is not null)
        .Select(t => (CatalogEffectAdapter)Activator.CreateInstance(t)!);

    [Fact]
    public unsafe void Every_menu_effect_shows_the_embedded_portrait_icon()
    {
        var expected = PortraitIcon.Pixels(out int width, out int height);
        Assert.Equal((32, 32), (width, height));
        // A drawing, not a blank: transparent corners, an opaque head.
        Assert.Equal(0, expected[0].A);
        Assert.InRange(expected.Count(p => p.A == 255), 300, 900);

        var menu = Menu().ToArray();
        Assert.Equal(EffectCatalog.All.Count, menu.Length);
        foreach (var effect in menu)
        {
            var icon = Assert.IsAssignableFrom<IBitmap<ColorBgra32>>(new StandInEffectHost(effect, Blank).Icon);
            Assert.Equal(new SizeInt32(32, 32), icon.Size);
            var shown = new ColorBgra32[32 * 32];
            using (var locked = icon.Lock(new RectInt32(0, 0, 32, 32), BitmapLockOptions.Read))
            fixed (ColorBgra32* p = shown)
                locked.AsRegionPtr().CopyTo(new RegionPtr<ColorBgra32>(p, 32, 32, 32 * sizeof(ColorBgra32)));
            Assert.Equal(expected, shown);
        }
    }

    [Fact]
    public void Every_dialog_has_help_with_the_summary_and_each_control()
    {
        foreach (var effect in Menu())
        {
            var window = new StandInEffectHost(effect, Blank).WindowProperties();
            Assert.Equal(WindowHelpContentType.PlainText, window[ControlInfoPropertyNames.WindowHelpContentType]!.Value);
            var help = Assert.IsType<string>(window[ControlInfoPropertyNames.WindowHelpContent]!.Value);
            var descriptor = effect.Entry.Descriptor;
            Assert.StartsWith($"{descriptor.Label}: {descriptor.Summary}", help);
            foreach (var p in descriptor.Parameters) Assert.Contains($"{p.Label} (", help);
            foreach (var p in descriptor.Parameters) Assert.Contains(p.Help, help);
            Assert.Contains("Retouch only", help);
            Assert.Contains("RetouchPlugins 1.0.0", help);
            Assert.Equal(descriptor.Label, window[ControlInfoPropertyNames.WindowTitle]!.Value); // the title is left as Paint.NET makes it
        }
    }

    [Fact]
    public void The_plugin_declares_its_support_information_from_the_project()
    {
        var plugin = typeof(CatalogEffectAdapter).Assembly;
        Assert.NotNull(plugin.GetCustomAttribute<PluginSupportInfoAttribute<RetouchPluginsSupportInfo>>());
        var info = new RetouchPluginsSupportInfo();
        Assert.Equal("RetouchPlugins", info.DisplayName);
        Assert.Equal(new Version(1, 0, 0, 0), info.Version);
        Assert.Equal(plugin.GetName().Version, info.Version);
        Assert.Equal("RetouchPlugins contributors", info.Author);
        Assert.Contains("RetouchPlugins contributors", info.Copyright);
        Assert.True(info.WebsiteUri is null || info.WebsiteUri.Scheme is "https" or "http", $"website {info.WebsiteUri}");
    }
}
