using Google.Protobuf;
using RetouchPlugins.Shaders.Onnx.Proto;
using DataType = RetouchPlugins.Shaders.Onnx.Proto.TensorProto.Types.DataType;

namespace RetouchPlugins.Shaders.Onnx;

/// <summary>
/// Static int8 quantization of a convolutional network in ONNX's QDQ form: QuantizeLinear/DequantizeLinear pairs
/// around the convolutions, which ONNX Runtime's CPU provider fuses into int8 kernels (QLinearConv, QLinearConcat,
/// QLinearAdd, uint8 pooling and resizing). Activations are uint8 with one scale per tensor from calibrated ranges;
/// weights int8, symmetric, one scale per output channel; biases int32 at the input's scale times the weight's.
/// Convolutions named in <see cref="ActivationRanges.FloatConvolutions"/> stay float and read the float tensors, so
/// ONNX Runtime does not quantize their weights itself (its WeightBiasQuantization does that, per tensor, for any
/// convolution fed by a DequantizeLinear).
/// </summary>
public static class QdqQuantizer
{
    /// <summary>The opset the per-channel DequantizeLinear needs (its axis attribute).</summary>
    private const int Opset = 13;

    /// <summary>Operators whose meaning did not change between opsets 11 and 13 (Unsqueeze and Squeeze are rewritten).</summary>
    private static readonly HashSet<string> KnownOperators =
        ["Conv", "Relu", "MaxPool", "Concat", "Shape", "Constant", "Gather", "Slice", "Cast", "Resize", "Add", "Sigmoid", "Mul",
         "Div", "Sub", "Unsqueeze", "Squeeze"];

    /// <summary>
    /// The float activations of <paramref name="model"/> in graph order: the float graph inputs and the outputs of the
    /// operators that carry them (convolution, activation, pooling, resizing, concatenation, addition). Shape
    /// arithmetic (Shape, Gather, Cast...) is not an activation.
    /// </summary>
    public static IReadOnlyList<string> Activations(ModelProto model)
    {
        var graph = model.Graph;
        var initializers = graph.Initializer.Select(t => t.Name).ToHashSet();
        var result = new List<string>();
        var seen = new HashSet<string>();
        void Add(string name)
        {
            if (seen.Add(name)) result.Add(name);
        }
        foreach (var input in graph.Input)
            if (!initializers.Contains(input.Name) && input.Type?.TensorType?.ElemType == (int)DataType.Float) Add(input.Name);
        foreach (var node in graph.Node)
        {
            bool carries = node.OpType switch
            {
                "Conv" or "Relu" or "MaxPool" or "Sigmoid" or "Resize" => seen.Contains(node.Input[0]),
                "Add" or "Concat" => node.Input.All(seen.Contains),
                _ => false,
            };
            if (carries) Add(node.Output[0]);
        }
        return result;
    }

    /// <summary>A copy of <paramref name="model"/> that also outputs every activation (for calibration).</summary>
    public static ModelProto WithActivationOutputs(ModelProto model)
    {
        var copy = model.Clone();
        var outputs = copy.Graph.Output.Select(o => o.Name).ToHashSet();
        foreach (var name in Activations(model).Where(outputs.Add))
            copy.Graph.Output.Add(new ValueInfoProto
            {
                Name = name,
                Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)DataType.Float } },
            });
        return copy;
    }

    /// <summary>The QDQ model; <paramref name="provenance"/> is written into its metadata.</summary>
    public static ModelProto Quantize(ModelProto source, ActivationRanges ranges, IReadOnlyDictionary<string, string>? provenance = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(ranges);
        var model = source.Clone();
        var graph = model.Graph;
        UpgradeOpset(model);

        var initializers = graph.Initializer.ToDictionary(t => t.Name);
        var activations = Activations(model).ToHashSet();
        var producer = new Dictionary<string, NodeProto>();
        foreach (var node in graph.Node)
            foreach (var output in node.Output) producer[output] = node;
        bool IsQuantizedConv(NodeProto n) => n.OpType == "Conv" && activations.Contains(n.Input[0])
            && !ranges.FloatConvolutions.Contains(n.Name)
            && initializers.TryGetValue(n.Input[1], out var w) && w.Dims.Count > 1;
        // By reference: a NodeProto hashes by value, and its inputs are renamed below.
        var quantizedConvs = graph.Node.Where(IsQuantizedConv).ToHashSet<NodeProto>(ReferenceEqualityComparer.Instance);

        // The tensors carried as uint8: the quantized convolutions' inputs and, back through pooling, resizing,
        // concatenation and addition, the tensors those are made of, so that these run on uint8 too. A Relu's
        // output is quantized after the Relu, whose clamp the quantization's zero point then does.
        var carried = new HashSet<string>();
        var pending = new Stack<string>(quantizedConvs.Select(c => c.Input[0]));
        while (pending.TryPop(out var tensor))
        {
            if (!carried.Add(tensor) || !producer.TryGetValue(tensor, out var p)) continue;
            if (p.OpType is "MaxPool" or "Resize") pending.Push(p.Input[0]);
            else if (p.OpType is "Concat" or "Add") foreach (var i in p.Input) pending.Push(i);
        }

        // Pooling and resizing keep their input's scale: ONNX Runtime then runs them on uint8 without requantizing.
        string ScaleSource(string tensor)
        {
            while (producer.TryGetValue(tensor, out var p) && p.OpType is "MaxPool" or "Resize" && carried.Contains(p.Input[0])) tensor = p.Input[0];
            return tensor;
        }
        var parameters = carried.ToDictionary(t => t, t => QuantizationOf(ranges.RangeOf(ScaleSource(t))));

        var nodes = new List<NodeProto>();
        var dequantized = new Dictionary<string, string>();
        void QuantizeTensor(string tensor)
        {
            if (!parameters.TryGetValue(tensor, out var q)) return;
            string scale = AddScalar(graph, tensor + "_scale", q.Scale), zero = tensor + "_zero_point";
            graph.Initializer.Add(new TensorProto { Name = zero, DataType = (int)DataType.Uint8, RawData = ByteString.CopyFrom(q.ZeroPoint) });
            nodes.Add(Node("QuantizeLinear", tensor + "_QuantizeLinear", [tensor, scale, zero], tensor + "_quantized"));
            nodes.Add(Node("DequantizeLinear", tensor + "_DequantizeLinear", [tensor + "_quantized", scale, zero], tensor + "_dequantized"));
            dequantized[tensor] = tensor + "_dequantized";
        }

        foreach (var input in graph.Input) QuantizeTensor(input.Name);
        foreach (var node in graph.Node)
        {
            // A float convolution reads the float tensor (see the class summary); everything else the dequantized one.
            bool floatConv = node.OpType == "Conv" && !quantizedConvs.Contains(node);
            string firstInput = node.Input.Count > 0 ? node.Input[0] : "";
            if (!floatConv)
                for (int i = 0; i < node.Input.Count; i++)
                    if (dequantized.TryGetValue(node.Input[i], out var dq)) node.Input[i] = dq;
            if (quantizedConvs.Contains(node)) QuantizeWeights(graph, node, initializers, parameters[firstInput].Scale, nodes);
            nodes.Add(node);
            foreach (var output in node.Output) QuantizeTensor(output);
        }
        graph.Node.Clear();
        graph.Node.AddRange(nodes);

        // The float weights the int8 ones replaced.
        var used = graph.Node.SelectMany(n => n.Input).ToHashSet();
        var kept = graph.Initializer.Where(t => used.Contains(t.Name)).ToList();
        graph.Initializer.Clear();
        graph.Initializer.AddRange(kept);
        foreach (var (key, value) in provenance ?? new Dictionary<string, string>())
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return model;
    }

    /// <summary>uint8 parameters covering [min, max] and 0 (so a Relu's 0 is exact).</summary>
    private static (float Scale, byte ZeroPoint) QuantizationOf((float Min, float Max) range)
    {
        float lo = Math.Min(range.Min, 0), hi = Math.Max(range.Max, 0);
        float scale = hi > lo ? (hi - lo) / 255f : 1f;
        return (scale, (byte)Math.Clamp(MathF.Round(-lo / scale), 0, 255));
    }

    /// <summary>Replaces the convolution's weights by int8 per output channel and its bias by int32, each behind a DequantizeLinear.</summary>
    private static void QuantizeWeights(GraphProto graph, NodeProto conv, Dictionary<string, TensorProto> initializers, float inputScale, List<NodeProto> nodes)
    {
        var weight = initializers[conv.Input[1]];
        float[] values = Floats(weight);
        int channels = (int)weight.Dims[0], perChannel = values.Length / channels;
        var quantized = new byte[values.Length];
        var scales = new float[channels];
        for (int c = 0; c < channels; c++)
        {
            var row = values.AsSpan(c * perChannel, perChannel);
            float largest = 0;
            foreach (float v in row) largest = Math.Max(largest, Math.Abs(v));
            scales[c] = largest > 0 ? largest / 127f : 1f;
            for (int j = 0; j < perChannel; j++)
                quantized[c * perChannel + j] = unchecked((byte)(sbyte)Math.Clamp(MathF.Round(row[j] / scales[c]), -127, 127));
        }
        string name = conv.Name + "_weight";
        var q = new TensorProto { Name = name + "_int8", DataType = (int)DataType.Int8, RawData = ByteString.CopyFrom(quantized) };
        q.Dims.AddRange(weight.Dims);
        graph.Initializer.Add(q);
        graph.Initializer.Add(Vector(name + "_scale", scales));
        var zero = new TensorProto { Name = name + "_zero_point", DataType = (int)DataType.Int8, RawData = ByteString.CopyFrom(new byte[channels]) };
        zero.Dims.Add(channels);
        graph.Initializer.Add(zero);
        nodes.Add(PerChannel(Node("DequantizeLinear", name + "_DequantizeLinear", [q.Name, name + "_scale", zero.Name], name + "_dequantized")));
        conv.Input[1] = name + "_dequantized";

        if (conv.Input.Count < 3 || conv.Input[2].Length == 0) return;
        float[] bias = Floats(initializers[conv.Input[2]]);
        string biasName = conv.Name + "_bias";
        var biasScales = scales.Select(s => s * inputScale).ToArray();
        var b = new TensorProto { Name = biasName + "_int32", DataType = (int)DataType.Int32 };
        b.Dims.Add(channels);
        b.Int32Data.AddRange(bias.Select((v, c) => (int)Math.Clamp(Math.Round(v / (double)biasScales[c]), int.MinValue, int.MaxValue)));
        var bz = new TensorProto { Name = biasName + "_zero_point", DataType = (int)DataType.Int32 };
        bz.Dims.Add(channels);
        bz.Int32Data.AddRange(new int[channels]);
        graph.Initializer.Add(b);
        graph.Initializer.Add(Vector(biasName + "_scale", biasScales));
        graph.Initializer.Add(bz);
        nodes.Add(PerChannel(Node("DequantizeLinear", biasName + "_DequantizeLinear", [b.Name, biasName + "_scale", bz.Name], biasName + "_dequantized")));
        conv.Input[2] = biasName + "_dequantized";
    }

    /// <summary>Opset 13 for the per-channel DequantizeLinear; Unsqueeze and Squeeze take their axes as an input from 13 on.</summary>
    private static void UpgradeOpset(ModelProto model)
    {
        var onnx = model.OpsetImport.FirstOrDefault(o => o.Domain is "" or "ai.onnx")
            ?? throw new InvalidDataException("the model imports no ONNX opset");
        if (onnx.Version >= Opset) return;
        var unknown = model.Graph.Node.Where(n => n.Domain is "" or "ai.onnx").Select(n => n.OpType).FirstOrDefault(op => !KnownOperators.Contains(op));
        if (unknown is not null) throw new NotSupportedException($"moving the model from opset {onnx.Version} to {Opset}: operator {unknown} is not handled");
        foreach (var node in model.Graph.Node.Where(n => n.OpType is "Unsqueeze" or "Squeeze"))
        {
            var axes = node.Attribute.FirstOrDefault(a => a.Name == "axes");
            if (axes is null) continue;
            var tensor = new TensorProto { Name = node.Name + "_axes", DataType = (int)DataType.Int64 };
            tensor.Dims.Add(axes.Ints.Count);
            tensor.Int64Data.AddRange(axes.Ints);
            model.Graph.Initializer.Add(tensor);
            node.Attribute.Remove(axes);
            node.Input.Add(tensor.Name);
        }
        onnx.Version = Opset;
    }

    private static float[] Floats(TensorProto t)
    {
        if (t.DataType != (int)DataType.Float) throw new InvalidDataException($"initializer '{t.Name}' is not float");
        if (t.FloatData.Count > 0) return t.FloatData.ToArray();
        if (t.RawData.Length != 4 * t.Dims.Aggregate(1L, (a, d) => a * d)) throw new InvalidDataException($"initializer '{t.Name}' has no data in the model");
        return System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(t.RawData.Span).ToArray();
    }

    private static string AddScalar(GraphProto graph, string name, float value)
    {
        var t = new TensorProto { Name = name, DataType = (int)DataType.Float };
        t.FloatData.Add(value);
        graph.Initializer.Add(t);
        return name;
    }

    private static TensorProto Vector(string name, float[] values)
    {
        var t = new TensorProto { Name = name, DataType = (int)DataType.Float };
        t.Dims.Add(values.Length);
        t.FloatData.AddRange(values);
        return t;
    }

    private static NodeProto Node(string op, string name, string[] inputs, string output)
    {
        var node = new NodeProto { OpType = op, Name = name };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        return node;
    }

    private static NodeProto PerChannel(NodeProto node)
    {
        node.Attribute.Add(new AttributeProto { Name = "axis", Type = AttributeProto.Types.AttributeType.Int, I = 0 });
        return node;
    }
}
