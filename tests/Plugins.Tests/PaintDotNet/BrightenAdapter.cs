using RetouchPlugins.PaintDotNet;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>The adapter over the test effect, built the way the three product effects will be.</summary>
internal sealed class BrightenAdapter(BrightenInMaskEffect effect)
    : PortraitEffectAdapter<BrightenInMaskEffect, BrightenInMaskEffect.SkinAnalysis>("Brighten (test)", _ => effect);
