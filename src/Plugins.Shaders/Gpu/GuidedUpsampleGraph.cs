using RetouchPlugins.Shaders.Onnx;

namespace RetouchPlugins.Shaders.Gpu;

/// <summary>
/// One level of the blend pyramid as an ONNX graph, the same formulas as <see cref="Kernels.FastGuidedUpsampler"/>:
/// the guided-filter coefficients of "low_input" against "low_guide" (each plane guided by the same plane), their box
/// means, carried to the size of "high_guide" by bilinear Resize (half-pixel centres, edges clamped) and applied there:
/// "output" = clamp(up(A) · high_guide + up(B), 0, 1). Float [1, C, h, w] in, [1, C, H, W] out, dynamic sizes.
/// Computed in float (the CPU kernel sums in double): keep eps at 1e-4 or more.
/// </summary>
public static class GuidedUpsampleGraph
{
    public static byte[] Build(int radius, float eps)
    {
        var g = new OnnxGraphBuilder($"guided_upsample_r{radius}");
        // The low inputs share their sizes; the high guide's are its own.
        string lowGuide = g.Input("low_guide", [1, null, null, null], dimensions: "low");
        string lowInput = g.Input("low_input", [1, null, null, null], dimensions: "low");
        string highGuide = g.Input("high_guide", [1, null, null, null], dimensions: "high");
        g.Identity(Clamp(g, Add(g, lowGuide, lowInput, highGuide, radius, eps)), "output");
        g.Output("output", [1, null, null, null], dimensions: "high");
        return g.ToBytes();
    }

    /// <summary>Adds up(A) · high + up(B) (not clamped) to <paramref name="g"/> and returns its value name.</summary>
    public static string Add(OnnxGraphBuilder g, string lowGuide, string lowInput, string highGuide, int radius, float eps)
    {
        string box(string v) => BoxFilterGraph.Add(g, v, radius);
        string meanI = box(lowGuide), meanP = box(lowInput);
        string cov = g.Node("Sub", [box(g.Node("Mul", [lowGuide, lowInput])), g.Node("Mul", [meanI, meanP])]);
        string var = g.Node("Sub", [box(g.Node("Mul", [lowGuide, lowGuide])), g.Node("Mul", [meanI, meanI])]);
        string a = g.Node("Div", [cov, g.Node("Add", [var, g.Constant([eps], [])])]);
        string b = g.Node("Sub", [meanP, g.Node("Mul", [a, meanI])]);
        string size = g.Node("Shape", [highGuide]);
        string up(string v) => g.Node("Resize", [v, "", "", size],
            ("mode", "linear"), ("coordinate_transformation_mode", "half_pixel"));
        return g.Node("Add", [g.Node("Mul", [up(box(a)), highGuide]), up(box(b))]);
    }

    /// <summary>clamp(v, 0, 1).</summary>
    public static string Clamp(OnnxGraphBuilder g, string value) =>
        g.Node("Clip", [value, g.Constant([0f], []), g.Constant([1f], [])]);
}
