using RetouchPlugins.PaintDotNet;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>The catalog adapter over the test effect, with the effect's own analysis behind the same cache the plugin uses.</summary>
internal sealed class BrightenAdapter(BrightenInMaskEffect effect)
    : CatalogEffectAdapter(new CatalogEntry(() => effect), Services(effect))
{
    private static (IAnalysisProvider, EffectResources) Services(BrightenInMaskEffect effect)
    {
        var analysis = new CachedAnalysisProvider(new DelegateAnalysisProvider(effect.Analyze), capacity: 2);
        return (analysis, new EffectResources(analysis));
    }
}
