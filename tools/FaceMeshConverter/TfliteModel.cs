using System.Runtime.InteropServices;
using Google.FlatBuffers;
using RetouchPlugins.FaceMeshConverter.Tflite;

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

/// <summary>One operator: the builtin code, tensor indices, and the operator table (for its builtin options).</summary>
internal sealed record TfliteOperator(int Code, int[] Inputs, int[] Outputs, Operator Source)
{
    /// <summary>The builtin options read as <typeparamref name="T"/> (the table type the op code implies), or null.</summary>
    public T? Options<T>() where T : struct, IFlatbufferObject => Source.BuiltinOptions<T>();
}

/// <summary>
/// The first subgraph of a .tflite file (FlatBuffers, file identifier "TFL3"), read through Google.FlatBuffers with
/// the accessors in TfliteSchema.cs.
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
        var bytes = new ByteBuffer(file);
        if (file.Length < 8 || !Model.HasIdentifier(bytes))
            throw new InvalidDataException($"{displayName}: not a TFLite model (file identifier 'TFL3' missing)");
        try
        {
            return Parse(Model.Root(bytes), file);
        }
        // FlatBuffers reads past the end as out-of-range arguments; offsets that point nowhere as overflows.
        catch (Exception e) when (e is InvalidDataException or OverflowException or ArgumentException or IndexOutOfRangeException)
        {
            var detail = e is ArgumentOutOfRangeException ? "an offset points outside the file" : e.Message;
            throw new InvalidDataException($"{displayName}: damaged TFLite model ({detail})", e);
        }
    }

    private static TfliteModel Parse(Model model, byte[] file)
    {
        var codes = model.OperatorCodes.Select(OperatorCode).ToArray();
        var graph = model.Subgraphs is [var first, ..] ? first : throw new InvalidDataException("no subgraph");
        var buffers = model.Buffers.Select(b => BufferData(b, file)).ToArray();

        var tensors = graph.Tensors.Select(t =>
        {
            uint buffer = t.Buffer;
            if (buffer >= buffers.Length) throw new InvalidDataException($"tensor refers to buffer {buffer} of {buffers.Length}");
            return new TfliteTensor(t.Name ?? "", t.Shape, (TfliteTensorType)t.Type, buffers[buffer]);
        }).ToArray();

        var operators = graph.Operators.Select(o =>
        {
            uint opcode = o.OpcodeIndex;
            if (opcode >= codes.Length) throw new InvalidDataException($"operator refers to opcode {opcode} of {codes.Length}");
            return new TfliteOperator(codes[opcode], o.Inputs, o.Outputs, o);
        }).ToArray();

        return new TfliteModel(tensors, graph.Inputs, graph.Outputs, operators);
    }

    /// <summary>Newer files put codes above 127 in builtin_code; older ones only fill the deprecated byte.</summary>
    private static int OperatorCode(OperatorCode code) => Math.Max(code.DeprecatedBuiltinCode, code.BuiltinCode);

    /// <summary>Buffer data lives inline, or (files over 2 GB) at an offset from the start of the file.</summary>
    private static ReadOnlyMemory<byte> BufferData(Tflite.Buffer buffer, byte[] file)
    {
        if (buffer.Data is { } inline) return inline;
        ulong offset = buffer.Offset, size = buffer.Size;
        if (offset <= 1) return ReadOnlyMemory<byte>.Empty;
        if (offset + size > (ulong)file.Length) throw new InvalidDataException($"buffer at {offset}+{size} is outside the file");
        return new ReadOnlyMemory<byte>(file, (int)offset, (int)size);
    }
}
