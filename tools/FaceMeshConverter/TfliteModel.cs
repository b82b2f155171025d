using System.Runtime.InteropServices;

namespace RetouchPlugins.FaceMeshConverter;

/// <summary>TFLite TensorType values used here (schema.fbs enum TensorType).</summary>
internal enum TfliteTensorType : sbyte { Float32 = 0, Float16 = 1, Int32 = 2, UInt8 = 3, Int64 = 4 }

/// <summary>TFLite BuiltinOperator values of the ops the face mesh uses (schema.fbs).</summary>
internal enum TfliteOp
{
    Add = 0, Conv2D = 3, DepthwiseConv2D = 4, Dequantize = 6, MaxPool2D = 17, Pad = 34, Prelu = 54,
}

/// <summary>One tensor: its NHWC shape, element type, name and constant bytes (empty for activations).</summary>
internal sealed record TfliteTensor(string Name, int[] Shape, TfliteTensorType Type, ReadOnlyMemory<byte> Data)
{
    public bool IsConstant => !Data.IsEmpty;

    /// <summary>The constant's values as float32 (fp16 constants widened).</summary>
    public float[] FloatValues()
    {
        var span = Data.Span;
        return Type switch
        {
            TfliteTensorType.Float32 => MemoryMarshal.Cast<byte, float>(span).ToArray(),
            TfliteTensorType.Float16 => Array.ConvertAll(MemoryMarshal.Cast<byte, Half>(span).ToArray(), h => (float)h),
            _ => throw new InvalidDataException($"tensor '{Name}' is {Type}, expected a float constant"),
        };
    }

    public int[] Int32Values() => Type == TfliteTensorType.Int32
        ? MemoryMarshal.Cast<byte, int>(Data.Span).ToArray()
        : throw new InvalidDataException($"tensor '{Name}' is {Type}, expected int32");
}

/// <summary>One operator: the builtin code, tensor indices, and its options table (if any).</summary>
internal sealed record TfliteOperator(int Code, int[] Inputs, int[] Outputs, FlatBufferTable? Options);

/// <summary>
/// The first subgraph of a .tflite file (FlatBuffers, file identifier "TFL3"). Field indices follow
/// tensorflow/lite/schema/schema.fbs: Model{version, operator_codes, subgraphs, description, buffers},
/// SubGraph{tensors, inputs, outputs, operators, name}, Tensor{shape, type, buffer, name},
/// Buffer{data, offset, size}, Operator{opcode_index, inputs, outputs, builtin_options_type, builtin_options},
/// OperatorCode{deprecated_builtin_code, custom_code, version, builtin_code}.
/// </summary>
internal sealed class TfliteModel
{
    private TfliteModel(TfliteTensor[] tensors, int[] inputs, int[] outputs, TfliteOperator[] operators)
    {
        Tensors = tensors; Inputs = inputs; Outputs = outputs; Operators = operators;
    }

    public TfliteTensor[] Tensors { get; }
    public int[] Inputs { get; }
    public int[] Outputs { get; }
    public TfliteOperator[] Operators { get; }

    public static TfliteModel Read(byte[] file, string displayName)
    {
        if (file.Length < 8 || file[4] != 'T' || file[5] != 'F' || file[6] != 'L' || file[7] != '3')
            throw new InvalidDataException($"{displayName}: not a TFLite model (file identifier 'TFL3' missing)");
        try
        {
            return Parse(file);
        }
        catch (Exception e) when (e is InvalidDataException or OverflowException or IndexOutOfRangeException)
        {
            throw new InvalidDataException($"{displayName}: damaged TFLite model ({e.Message})", e);
        }
    }

    private static TfliteModel Parse(byte[] file)
    {
        var model = FlatBufferTable.Root(file);
        var codes = model.TableVector(1).Select(OperatorCode).ToArray();
        var subgraphs = model.TableVector(2);
        if (subgraphs.Length == 0) throw new InvalidDataException("no subgraph");
        var buffers = model.TableVector(4).Select(b => BufferData(b, file)).ToArray();

        var graph = subgraphs[0];
        var tensors = graph.TableVector(0).Select(t =>
        {
            uint buffer = t.UInt32(2);
            if (buffer >= buffers.Length) throw new InvalidDataException($"tensor refers to buffer {buffer} of {buffers.Length}");
            return new TfliteTensor(t.String(3) ?? "", t.Int32Vector(0), (TfliteTensorType)t.Int8(1), buffers[buffer]);
        }).ToArray();

        var operators = graph.TableVector(3).Select(o =>
        {
            uint opcode = o.UInt32(0);
            if (opcode >= codes.Length) throw new InvalidDataException($"operator refers to opcode {opcode} of {codes.Length}");
            return new TfliteOperator(codes[opcode], o.Int32Vector(1), o.Int32Vector(2), o.Table(4));
        }).ToArray();

        return new TfliteModel(tensors, graph.Int32Vector(1), graph.Int32Vector(2), operators);
    }

    /// <summary>Newer files put codes above 127 in builtin_code; older ones only fill the deprecated byte.</summary>
    private static int OperatorCode(FlatBufferTable code) => Math.Max(code.Int8(0), code.Int32(3));

    /// <summary>Buffer data lives inline, or (files over 2 GB) at an offset from the start of the file.</summary>
    private static ReadOnlyMemory<byte> BufferData(FlatBufferTable buffer, byte[] file)
    {
        if (buffer.Bytes(0) is { } inline) return inline;
        ulong offset = buffer.UInt64(1), size = buffer.UInt64(2);
        if (offset <= 1) return ReadOnlyMemory<byte>.Empty;
        if (offset + size > (ulong)file.Length) throw new InvalidDataException($"buffer at {offset}+{size} is outside the file");
        return new ReadOnlyMemory<byte>(file, (int)offset, (int)size);
    }
}
