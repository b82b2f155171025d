using RetouchPlugins.Shaders.Onnx;

namespace RetouchPlugins.Shaders.Gpu;

/// <summary>
/// He's guided filter as an ONNX graph: inputs "guide" [N, 1, H, W] (broadcast over channels) and "input"
/// [N, C, H, W], output "output" [N, C, H, W]. Box means via <see cref="BoxFilterGraph"/>. Computed in float:
/// var(I) = E[I^2] - E[I]^2 loses about 1e-7 absolute, so keep eps well above that (1e-4 or more).
/// </summary>
public static class GuidedFilterGraph
{
    public static byte[] Build(int radius, float eps)
    {
        var g = new OnnxGraphBuilder($"guided_filter_r{radius}");
        string i = g.Input("guide", [null, 1, null, null]);
        string p = g.Input("input", [null, null, null, null]);
        string box(string v) => BoxFilterGraph.Add(g, v, radius);
        string meanI = box(i), meanP = box(p);
        string corrIp = box(g.Node("Mul", [i, p])), corrII = box(g.Node("Mul", [i, i]));
        string cov = g.Node("Sub", [corrIp, g.Node("Mul", [meanI, meanP])]);
        string var = g.Node("Sub", [corrII, g.Node("Mul", [meanI, meanI])]);
        string a = g.Node("Div", [cov, g.Node("Add", [var, g.Constant([eps], [])])]);
        string b = g.Node("Sub", [meanP, g.Node("Mul", [a, meanI])]);
        string q = g.Node("Add", [g.Node("Mul", [box(a), i]), box(b)]);
        g.Identity(q, "output");
        g.Output("output", [null, null, null, null]);
        return g.ToBytes();
    }
}
