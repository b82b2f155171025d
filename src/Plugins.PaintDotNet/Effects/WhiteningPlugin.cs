using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.PaintDotNet.Effects;

/// <summary>Effects > Portrait > Whitening: skin brightened in Oklab with its hue kept; eyes, lips, hair untouched.</summary>
public sealed class WhiteningPlugin()
    : PortraitEffectAdapter<WhiteningEffect, PortraitAnalysis>("Whitening", assets => new WhiteningEffect(PluginAnalysis.For(assets)));
