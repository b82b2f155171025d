using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Onnx;

namespace RetouchPlugins.Shaders.Gpu;

/// <summary>
/// ABM and R-ABM as ONNX graphs, the same formulas as <see cref="BlendModes"/>:
/// ABM: inputs "image", "blend" -> "result" = I + (2B - 1)(I - I^2) (B = 0.5 returns I exactly);
/// R-ABM: inputs "image", "retouched" -> "blend" = clamp(0.5 + (R - I) / (2(I - I^2)), 0, 1), 0.5 where
/// I - I^2 &lt; <see cref="BlendModes.MinimumSpread"/>, then strength: (B - 0.5) s + 0.5. Float [N, C, H, W].
/// </summary>
public static class BlendModeGraphs
{
    public static byte[] Abm()
    {
        var g = new OnnxGraphBuilder("abm");
        string i = g.Input("image", [null, null, null, null]);
        string b = g.Input("blend", [null, null, null, null]);
        string one = g.Constant([1f], []);
        string twoBMinusOne = g.Node("Sub", [g.Node("Add", [b, b]), one]);
        string spread = g.Node("Sub", [i, g.Node("Mul", [i, i])]);
        g.Identity(g.Node("Add", [i, g.Node("Mul", [twoBMinusOne, spread])]), "result");
        g.Output("result", [null, null, null, null]);
        return g.ToBytes();
    }

    public static byte[] InverseAbm(float strength = 1f)
    {
        var g = new OnnxGraphBuilder("inverse_abm");
        string i = g.Input("image", [null, null, null, null]);
        string r = g.Input("retouched", [null, null, null, null]);
        string half = g.Constant([0.5f], []), zero = g.Constant([0f], []), one = g.Constant([1f], []);
        string spread = g.Node("Sub", [i, g.Node("Mul", [i, i])]);
        string ok = g.Node("GreaterOrEqual", [spread, g.Constant([BlendModes.MinimumSpread], [])]);
        string safe = g.Node("Where", [ok, spread, one]);
        string raw = g.Node("Add", [half, g.Node("Div", [g.Node("Sub", [r, i]), g.Node("Add", [safe, safe])])]);
        string clamped = g.Node("Where", [ok, g.Node("Clip", [raw, zero, one]), half]);
        string scaled = g.Node("Add", [g.Node("Mul", [g.Node("Sub", [clamped, half]), g.Constant([strength], [])]), half]);
        g.Identity(scaled, "blend");
        g.Output("blend", [null, null, null, null]);
        return g.ToBytes();
    }
}
