using System.Collections.Concurrent;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Native;
using System.Runtime.Loader;

namespace RetouchPlugins.PaintDotNet;

/// <summary>
/// The analysis provider and resources every Portrait effect in Paint.NET shares: the face models open once
/// (on the first render, not when Paint.NET builds its menus) and an image analysed for one effect is not
/// analysed again for another. Paint.NET creates effect instances by reflection and offers no container to
/// hand them a shared service, so this one process-wide registry (per plugin folder) is the exception to
/// "no static state"; its contents are thread-safe and live as long as Paint.NET. Creating it also registers the
/// native library search in the plugin folder (<see cref="PluginNativeLibraries"/>), once per folder.
/// </summary>
public sealed class PluginServices
{
    private static readonly ConcurrentDictionary<string, Lazy<PluginServices>> ByFolder = new(StringComparer.Ordinal);

    private PluginServices(string pluginDirectory)
    {
        // Before anything can touch ONNX Runtime or libvips: NetVips initialises libvips as soon as it is loaded.
        Natives = PluginNativeLibraries.Register(AssemblyLoadContext.GetLoadContext(typeof(PluginServices).Assembly) ?? AssemblyLoadContext.Default, pluginDirectory);
        var provider = new PortraitAnalysisProvider(new AssetCatalog(pluginDirectory));
        Analysis = provider;
        Resources = new EffectResources(provider);
    }

    public PortraitAnalysisProvider Analysis { get; }

    /// <summary>The plugin folder's native libraries, served to ONNX Runtime and libvips in the plugin's load context.</summary>
    public PluginNativeLibraries Natives { get; }
    public EffectResources Resources { get; }

    internal (IAnalysisProvider Analysis, EffectResources Resources) Both => (Analysis, Resources);

    /// <summary>The services of the plugin in <paramref name="pluginDirectory"/> (models/ lies there).</summary>
    public static PluginServices For(string pluginDirectory) =>
        ByFolder.GetOrAdd(pluginDirectory, dir => new Lazy<PluginServices>(() => new PluginServices(dir), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
}
