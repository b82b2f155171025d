using Google.Protobuf;
using RetouchPlugins.Shaders.Onnx.Proto;

namespace RetouchPlugins.Shaders.Onnx;

/// <summary>
/// Builds ONNX models from C#: the GPU form of our pixel kernels, the converted face mesh and
/// the small graphs tests use. Opset 17 by default, float tensors unless stated.
/// </summary>
public sealed class OnnxGraphBuilder
{
    private readonly GraphProto _graph;
    private int _nextId;

    public OnnxGraphBuilder(string name, int opset = 17)
    {
        _graph = new GraphProto { Name = name };
        Opset = opset;
    }

    public int Opset { get; }

    /// <summary>
    /// Declares a graph input; a null or negative dimension is dynamic, named <paramref name="dimensions"/> + its index.
    /// ONNX Runtime takes dynamic dimensions of the same name to be the same size, so inputs of different sizes need
    /// different prefixes.
    /// </summary>
    public string Input(string name, long?[] shape, TensorProto.Types.DataType type = TensorProto.Types.DataType.Float, string dimensions = "d")
    {
        _graph.Input.Add(ValueInfo(name, shape, type, dimensions));
        return name;
    }

    public void Output(string name, long?[] shape, TensorProto.Types.DataType type = TensorProto.Types.DataType.Float, string dimensions = "d")
        => _graph.Output.Add(ValueInfo(name, shape, type, dimensions));

    /// <summary>Adds a float constant (initializer) and returns its name.</summary>
    public string Constant(ReadOnlySpan<float> values, long[] dims, string? name = null)
    {
        var t = new TensorProto { Name = name ?? Fresh("const"), DataType = (int)TensorProto.Types.DataType.Float };
        t.Dims.AddRange(dims);
        t.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(t);
        return t.Name;
    }

    /// <summary>Adds an int64 constant (shapes, axes, pads) and returns its name.</summary>
    public string Int64Constant(ReadOnlySpan<long> values, long[]? dims = null, string? name = null)
    {
        var t = new TensorProto { Name = name ?? Fresh("i64"), DataType = (int)TensorProto.Types.DataType.Int64 };
        t.Dims.AddRange(dims ?? [values.Length]);
        t.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(t);
        return t.Name;
    }

    /// <summary>Adds a node with one output and returns the output's name.</summary>
    public string Node(string opType, string[] inputs, params (string Name, object Value)[] attributes)
        => Node(opType, inputs, 1, attributes)[0];

    public string[] Node(string opType, string[] inputs, int outputCount, params (string Name, object Value)[] attributes)
    {
        var node = new NodeProto { OpType = opType, Name = Fresh(opType) };
        node.Input.AddRange(inputs);
        var outputs = new string[outputCount];
        for (int i = 0; i < outputCount; i++) outputs[i] = Fresh(opType + "_out");
        node.Output.AddRange(outputs);
        foreach (var (n, v) in attributes) node.Attribute.Add(Attribute(n, v));
        _graph.Node.Add(node);
        return outputs;
    }

    /// <summary>Renames the value produced last under <paramref name="value"/> so it can be a graph output.</summary>
    public string Identity(string value, string outputName)
    {
        var node = new NodeProto { OpType = "Identity", Name = Fresh("Identity") };
        node.Input.Add(value);
        node.Output.Add(outputName);
        _graph.Node.Add(node);
        return outputName;
    }

    public ModelProto Build(string producer = "RetouchPlugins")
    {
        var m = new ModelProto { IrVersion = 8, ProducerName = producer, Graph = _graph };
        m.OpsetImport.Add(new OperatorSetIdProto { Domain = "", Version = Opset });
        return m;
    }

    public byte[] ToBytes(string producer = "RetouchPlugins") => Build(producer).ToByteArray();

    private string Fresh(string stem) => $"{stem}_{_nextId++}";

    private static ValueInfoProto ValueInfo(string name, long?[] shape, TensorProto.Types.DataType type, string dimensions)
    {
        var shapeProto = new TensorShapeProto();
        foreach (var d in shape)
            shapeProto.Dim.Add(d is { } v and >= 0 ? new TensorShapeProto.Types.Dimension { DimValue = v } : new TensorShapeProto.Types.Dimension { DimParam = dimensions + shapeProto.Dim.Count });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)type, Shape = shapeProto } },
        };
    }

    private static AttributeProto Attribute(string name, object value) => value switch
    {
        int i => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = i },
        long l => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Int, I = l },
        float f => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = f },
        double d => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Float, F = (float)d },
        string s => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.String, S = ByteString.CopyFromUtf8(s) },
        long[] ls => WithInts(name, ls),
        int[] ins => WithInts(name, Array.ConvertAll(ins, x => (long)x)),
        float[] fs => WithFloats(name, fs),
        TensorProto t => new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Tensor, T = t },
        _ => throw new ArgumentException($"attribute {name}: unsupported value type {value.GetType().Name}"),
    };

    private static AttributeProto WithInts(string name, long[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Ints };
        a.Ints.AddRange(values);
        return a;
    }

    private static AttributeProto WithFloats(string name, float[] values)
    {
        var a = new AttributeProto { Name = name, Type = AttributeProto.Types.AttributeType.Floats };
        a.Floats.AddRange(values);
        return a;
    }
}
