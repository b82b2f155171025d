using RetouchPlugins.Shaders.Onnx;

namespace RetouchPlugins.Shaders.Gpu;

/// <summary>
/// The blend pyramid's last level, the ABM and the weighted composite as one ONNX graph, the same arithmetic as
/// <see cref="Kernels.BlendPyramid.CompositeFinalLevel"/>: B0 = clamp(up(A) · I + up(B), 0, 1) from the level-1 guide
/// and blend layer, R0 = ABM(I, B0) = I + (2 B0 - 1)(I - I²), "result" = I + min(w · strength, 1)(R0 - I), and
/// "blend_mean" = B0's mean over the planes. Inputs: "image" [1, C, H, W], "level_one_guide" and "level_one_blend"
/// [1, C, h, w], "weight" [1, 1, H, W], "strength" [1]. Where the weight is 0 the result is the image exactly.
/// </summary>
public static class FinalLevelGraph
{
    public static byte[] Build(int radius, float eps)
    {
        var g = new OnnxGraphBuilder($"blend_pyramid_final_r{radius}");
        // The image, the weight and the outputs share the full size; the level-1 inputs share theirs.
        string image = g.Input("image", [1, null, null, null], dimensions: "full");
        string guide = g.Input("level_one_guide", [1, null, null, null], dimensions: "level");
        string blend = g.Input("level_one_blend", [1, null, null, null], dimensions: "level");
        string weight = g.Input("weight", [1, 1, null, null], dimensions: "full");
        string strength = g.Input("strength", [1]);
        string b0 = GuidedUpsampleGraph.Clamp(g, GuidedUpsampleGraph.Add(g, guide, blend, image, radius, eps));
        string one = g.Constant([1f], []);
        string spread = g.Node("Sub", [image, g.Node("Mul", [image, image])]);
        string retouched = g.Node("Add", [image, g.Node("Mul", [g.Node("Sub", [g.Node("Add", [b0, b0]), one]), spread])]);
        string amount = g.Node("Min", [g.Node("Mul", [weight, strength]), one]);
        g.Identity(g.Node("Add", [image, g.Node("Mul", [amount, g.Node("Sub", [retouched, image])])]), "result");
        g.Identity(g.Node("ReduceMean", [b0], ("axes", new long[] { 1 }), ("keepdims", 1L)), "blend_mean");
        g.Output("result", [1, null, null, null], dimensions: "full");
        g.Output("blend_mean", [1, 1, null, null], dimensions: "full");
        return g.ToBytes();
    }
}
