using RetouchPlugins.Shared.Effects;

// Contract 0 stands for a plugin compiled against an older Plugins.Shared; the attribute records that.
[assembly: EffectPlugin(0)]

namespace OldContractPlugin;

/// <summary>Otherwise a valid effect; if the host loaded it, the test would see its id listed.</summary>
public sealed class OldContractEffect : IPortraitEffect
{
    public EffectDescriptor Descriptor { get; } = new("old-contract", "Old contract", "Built for contract 0.", [], [], AnalysisNeeds.None);
    public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default) =>
        new(input.Image.Clone(), []);
}
