using System.Buffers.Binary;
using System.Text;

namespace RetouchPlugins.FaceMeshConverter;

/// <summary>
/// One table inside a FlatBuffers buffer. Layout (little-endian): a table starts with an int32
/// soffset to its vtable (vtable = table - soffset); the vtable holds uint16 vtable size, uint16
/// table size, then one uint16 offset per field (0 = absent, use the default). Tables, vectors and
/// strings are referenced by a uint32 offset relative to where that offset is stored; a vector is
/// a uint32 count followed by its elements.
/// </summary>
internal readonly struct FlatBufferTable
{
    private readonly byte[] _buffer;
    private readonly int _position;

    private FlatBufferTable(byte[] buffer, int position)
    {
        _buffer = buffer;
        _position = position;
    }

    /// <summary>The root table: the buffer starts with a uint32 offset to it.</summary>
    public static FlatBufferTable Root(byte[] buffer)
    {
        if (buffer.Length < 8) throw new InvalidDataException("buffer is too short to hold a FlatBuffers root");
        return new FlatBufferTable(buffer, checked((int)ReadU32(buffer, 0)));
    }

    /// <summary>Position of field <paramref name="index"/>'s data, or 0 when the field is absent.</summary>
    private int FieldPosition(int index)
    {
        int vtable = _position - BinaryPrimitives.ReadInt32LittleEndian(Span(_position, 4));
        int vtableSize = BinaryPrimitives.ReadUInt16LittleEndian(Span(vtable, 2));
        int slot = 4 + 2 * index;
        if (slot + 2 > vtableSize) return 0;
        int offset = BinaryPrimitives.ReadUInt16LittleEndian(Span(vtable + slot, 2));
        return offset == 0 ? 0 : _position + offset;
    }

    public bool Has(int index) => FieldPosition(index) != 0;

    public sbyte Int8(int index, sbyte fallback = 0)
    {
        int p = FieldPosition(index);
        return p == 0 ? fallback : (sbyte)Span(p, 1)[0];
    }

    public byte UInt8(int index, byte fallback = 0)
    {
        int p = FieldPosition(index);
        return p == 0 ? fallback : Span(p, 1)[0];
    }

    public int Int32(int index, int fallback = 0)
    {
        int p = FieldPosition(index);
        return p == 0 ? fallback : BinaryPrimitives.ReadInt32LittleEndian(Span(p, 4));
    }

    public uint UInt32(int index, uint fallback = 0)
    {
        int p = FieldPosition(index);
        return p == 0 ? fallback : ReadU32(_buffer, p);
    }

    public ulong UInt64(int index, ulong fallback = 0)
    {
        int p = FieldPosition(index);
        return p == 0 ? fallback : BinaryPrimitives.ReadUInt64LittleEndian(Span(p, 8));
    }

    public FlatBufferTable? Table(int index)
    {
        int p = FieldPosition(index);
        return p == 0 ? null : new FlatBufferTable(_buffer, Follow(p));
    }

    public string? String(int index)
    {
        var bytes = Bytes(index);
        return bytes is null ? null : Encoding.UTF8.GetString(bytes.Value.Span);
    }

    /// <summary>A vector of bytes (also a string's bytes, without its terminating zero).</summary>
    public ReadOnlyMemory<byte>? Bytes(int index)
    {
        int p = FieldPosition(index);
        if (p == 0) return null;
        int start = Follow(p);
        int count = checked((int)ReadU32(_buffer, start));
        Span(start + 4, count);
        return new ReadOnlyMemory<byte>(_buffer, start + 4, count);
    }

    public int[] Int32Vector(int index)
    {
        var bytes = Bytes(index, elementSize: 4);
        var values = new int[bytes.Length / 4];
        for (int i = 0; i < values.Length; i++) values[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(i * 4, 4));
        return values;
    }

    public FlatBufferTable[] TableVector(int index)
    {
        int p = FieldPosition(index);
        if (p == 0) return [];
        int start = Follow(p);
        int count = checked((int)ReadU32(_buffer, start));
        var tables = new FlatBufferTable[count];
        for (int i = 0; i < count; i++) tables[i] = new FlatBufferTable(_buffer, Follow(start + 4 + 4 * i));
        return tables;
    }

    private ReadOnlySpan<byte> Bytes(int index, int elementSize)
    {
        int p = FieldPosition(index);
        if (p == 0) return [];
        int start = Follow(p);
        int count = checked((int)ReadU32(_buffer, start));
        return Span(start + 4, checked(count * elementSize));
    }

    private int Follow(int position) => checked(position + (int)ReadU32(_buffer, position));

    private ReadOnlySpan<byte> Span(int position, int length)
    {
        if (position < 0 || length < 0 || (long)position + length > _buffer.Length)
            throw new InvalidDataException($"FlatBuffers offset {position}+{length} is outside the {_buffer.Length}-byte buffer");
        return _buffer.AsSpan(position, length);
    }

    private static uint ReadU32(byte[] buffer, int position)
    {
        if (position < 0 || position + 4 > buffer.Length)
            throw new InvalidDataException($"FlatBuffers offset {position} is outside the {buffer.Length}-byte buffer");
        return BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(position, 4));
    }
}
