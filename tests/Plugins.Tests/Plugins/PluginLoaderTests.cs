using System.Runtime.Loader;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Effects.Plugins;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Tests.Plugins;

/// <summary>
/// Loading third-party effect plugins into the catalog: the sample plugin joins it in its own load context sharing
/// the contract with the host; every broken plugin is reported with its file and what went wrong, and skipped.
/// </summary>
public sealed class PluginLoaderTests
{
    [Fact]
    public void The_sample_plugin_joins_the_catalog_after_the_built_in_effects_in_its_own_load_context()
    {
        using var folder = new PluginFolder(PluginFolder.Sample);

        var catalog = folder.Catalog();

        Assert.Empty(catalog.Problems);
        Assert.Equal(EffectCatalog.All.Select(e => e.Id).Append(PluginFolder.VignetteId), catalog.All.Select(e => e.Id));
        var entry = catalog.Get(PluginFolder.VignetteId);
        Assert.Equal(Path.Combine(folder.Path, PluginFolder.Sample + ".dll"), entry.Plugin!.File);
        Assert.Equal(PluginFolder.Sample, entry.Plugin.Assembly);
        Assert.All(EffectCatalog.All, e => Assert.Null(catalog.Get(e.Id).Plugin));

        var own = AssemblyLoadContext.All.Single(c => c.Assemblies.Any(a => a.Location == entry.Plugin.File));
        Assert.NotSame(AssemblyLoadContext.Default, own);
        Assert.Equal($"plugin:{PluginFolder.Sample}.dll", own.Name);
        // The contract is shared: the plugin's IPortraitEffect and PlanarImage are the host's own types, not copies.
        var pluginType = own.Assemblies.Single().GetType("SamplePlugin.PortraitVignetteEffect")!;
        Assert.Contains(typeof(IPortraitEffect), pluginType.GetInterfaces());
        Assert.Same(typeof(IPortraitEffect).Assembly, own.LoadFromAssemblyName(typeof(IPortraitEffect).Assembly.GetName()));
        Assert.Same(typeof(PlanarImage).Assembly, own.LoadFromAssemblyName(typeof(PlanarImage).Assembly.GetName()));
        Assert.Equal("Portrait Vignette (sample plugin)", entry.Create().Descriptor.Label);
    }

    [Fact]
    public void A_plugin_in_its_own_folder_loads_too()
    {
        using var folder = new PluginFolder();
        folder.Add(PluginFolder.Sample, into: PluginFolder.Sample);

        var catalog = folder.Catalog();

        Assert.Empty(catalog.Problems);
        Assert.NotNull(catalog.Find(PluginFolder.VignetteId));
    }

    [Fact]
    public void Broken_plugins_are_reported_with_their_file_and_skipped_and_the_rest_load()
    {
        using var folder = new PluginFolder(PluginFolder.Sample, PluginFolder.Broken, PluginFolder.OldContract);
        var junk = folder.AddNotAnAssembly();
        string broken = Path.Combine(folder.Path, PluginFolder.Broken + ".dll"), old = Path.Combine(folder.Path, PluginFolder.OldContract + ".dll");

        var catalog = folder.Catalog();

        string Problem(string file, string containing) =>
            Assert.Single(catalog.Problems, p => p.File == file && p.Problem.Contains(containing, StringComparison.Ordinal)).ToString();
        Assert.Contains("InvalidOperationException: the licence file is missing", Problem(broken, "ThrowsInConstructorEffect: its constructor threw"));
        Assert.Contains("NullReferenceException: descriptor not initialised", Problem(broken, "ThrowsOnDescriptorEffect: its Descriptor threw"));
        Problem(broken, "the effect id 'skin' is a built-in effect's; refused");
        Problem(junk, "not a .NET assembly");
        Problem(old, "built for effect contract 0; this host reads contract 1");
        Assert.Equal(5, catalog.Problems.Count);

        // What loaded: the built-ins (skin still the built-in one), the sample, and the effect that only fails when it renders.
        Assert.Null(catalog.Get("skin").Plugin);
        Assert.Equal(EffectCatalog.All.Select(e => e.Id).Concat([PluginFolder.VignetteId, "throws-in-render"]).Order(), catalog.All.Select(e => e.Id).Order());
        Assert.Null(catalog.Find("old-contract"));
        Assert.Null(catalog.Find("throws-in-constructor"));
    }

    [Fact]
    public void A_plugin_that_throws_in_Render_fails_with_its_file_and_effect_named()
    {
        using var folder = new PluginFolder(PluginFolder.Broken);
        var effect = folder.Catalog().Get("throws-in-render").Create();
        var image = new PlanarImage(8, 6, 3);

        var failure = Assert.Throws<PluginFailureException>(() => effect.Render(new EffectInput(image, null), effect.Descriptor.DefaultSettings()));

        Assert.Equal($"{Path.Combine(folder.Path, PluginFolder.Broken + ".dll")}: the plugin effect 'throws-in-render' failed while rendering: " +
            "IndexOutOfRangeException: row 7 of 6", failure.Message);
        Assert.True(Shared.Running.RunExit.IsInputError(failure)); // hosts report it as one line and carry on
    }

    [Fact]
    public void A_missing_plugin_folder_is_reported()
    {
        var missing = Path.Combine(Path.GetTempPath(), "retouch-no-such-plugins-" + Guid.NewGuid().ToString("N"));

        var catalog = HostCatalog.WithPlugins([missing]);

        Assert.Equal($"{missing}: plugin folder not found", Assert.Single(catalog.Problems).ToString());
        Assert.Equal(EffectCatalog.All.Select(e => e.Id), catalog.All.Select(e => e.Id));
    }
}
