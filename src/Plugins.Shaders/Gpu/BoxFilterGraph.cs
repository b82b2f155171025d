using RetouchPlugins.Shaders.Onnx;

namespace RetouchPlugins.Shaders.Gpu;

/// <summary>
/// The box filter as an ONNX graph (for a GPU execution provider): two separable AveragePool passes, (1, 2r+1)
/// then (2r+1, 1), padded by r with count_include_pad = 0, so each mean is over the valid pixels only - the
/// same border rule as the CPU <see cref="Kernels.BoxFilter"/>. Cost O(r) per pixel (pooling has no running sum).
/// Input "input" and output "output": float [N, C, H, W], dynamic sizes.
/// </summary>
public static class BoxFilterGraph
{
    public static byte[] Build(int radius)
    {
        var g = new OnnxGraphBuilder($"box_filter_r{radius}");
        string x = g.Input("input", [null, null, null, null]);
        g.Identity(Add(g, x, radius), "output");
        g.Output("output", [null, null, null, null]);
        return g.ToBytes();
    }

    /// <summary>Adds the two pooling nodes to <paramref name="g"/> and returns the mean's value name.</summary>
    public static string Add(OnnxGraphBuilder g, string value, int radius)
    {
        if (radius < 0) throw new ArgumentOutOfRangeException(nameof(radius), "radius must be >= 0");
        if (radius == 0) return value;
        int k = 2 * radius + 1;
        string rows = g.Node("AveragePool", [value],
            ("kernel_shape", new long[] { 1, k }), ("pads", new long[] { 0, radius, 0, radius }), ("count_include_pad", 0L));
        return g.Node("AveragePool", [rows],
            ("kernel_shape", new long[] { k, 1 }), ("pads", new long[] { radius, 0, radius, 0 }), ("count_include_pad", 0L));
    }
}
