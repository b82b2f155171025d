using RetouchPlugins.Shaders.Onnx;
using RetouchPlugins.Shaders.Onnx.Proto;

namespace RetouchPlugins.Tests.Onnx;

/// <summary>Small models built in the tests, with the numbers they must produce computed by hand.</summary>
internal static class TestGraphs
{
    /// <summary>y = (x + 1.5) * 2 over x [batch, 3, 4] (batch dynamic).</summary>
    public static byte[] AddMul()
    {
        var g = new OnnxGraphBuilder("add_mul");
        var x = g.Input("x", [null, 3, 4]);
        var plus = g.Node("Add", [x, g.Constant([1.5f], [1])]);
        var times = g.Node("Mul", [plus, g.Constant([2f], [1])]);
        g.Identity(times, "y");
        g.Output("y", [null, 3, 4]);
        return g.ToBytes();
    }

    /// <summary>A 3x3 convolution, 1 -> 2 channels, zero padding 1, with bias.</summary>
    public static byte[] Conv(float[] weights, float[] bias)
    {
        var g = new OnnxGraphBuilder("conv");
        var x = g.Input("image", [1, 1, 5, 6]);
        var y = g.Node("Conv", [x, g.Constant(weights, [2, 1, 3, 3]), g.Constant(bias, [2])],
            ("kernel_shape", new long[] { 3, 3 }), ("pads", new long[] { 1, 1, 1, 1 }));
        g.Identity(y, "features");
        g.Output("features", [1, 2, 5, 6]);
        return g.ToBytes();
    }

    /// <summary>z = a + b on int64 vectors of any length.</summary>
    public static byte[] Int64Add()
    {
        var g = new OnnxGraphBuilder("int64_add");
        var a = g.Input("a", [null], TensorProto.Types.DataType.Int64);
        var b = g.Input("b", [null], TensorProto.Types.DataType.Int64);
        g.Identity(g.Node("Add", [a, b]), "sum");
        g.Output("sum", [null], TensorProto.Types.DataType.Int64);
        return g.ToBytes();
    }

    /// <summary>Reshapes x [n] to [3, -1]: fails inside ORT at run time when n is not a multiple of 3.</summary>
    public static byte[] ReshapeToThreeRows()
    {
        var g = new OnnxGraphBuilder("reshape3");
        var x = g.Input("x", [null]);
        g.Identity(g.Node("Reshape", [x, g.Int64Constant([3, -1])]), "rows");
        g.Output("rows", [3, null]);
        return g.ToBytes();
    }
}
