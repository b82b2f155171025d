using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.PaintDotNet.Effects;

/// <summary>
/// The face analysis the Portrait effects use inside Paint.NET: one <see cref="PortraitAnalyzer"/> per
/// effect instance, opened on first use (the models load when the dialog first renders, not when
/// Paint.NET builds its menus). Its native sessions are SafeHandles, released with the effect.
/// </summary>
internal static class PluginAnalysis
{
    public static PortraitAnalyze For(AssetCatalog assets)
    {
        var analyzer = new Lazy<PortraitAnalyzer>(() => PortraitAnalyzer.Open(assets), LazyThreadSafetyMode.ExecutionAndPublication);
        return (image, cancellation) => analyzer.Value.Analyze(image, cancellation);
    }
}
