using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Methods;

/// <summary>Ours: the catalog's one-action skin retouch (blemish healing, then the blend-pyramid skin retouch) at its default settings.</summary>
public sealed class OurSkinPipeline : IRetouchMethod
{
    private readonly IPortraitEffect _pipeline = EffectCatalog.Get("skin").Create();

    public string Name => "ours";
    public string Label => BenchSetup.OursLabel;
    public bool UsesAnalysis => true;

    public PlanarImage Render(PlanarImage input, PortraitAnalysis analysis) =>
        _pipeline.Render(new EffectInput(input, analysis), _pipeline.Descriptor.DefaultSettings()).Image;
}
