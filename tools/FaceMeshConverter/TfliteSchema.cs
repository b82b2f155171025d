using Google.FlatBuffers;

namespace RetouchPlugins.FaceMeshConverter.Tflite;

// Accessors for the few tables of tensorflow/lite/schema/schema.fbs the converter reads, written by hand in the
// shape flatc generates for C# (no flatc here). Field n of a table sits at vtable slot 4 + 2n (the numbers in
// __offset below); a missing field reads as the schema's default.

internal struct Model : IFlatbufferObject
{
    private Table _p; public ByteBuffer ByteBuffer => _p.bb; public void __init(int i, ByteBuffer bb) => _p = new Table(i, bb);

    public static bool HasIdentifier(ByteBuffer bb) => Table.__has_identifier(bb, "TFL3");
    public static Model Root(ByteBuffer bb) { var m = new Model(); m.__init(bb.GetInt(bb.Position) + bb.Position, bb); return m; }

    public OperatorCode[] OperatorCodes => _p.Tables<OperatorCode>(1);
    public SubGraph[] Subgraphs => _p.Tables<SubGraph>(2);
    public Buffer[] Buffers => _p.Tables<Buffer>(4);
}

internal struct OperatorCode : IFlatbufferObject
{
    private Table _p; public ByteBuffer ByteBuffer => _p.bb; public void __init(int i, ByteBuffer bb) => _p = new Table(i, bb);

    public sbyte DeprecatedBuiltinCode { get { int o = _p.__offset(4); return o != 0 ? _p.bb.GetSbyte(o + _p.bb_pos) : (sbyte)0; } }
    public int BuiltinCode { get { int o = _p.__offset(10); return o != 0 ? _p.bb.GetInt(o + _p.bb_pos) : 0; } }
}

internal struct SubGraph : IFlatbufferObject
{
    private Table _p; public ByteBuffer ByteBuffer => _p.bb; public void __init(int i, ByteBuffer bb) => _p = new Table(i, bb);

    public Tensor[] Tensors => _p.Tables<Tensor>(0);
    public int[] Inputs => _p.Int32Vector(1);
    public int[] Outputs => _p.Int32Vector(2);
    public Operator[] Operators => _p.Tables<Operator>(3);
}

internal struct Tensor : IFlatbufferObject
{
    private Table _p; public ByteBuffer ByteBuffer => _p.bb; public void __init(int i, ByteBuffer bb) => _p = new Table(i, bb);

    public int[] Shape => _p.Int32Vector(0);
    public sbyte Type { get { int o = _p.__offset(6); return o != 0 ? _p.bb.GetSbyte(o + _p.bb_pos) : (sbyte)0; } }
    public uint Buffer { get { int o = _p.__offset(8); return o != 0 ? _p.bb.GetUint(o + _p.bb_pos) : 0u; } }
    public string? Name { get { int o = _p.__offset(10); return o != 0 ? _p.__string(o + _p.bb_pos) : null; } }
}

internal struct Buffer : IFlatbufferObject
{
    private Table _p; public ByteBuffer ByteBuffer => _p.bb; public void __init(int i, ByteBuffer bb) => _p = new Table(i, bb);

    /// <summary>The bytes stored inline, or null (then <see cref="Offset"/> and <see cref="Size"/> place them in the file).</summary>
    public ArraySegment<byte>? Data => _p.__vector_as_arraysegment(4);
    public ulong Offset { get { int o = _p.__offset(6); return o != 0 ? _p.bb.GetUlong(o + _p.bb_pos) : 0ul; } }
    public ulong Size { get { int o = _p.__offset(8); return o != 0 ? _p.bb.GetUlong(o + _p.bb_pos) : 0ul; } }
}

internal struct Operator : IFlatbufferObject
{
    private Table _p; public ByteBuffer ByteBuffer => _p.bb; public void __init(int i, ByteBuffer bb) => _p = new Table(i, bb);

    public uint OpcodeIndex { get { int o = _p.__offset(4); return o != 0 ? _p.bb.GetUint(o + _p.bb_pos) : 0u; } }
    public int[] Inputs => _p.Int32Vector(1);
    public int[] Outputs => _p.Int32Vector(2);

    /// <summary>The builtin_options union's table read as <typeparamref name="T"/>, or null when absent.</summary>
    public T? BuiltinOptions<T>() where T : struct, IFlatbufferObject
    {
        int o = _p.__offset(12);
        return o != 0 ? _p.__union<T>(o + _p.bb_pos) : null;
    }
}

internal struct Conv2DOptions : IFlatbufferObject
{
    private Table _p; public ByteBuffer ByteBuffer => _p.bb; public void __init(int i, ByteBuffer bb) => _p = new Table(i, bb);

    public sbyte Padding { get { int o = _p.__offset(4); return o != 0 ? _p.bb.GetSbyte(o + _p.bb_pos) : (sbyte)0; } }
    public int StrideW { get { int o = _p.__offset(6); return o != 0 ? _p.bb.GetInt(o + _p.bb_pos) : 0; } }
    public int StrideH { get { int o = _p.__offset(8); return o != 0 ? _p.bb.GetInt(o + _p.bb_pos) : 0; } }
    public sbyte FusedActivationFunction { get { int o = _p.__offset(10); return o != 0 ? _p.bb.GetSbyte(o + _p.bb_pos) : (sbyte)0; } }
    public int DilationWFactor { get { int o = _p.__offset(12); return o != 0 ? _p.bb.GetInt(o + _p.bb_pos) : 1; } }
    public int DilationHFactor { get { int o = _p.__offset(14); return o != 0 ? _p.bb.GetInt(o + _p.bb_pos) : 1; } }
}

internal struct DepthwiseConv2DOptions : IFlatbufferObject
{
    private Table _p; public ByteBuffer ByteBuffer => _p.bb; public void __init(int i, ByteBuffer bb) => _p = new Table(i, bb);

    public sbyte Padding { get { int o = _p.__offset(4); return o != 0 ? _p.bb.GetSbyte(o + _p.bb_pos) : (sbyte)0; } }
    public int StrideW { get { int o = _p.__offset(6); return o != 0 ? _p.bb.GetInt(o + _p.bb_pos) : 0; } }
    public int StrideH { get { int o = _p.__offset(8); return o != 0 ? _p.bb.GetInt(o + _p.bb_pos) : 0; } }
    public sbyte FusedActivationFunction { get { int o = _p.__offset(12); return o != 0 ? _p.bb.GetSbyte(o + _p.bb_pos) : (sbyte)0; } }
    public int DilationWFactor { get { int o = _p.__offset(14); return o != 0 ? _p.bb.GetInt(o + _p.bb_pos) : 1; } }
    public int DilationHFactor { get { int o = _p.__offset(16); return o != 0 ? _p.bb.GetInt(o + _p.bb_pos) : 1; } }
}

internal struct Pool2DOptions : IFlatbufferObject
{
    private Table _p; public ByteBuffer ByteBuffer => _p.bb; public void __init(int i, ByteBuffer bb) => _p = new Table(i, bb);

    public sbyte Padding { get { int o = _p.__offset(4); return o != 0 ? _p.bb.GetSbyte(o + _p.bb_pos) : (sbyte)0; } }
    public int StrideW { get { int o = _p.__offset(6); return o != 0 ? _p.bb.GetInt(o + _p.bb_pos) : 0; } }
    public int StrideH { get { int o = _p.__offset(8); return o != 0 ? _p.bb.GetInt(o + _p.bb_pos) : 0; } }
    public int FilterWidth { get { int o = _p.__offset(10); return o != 0 ? _p.bb.GetInt(o + _p.bb_pos) : 0; } }
    public int FilterHeight { get { int o = _p.__offset(12); return o != 0 ? _p.bb.GetInt(o + _p.bb_pos) : 0; } }
    public sbyte FusedActivationFunction { get { int o = _p.__offset(14); return o != 0 ? _p.bb.GetSbyte(o + _p.bb_pos) : (sbyte)0; } }
}

internal struct AddOptions : IFlatbufferObject
{
    private Table _p; public ByteBuffer ByteBuffer => _p.bb; public void __init(int i, ByteBuffer bb) => _p = new Table(i, bb);

    public sbyte FusedActivationFunction { get { int o = _p.__offset(4); return o != 0 ? _p.bb.GetSbyte(o + _p.bb_pos) : (sbyte)0; } }
}

/// <summary>The vector reads the accessors above share (flatc writes them out in each accessor).</summary>
internal static class TableFields
{
    /// <summary>Field <paramref name="index"/>'s vector of tables; empty when absent.</summary>
    public static T[] Tables<T>(this Table t, int index) where T : struct, IFlatbufferObject
    {
        int o = t.__offset(4 + 2 * index);
        var tables = new T[o != 0 ? t.__vector_len(o) : 0];
        for (int j = 0; j < tables.Length; j++) tables[j].__init(t.__indirect(t.__vector(o) + j * 4), t.bb);
        return tables;
    }

    public static int[] Int32Vector(this Table t, int index) => t.__vector_as_array<int>(4 + 2 * index) ?? [];
}
