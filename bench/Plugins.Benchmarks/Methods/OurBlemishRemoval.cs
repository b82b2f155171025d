using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Methods;

/// <summary>
/// Ours, the healing step alone: the catalog's blemish removal at its defaults. Beside the full pipeline it shows what
/// healing does and what the tone evening after it adds (or takes: texture, PSNR against the clean photo).
/// </summary>
public sealed class OurBlemishRemoval : IRetouchMethod
{
    private readonly IPortraitEffect _effect = EffectCatalog.Get("blemishes").Create();

    public string Name => "ours-heal";
    public string Label => "ours: blemish removal alone";
    public bool UsesAnalysis => true;

    public PlanarImage Render(PlanarImage input, PortraitAnalysis analysis) =>
        _effect.Render(new EffectInput(input, analysis), _effect.Descriptor.DefaultSettings()).Image;
}
