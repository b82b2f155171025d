using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Methods;

/// <summary>
/// Baseline: edge-preserving smoothing with the project's guided filter (each colour plane guides itself,
/// radius 3 % of the median face size, eps 0.01 = a 0.1 step counts as an edge), blended in under the soft
/// face-skin mask. The classic "surface blur" skin smoothing.
/// </summary>
public sealed class GuidedSkinSmoothing : IRetouchMethod
{
    public const float Epsilon = 0.01f;

    public string Name => "guided";
    public string Label => "guided filter in skin mask";
    public bool UsesAnalysis => true;

    public PlanarImage Render(PlanarImage input, PortraitAnalysis analysis)
    {
        PlaneMath.RequireRgb(input);
        int radius = Math.Clamp((int)MathF.Round(0.03f * FaceScale.MedianFaceSize(analysis)), 2, 16);
        return MaskedBlend.Apply(input, GuidedFilter.Apply(input, input, radius, Epsilon), analysis.FaceSkinMask);
    }
}
