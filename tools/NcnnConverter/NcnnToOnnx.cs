using Google.Protobuf;
using RetouchPlugins.Shaders.Onnx;
using RetouchPlugins.Shaders.Onnx.Proto;

namespace RetouchPlugins.NcnnConverter;

/// <summary>
/// Translates a decoded ncnn graph into ONNX (opset 17). ncnn blobs are CHW without a batch axis; the ONNX
/// graph is NCHW with batch 1 and a dynamic height and width, so one model serves any tile size. The input is
/// named "input" [1, C, H, W]; every blob no layer reads is an output, the last one named "output".
/// Weights become float32 initializers (fp16 widened). Layers: Input, Split, Convolution (+ fused ReLU or
/// LeakyReLU), PReLU, PixelShuffle (DepthToSpace), Interp (nearest, integer scales), BinaryOp, Eltwise, Concat.
/// </summary>
public sealed class NcnnToOnnx
{
    private readonly NcnnModel _model;
    private readonly OnnxGraphBuilder _onnx;
    private readonly Dictionary<string, string> _values = new(); // ncnn blob -> ONNX value

    private NcnnToOnnx(NcnnModel model, string graphName)
    {
        _model = model;
        _onnx = new OnnxGraphBuilder(graphName);
    }

    /// <summary>Layers converted, by ncnn type (for the log).</summary>
    public SortedDictionary<string, int> LayerCounts { get; } = new();

    public static (byte[] Onnx, SortedDictionary<string, int> LayerCounts) Convert(NcnnModel model, string graphName, IReadOnlyDictionary<string, string> provenance)
    {
        var converter = new NcnnToOnnx(model, graphName);
        var onnx = converter.Run();
        onnx.DocString = string.Join("; ", provenance.Select(kv => $"{kv.Key}: {kv.Value}"));
        foreach (var (key, value) in provenance) onnx.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return (onnx.ToByteArray(), converter.LayerCounts);
    }

    private ModelProto Run()
    {
        foreach (var layer in _model.Layers)
        {
            LayerCounts[layer.Type] = LayerCounts.GetValueOrDefault(layer.Type) + 1;
            switch (layer.Type)
            {
                case "Input": Input(layer); break;
                case "Split": foreach (var o in layer.Outputs) _values[o] = Value(layer, 0); break;
                case "Convolution": Convolution(layer); break;
                case "PReLU": Prelu(layer); break;
                case "PixelShuffle": PixelShuffle(layer); break;
                case "Interp": Interp(layer); break;
                case "BinaryOp": BinaryOp(layer); break;
                case "Eltwise": Eltwise(layer); break;
                case "Concat": Set(layer, _onnx.Node("Concat", layer.Inputs.Select((_, i) => Value(layer, i)).ToArray(), ("axis", 1L + layer.Int(0, 0)))); break;
                default: throw new NotSupportedException($"ncnn layer type {layer.Type} ({layer.Name}) is not supported");
            }
        }

        var read = _model.Layers.SelectMany(l => l.Inputs).ToHashSet();
        var outputs = _model.Layers.SelectMany(l => l.Outputs).Where(b => !read.Contains(b)).ToArray();
        if (outputs.Length == 0) throw new InvalidDataException("the ncnn graph has no output blob");
        for (int i = 0; i < outputs.Length; i++)
        {
            string name = i == outputs.Length - 1 ? "output" : outputs[i];
            _onnx.Identity(_values[outputs[i]], name);
            _onnx.Output(name, [1, null, null, null]);
        }
        return _onnx.Build("RetouchPlugins NcnnConverter");
    }

    private void Input(NcnnLayer layer)
    {
        int channels = layer.Int(2, 3);
        _onnx.Input("input", [1, channels, null, null]);
        _values[layer.Outputs[0]] = "input";
    }

    private void Convolution(NcnnLayer layer)
    {
        int outputs = layer.Int(0, 0), kw = layer.Int(1, 0), kh = layer.Int(11, kw);
        int dw = layer.Int(2, 1), dh = layer.Int(12, dw), sw = layer.Int(3, 1), sh = layer.Int(13, sw);
        int left = layer.Int(4, 0), right = layer.Int(15, left), top = layer.Int(14, left), bottom = layer.Int(16, top);
        if (left < 0 || top < 0) throw new NotSupportedException($"{layer}: automatic (SAME) padding {left} is not supported");
        if (layer.Float(18, 0) != 0) throw new NotSupportedException($"{layer}: a padding value other than 0 is not supported");
        if (layer.Int(8, 0) != 0) throw new NotSupportedException($"{layer}: int8 convolutions are not supported");
        var w = layer.Weights ?? throw new InvalidDataException($"{layer}: no weights");
        if (outputs <= 0 || kw <= 0 || w.Length % (outputs * kh * kw) != 0)
            throw new InvalidDataException($"{layer}: {w.Length} weights do not fit {outputs} outputs of {kh}x{kw}");
        int inputs = w.Length / (outputs * kh * kw);

        var args = new List<string> { Value(layer, 0), _onnx.Constant(w, [outputs, inputs, kh, kw], layer.Name + "_weight") };
        if (layer.Bias is { } bias) args.Add(_onnx.Constant(bias, [outputs], layer.Name + "_bias"));
        var y = _onnx.Node("Conv", args.ToArray(),
            ("kernel_shape", new long[] { kh, kw }), ("strides", new long[] { sh, sw }),
            ("dilations", new long[] { dh, dw }), ("pads", new long[] { top, left, bottom, right }));
        var p = layer.Array(10);
        y = layer.Int(9, 0) switch
        {
            0 => y,
            1 => _onnx.Node("Relu", [y]),
            2 => _onnx.Node("LeakyRelu", [y], ("alpha", p.Length > 0 ? p[0] : 0f)),
            var a => throw new NotSupportedException($"{layer}: fused activation {a} is not supported"),
        };
        Set(layer, y);
    }

    private void Prelu(NcnnLayer layer)
    {
        var slopes = layer.Weights ?? throw new InvalidDataException($"{layer}: no slopes");
        long[] dims = slopes.Length == 1 ? [1] : [slopes.Length, 1, 1];
        Set(layer, _onnx.Node("PRelu", [Value(layer, 0), _onnx.Constant(slopes, dims, layer.Name + "_slope")]));
    }

    /// <summary>ncnn mode 0 is PyTorch's pixel_shuffle: out[c, h·r+i, w·r+j] = in[c·r² + i·r + j, h, w], ONNX's CRD.</summary>
    private void PixelShuffle(NcnnLayer layer)
    {
        int factor = layer.Int(0, 1), mode = layer.Int(1, 0);
        Set(layer, _onnx.Node("DepthToSpace", [Value(layer, 0)], ("blocksize", (long)factor), ("mode", mode == 0 ? "CRD" : "DCR")));
    }

    /// <summary>Nearest neighbour by an integer factor: ncnn reads source floor(x / factor), ONNX asymmetric + floor.</summary>
    private void Interp(NcnnLayer layer)
    {
        int type = layer.Int(0, 0);
        float hs = layer.Float(1, 1), ws = layer.Float(2, 1);
        if (type != 1) throw new NotSupportedException($"{layer}: resize type {type} is not supported (nearest only)");
        if (layer.Int(3, 0) != 0 || layer.Int(4, 0) != 0) throw new NotSupportedException($"{layer}: a fixed output size is not supported");
        if (hs != MathF.Round(hs) || ws != MathF.Round(ws)) throw new NotSupportedException($"{layer}: non-integer scales {hs}x{ws}");
        var scales = _onnx.Constant([1f, 1f, hs, ws], [4], layer.Name + "_scales");
        Set(layer, _onnx.Node("Resize", [Value(layer, 0), "", scales],
            ("mode", "nearest"), ("coordinate_transformation_mode", "asymmetric"), ("nearest_mode", "floor")));
    }

    private void BinaryOp(NcnnLayer layer)
    {
        string op = layer.Int(0, 0) switch
        {
            0 => "Add", 1 => "Sub", 2 => "Mul", 3 => "Div",
            var t => throw new NotSupportedException($"{layer}: binary operation {t} is not supported"),
        };
        string b = layer.Int(1, 0) != 0 ? _onnx.Constant([layer.Float(2, 0)], []) : Value(layer, 1);
        Set(layer, _onnx.Node(op, [Value(layer, 0), b]));
    }

    /// <summary>Sum with optional coefficients (Σ cᵢ·xᵢ), product or maximum of the inputs.</summary>
    private void Eltwise(NcnnLayer layer)
    {
        int op = layer.Int(0, 1);
        var coeffs = layer.Array(1);
        var terms = new List<string>();
        for (int i = 0; i < layer.Inputs.Length; i++)
        {
            string x = Value(layer, i);
            if (op == 1 && coeffs.Length > 0 && coeffs[i] != 1f) x = _onnx.Node("Mul", [x, _onnx.Constant([coeffs[i]], [])]);
            terms.Add(x);
        }
        string combine = op switch
        {
            0 => "Mul", 1 => "Add", 2 => "Max",
            _ => throw new NotSupportedException($"{layer}: eltwise operation {op} is not supported"),
        };
        if (op != 1 && coeffs.Length > 0) throw new NotSupportedException($"{layer}: coefficients only apply to a sum");
        string y = terms[0];
        for (int i = 1; i < terms.Count; i++) y = _onnx.Node(combine, [y, terms[i]]);
        Set(layer, y);
    }

    private void Set(NcnnLayer layer, string value)
    {
        if (layer.Outputs.Length != 1) throw new InvalidDataException($"{layer}: expected one output, has {layer.Outputs.Length}");
        _values[layer.Outputs[0]] = value;
    }

    private string Value(NcnnLayer layer, int input) =>
        _values.TryGetValue(layer.Inputs[input], out var v) ? v
        : throw new InvalidDataException($"{layer}: blob '{layer.Inputs[input]}' is read before any layer writes it");
}
