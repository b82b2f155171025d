using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.PaintDotNet.Effects;

/// <summary>Effects > Portrait > Skin Retouch: even tone with pores kept (the ABPN blend pyramid).</summary>
public sealed class SkinRetouchPlugin()
    : PortraitEffectAdapter<SkinRetouchEffect, PortraitAnalysis>("Skin Retouch", assets => new SkinRetouchEffect(PluginAnalysis.For(assets)));
