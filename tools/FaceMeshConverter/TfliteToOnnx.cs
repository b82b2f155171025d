using RetouchPlugins.FaceMeshConverter.Tflite;
using Google.Protobuf;
using RetouchPlugins.Shaders.Onnx;
using RetouchPlugins.Shaders.Onnx.Proto;

namespace RetouchPlugins.FaceMeshConverter;

/// <summary>
/// Translates a TFLite graph made of CONV_2D, DEPTHWISE_CONV_2D, PRELU, ADD, MAX_POOL_2D, PAD and
/// DEQUANTIZE into ONNX (opset 17). TFLite is NHWC; the ONNX graph works in NCHW with one Transpose
/// after each input and before each output, so inputs and outputs keep their TFLite names and NHWC
/// shapes. Weights become float32 initializers (fp16 widened), OHWI -> OIHW.
/// </summary>
internal sealed class TfliteToOnnx
{
    private const int PaddingSame = 0, PaddingValid = 1;

    private readonly TfliteModel _model;
    private readonly OnnxGraphBuilder _onnx;
    private readonly Dictionary<int, string> _nchw = new();      // activation tensor -> ONNX value (NCHW)
    private readonly Dictionary<int, TfliteTensor> _constants = new(); // DEQUANTIZE output -> its fp16 source

    private TfliteToOnnx(TfliteModel model, string graphName)
    {
        _model = model;
        _onnx = new OnnxGraphBuilder(graphName);
    }

    /// <summary>Operators converted, by TFLite op name (for the log).</summary>
    public SortedDictionary<string, int> OpCounts { get; } = new();

    /// <summary>Converts <paramref name="model"/>; <paramref name="provenance"/> goes into the model's metadata (source, hash, licence).</summary>
    public static (byte[] Onnx, SortedDictionary<string, int> OpCounts) Convert(TfliteModel model, string graphName, IReadOnlyDictionary<string, string> provenance)
    {
        var converter = new TfliteToOnnx(model, graphName);
        var onnx = converter.Run();
        onnx.DocString = string.Join("; ", provenance.Select(kv => $"{kv.Key}: {kv.Value}"));
        foreach (var (key, value) in provenance) onnx.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        return (onnx.ToByteArray(), converter.OpCounts);
    }

    private ModelProto Run()
    {
        foreach (int i in _model.Inputs)
        {
            var t = _model.Tensors[i];
            if (t.Type != TfliteTensorType.Float32 || t.Shape.Length != 4)
                throw new InvalidDataException($"input '{t.Name}' must be a float32 NHWC tensor, is {t.Type} [{string.Join(",", t.Shape)}]");
            _onnx.Input(t.Name, Dims(t.Shape));
            _nchw[i] = _onnx.Node("Transpose", [t.Name], ("perm", new long[] { 0, 3, 1, 2 }));
        }

        foreach (var op in _model.Operators)
        {
            var name = Enum.IsDefined(typeof(TfliteOp), op.Code) ? ((TfliteOp)op.Code).ToString() : $"builtin {op.Code}";
            OpCounts[name] = OpCounts.GetValueOrDefault(name) + 1;
            switch ((TfliteOp)op.Code)
            {
                case TfliteOp.Dequantize: Dequantize(op); break;
                case TfliteOp.Conv2D: Conv(op, depthwise: false); break;
                case TfliteOp.DepthwiseConv2D: Conv(op, depthwise: true); break;
                case TfliteOp.MaxPool2D: MaxPool(op); break;
                case TfliteOp.Prelu: Prelu(op); break;
                case TfliteOp.Add: Add(op); break;
                case TfliteOp.Pad: Pad(op); break;
                default:
                    throw new NotSupportedException($"TFLite operator {name} (output '{_model.Tensors[op.Outputs[0]].Name}') is not supported by this converter");
            }
        }

        foreach (int o in _model.Outputs)
        {
            var t = _model.Tensors[o];
            var nhwc = _onnx.Node("Transpose", [Activation(o)], ("perm", new long[] { 0, 2, 3, 1 }));
            _onnx.Identity(nhwc, t.Name);
            _onnx.Output(t.Name, Dims(t.Shape));
        }
        return _onnx.Build("RetouchPlugins FaceMeshConverter");
    }

    private void Dequantize(TfliteOperator op)
    {
        var source = _model.Tensors[op.Inputs[0]];
        if (!source.IsConstant)
            throw new NotSupportedException($"DEQUANTIZE of the non-constant tensor '{source.Name}' is not supported");
        _constants[op.Outputs[0]] = source;
    }

    private void Conv(TfliteOperator op, bool depthwise)
    {
        var missing = new InvalidDataException($"convolution '{OutputName(op)}' has no options");
        var (padding, strideW, strideH, activation, dilationW, dilationH) = depthwise
            ? op.Options<DepthwiseConv2DOptions>() is { } d
                ? (d.Padding, d.StrideW, d.StrideH, d.FusedActivationFunction, d.DilationWFactor, d.DilationHFactor) : throw missing
            : op.Options<Conv2DOptions>() is { } c
                ? (c.Padding, c.StrideW, c.StrideH, c.FusedActivationFunction, c.DilationWFactor, c.DilationHFactor) : throw missing;

        var input = _model.Tensors[op.Inputs[0]];
        var weight = Constant(op.Inputs[1]);
        int[] ws = weight.Shape; // conv: [O, KH, KW, I]; depthwise: [1, KH, KW, C * multiplier]
        int kh = ws[1], kw = ws[2];
        float[] w = weight.FloatValues();
        float[] oihw;
        long[] oihwDims;
        int groups;
        if (depthwise)
        {
            int outChannels = ws[3];
            groups = input.Shape[3];
            oihw = new float[w.Length];
            for (int o = 0; o < outChannels; o++)
                for (int y = 0; y < kh; y++)
                    for (int x = 0; x < kw; x++)
                        oihw[(o * kh + y) * kw + x] = w[(y * kw + x) * outChannels + o];
            oihwDims = [outChannels, 1, kh, kw];
        }
        else
        {
            int outChannels = ws[0], inChannels = ws[3];
            groups = 1;
            oihw = new float[w.Length];
            for (int o = 0; o < outChannels; o++)
                for (int y = 0; y < kh; y++)
                    for (int x = 0; x < kw; x++)
                        for (int i = 0; i < inChannels; i++)
                            oihw[((o * inChannels + i) * kh + y) * kw + x] = w[((o * kh + y) * kw + x) * inChannels + i];
            oihwDims = [outChannels, inChannels, kh, kw];
        }

        var inputs = new List<string> { Activation(op.Inputs[0]), _onnx.Constant(oihw, oihwDims, weight.Name + "_oihw") };
        if (op.Inputs.Length > 2 && op.Inputs[2] >= 0)
        {
            var bias = Constant(op.Inputs[2]);
            inputs.Add(_onnx.Constant(bias.FloatValues(), [bias.Shape[0]], bias.Name));
        }
        var pads = Pads(padding, input.Shape, kh, kw, strideH, strideW, dilationH, dilationW, OutputName(op));
        var y0 = _onnx.Node("Conv", inputs.ToArray(),
            ("kernel_shape", new long[] { kh, kw }), ("strides", new long[] { strideH, strideW }),
            ("dilations", new long[] { dilationH, dilationW }), ("pads", pads), ("group", (long)groups));
        _nchw[op.Outputs[0]] = FusedActivation(y0, activation, op);
    }

    private void MaxPool(TfliteOperator op)
    {
        var options = op.Options<Pool2DOptions>() ?? throw new InvalidDataException($"pool '{OutputName(op)}' has no options");
        int padding = options.Padding, strideW = options.StrideW, strideH = options.StrideH;
        int kw = options.FilterWidth, kh = options.FilterHeight, activation = options.FusedActivationFunction;
        var pads = Pads(padding, _model.Tensors[op.Inputs[0]].Shape, kh, kw, strideH, strideW, 1, 1, OutputName(op));
        var y = _onnx.Node("MaxPool", [Activation(op.Inputs[0])],
            ("kernel_shape", new long[] { kh, kw }), ("strides", new long[] { strideH, strideW }), ("pads", pads));
        _nchw[op.Outputs[0]] = FusedActivation(y, activation, op);
    }

    private void Prelu(TfliteOperator op)
    {
        var alpha = Constant(op.Inputs[1]);
        // TFLite slopes broadcast against NHWC ([1, 1, C] or [C]); only per-channel slopes map to [C, 1, 1].
        int channels = alpha.Shape.Length == 0 ? 1 : alpha.Shape[^1];
        if (alpha.Shape.Take(Math.Max(0, alpha.Shape.Length - 1)).Any(d => d != 1))
            throw new NotSupportedException($"PRELU '{OutputName(op)}': slopes of shape [{string.Join(",", alpha.Shape)}] are not per-channel");
        var slopes = _onnx.Constant(alpha.FloatValues(), [channels, 1, 1], alpha.Name + "_c11");
        _nchw[op.Outputs[0]] = _onnx.Node("PRelu", [Activation(op.Inputs[0]), slopes]);
    }

    private void Add(TfliteOperator op)
    {
        var y = _onnx.Node("Add", [Activation(op.Inputs[0]), Activation(op.Inputs[1])]);
        _nchw[op.Outputs[0]] = FusedActivation(y, op.Options<AddOptions>()?.FusedActivationFunction ?? 0, op);
    }

    private void Pad(TfliteOperator op)
    {
        var paddings = _model.Tensors[op.Inputs[1]];
        if (!paddings.IsConstant) throw new NotSupportedException($"PAD '{OutputName(op)}' needs constant paddings");
        int[] p = paddings.Int32Values(); // [[N0,N1],[H0,H1],[W0,W1],[C0,C1]]
        if (p.Length != 8) throw new NotSupportedException($"PAD '{OutputName(op)}': expected 4-D paddings");
        long[] nchw = [p[0], p[6], p[2], p[4], p[1], p[7], p[3], p[5]];
        _nchw[op.Outputs[0]] = _onnx.Node("Pad", [Activation(op.Inputs[0]), _onnx.Int64Constant(nchw)], ("mode", "constant"));
    }

    /// <summary>TensorFlow SAME padding: the extra pixel of an odd total goes to the bottom/right.</summary>
    private static long[] Pads(int padding, int[] nhwc, int kh, int kw, int sh, int sw, int dh, int dw, string where)
    {
        if (padding == PaddingValid) return [0, 0, 0, 0];
        if (padding != PaddingSame) throw new InvalidDataException($"'{where}': unknown padding {padding}");
        (int top, int bottom) = SamePad(nhwc[1], kh, sh, dh);
        (int left, int right) = SamePad(nhwc[2], kw, sw, dw);
        return [top, left, bottom, right];
    }

    private static (int Begin, int End) SamePad(int size, int kernel, int stride, int dilation)
    {
        int output = (size + stride - 1) / stride;
        int total = Math.Max((output - 1) * stride + (kernel - 1) * dilation + 1 - size, 0);
        return (total / 2, total - total / 2);
    }

    /// <summary>ActivationFunctionType: NONE, RELU, RELU_N1_TO_1, RELU6, TANH.</summary>
    private string FusedActivation(string value, int activation, TfliteOperator op) => activation switch
    {
        0 => value,
        1 => _onnx.Node("Relu", [value]),
        2 => _onnx.Node("Clip", [value, Scalar(-1), Scalar(1)]),
        3 => _onnx.Node("Clip", [value, Scalar(0), Scalar(6)]),
        4 => _onnx.Node("Tanh", [value]),
        _ => throw new NotSupportedException($"'{OutputName(op)}': fused activation {activation} is not supported"),
    };

    private string Scalar(float v) => _onnx.Constant([v], []);

    private string Activation(int tensor) =>
        _nchw.TryGetValue(tensor, out var v) ? v
        : throw new InvalidDataException($"tensor '{_model.Tensors[tensor].Name}' is used before it is computed (or is a constant where an activation is expected)");

    private TfliteTensor Constant(int tensor)
    {
        if (_constants.TryGetValue(tensor, out var source)) return source;
        var t = _model.Tensors[tensor];
        return t.IsConstant ? t : throw new NotSupportedException($"tensor '{t.Name}' must be a constant");
    }

    private string OutputName(TfliteOperator op) => _model.Tensors[op.Outputs[0]].Name;

    private static long?[] Dims(int[] shape) => Array.ConvertAll(shape, d => (long?)d);
}
