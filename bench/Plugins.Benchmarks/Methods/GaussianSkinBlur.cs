using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Methods;

/// <summary>
/// Baseline: a Gaussian blur (sigma 2.5 % of the median face size) blended in under the soft face-skin mask.
/// What a hurried retoucher does with a blur brush; it removes spots and texture alike.
/// </summary>
public sealed class GaussianSkinBlur : IRetouchMethod
{
    public string Name => "gaussian";
    public string Label => "Gaussian blur in skin mask";
    public bool UsesAnalysis => true;

    public PlanarImage Render(PlanarImage input, PortraitAnalysis analysis)
    {
        float sigma = Math.Clamp(0.025f * FaceScale.MedianFaceSize(analysis), 1.5f, 12f);
        PlaneMath.RequireRgb(input);
        return MaskedBlend.Apply(input, GaussianBlur.Apply(input, sigma), analysis.FaceSkinMask);
    }
}
