using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.PaintDotNet.Effects;

/// <summary>Effects > Portrait > Blemish Removal: spots and acne detected in face skin and healed with nearby texture.</summary>
public sealed class BlemishRemovalPlugin()
    : PortraitEffectAdapter<BlemishRemovalEffect, PortraitAnalysis>("Blemish Removal", assets => new BlemishRemovalEffect(PluginAnalysis.For(assets)));
