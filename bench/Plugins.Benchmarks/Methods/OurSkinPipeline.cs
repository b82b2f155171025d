using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Methods;

/// <summary>Ours: the one-action skin pipeline (blemish healing, then the blend-pyramid skin retouch) at its default settings.</summary>
public sealed class OurSkinPipeline : IRetouchMethod
{
    private readonly SkinPipeline _pipeline = new();

    public string Name => "ours";
    public string Label => BenchSetup.OursLabel;
    public bool UsesAnalysis => true;

    public PlanarImage Render(PlanarImage input, PortraitAnalysis analysis) =>
        _pipeline.Render(input, analysis, new EffectSettings(_pipeline.Parameters)).Image;
}
