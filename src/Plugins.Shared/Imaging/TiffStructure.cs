using System.Buffers.Binary;
using RetouchPlugins.Shared.Layers.Tiff;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>One 12-byte entry of a TIFF IFD.</summary>
/// <param name="At">Where the entry itself lies in the stream.</param>
/// <param name="ValueAt">Where its value lies in the stream: inside the entry when it fits in 4 bytes, else where the entry points.</param>
/// <param name="Raw">The entry's 12 bytes as the file holds them (its own byte order).</param>
internal readonly record struct TiffEntry(int Tag, int Type, long Count, long At, long ValueAt, byte[] Raw)
{
    /// <summary>The value's length in bytes; 0 for a type TIFF 6.0 and EXIF do not define.</summary>
    public long Size => Count * TiffTags.TypeSize(Type);
}

/// <summary>
/// The structure of a classic TIFF (32-bit offsets) in a seekable stream: byte order, header and IFDs, read without the
/// pixel data. One walker for the layered TIFF reader, the Deflate check and the EXIF carried into and out of TIFFs (an
/// EXIF block is a TIFF structure too). A damaged structure reads as null, not as an exception: each caller says what
/// that means for it.
/// </summary>
internal sealed class TiffStructure
{
    private readonly Stream _stream;

    private TiffStructure(Stream stream, bool bigEndian, long firstIfd) => (_stream, BigEndian, FirstIfd) = (stream, bigEndian, firstIfd);

    public bool BigEndian { get; }

    /// <summary>Where the first IFD starts.</summary>
    public long FirstIfd { get; }

    public long Length => _stream.Length;

    /// <summary>The structure at the start of <paramref name="stream"/>; null with the reason when it is not a classic TIFF.</summary>
    public static TiffStructure? Open(Stream stream, out string? refusal)
    {
        var head = new byte[8];
        stream.Position = 0;
        if (stream.ReadAtLeast(head, 8, throwOnEndOfStream: false) < 8) { refusal = "file is too short to be a TIFF"; return null; }
        bool big = head[0] == 'M' && head[1] == 'M';
        if (!big && !(head[0] == 'I' && head[1] == 'I')) { refusal = "not a TIFF file (no II/MM byte order mark)"; return null; }
        int magic = TiffByteOrder.U16(head, 2, big);
        refusal = magic == 43 ? "BigTIFF is not supported" : magic != 42 ? $"not a TIFF file (magic {magic})" : null;
        return refusal is null ? new TiffStructure(stream, big, TiffByteOrder.U32(head, 4, big)) : null;
    }

    public static TiffStructure? Open(Stream stream) => Open(stream, out _);

    /// <summary>The entries of the IFD at <paramref name="at"/> in the file's order, and the next IFD's offset (0 at the last);
    /// null when the IFD lies past the end.</summary>
    public List<TiffEntry>? ReadIfd(long at, out long next)
    {
        next = 0;
        if (at < 8 || Read(at, 2) is not { } countBytes) return null;
        int count = TiffByteOrder.U16(countBytes, 0, BigEndian);
        // The next IFD's offset is read when present: some writers end an EXIF block's last IFD without it.
        if (Read(at + 2, 12L * count) is not { } body) return null;
        var entries = new List<TiffEntry>(count);
        for (int i = 0; i < count; i++)
        {
            var raw = body.AsSpan(12 * i, 12);
            int tag = TiffByteOrder.U16(raw, 0, BigEndian), type = TiffByteOrder.U16(raw, 2, BigEndian);
            long values = TiffByteOrder.U32(raw, 4, BigEndian);
            long size = values * TiffTags.TypeSize(type);
            long entryAt = at + 2 + 12L * i, valueAt = size <= 4 ? entryAt + 8 : TiffByteOrder.U32(raw, 8, BigEndian);
            entries.Add(new TiffEntry(tag, type, values, entryAt, valueAt, raw.ToArray()));
        }
        next = Read(at + 2 + 12L * count, 4) is { } pointer ? TiffByteOrder.U32(pointer, 0, BigEndian) : 0;
        return entries;
    }

    /// <summary>An entry's value bytes in the file's order; null for an unknown type, a value past the end or over <paramref name="limit"/> bytes.</summary>
    public byte[]? Value(TiffEntry entry, long limit = int.MaxValue) =>
        TiffTags.TypeSize(entry.Type) == 0 || entry.Size > limit ? null : Read(entry.ValueAt, entry.Size);

    /// <summary>A BYTE, SHORT or LONG entry's numbers; null for other types or a value past the end.</summary>
    public uint[]? Numbers(TiffEntry entry)
    {
        if (entry.Type is not (TiffTags.Byte or TiffTags.Short or TiffTags.Long) || Value(entry) is not { } bytes) return null;
        int width = TiffTags.TypeSize(entry.Type);
        var numbers = new uint[entry.Count];
        for (int i = 0; i < numbers.Length; i++)
            numbers[i] = width == 1 ? bytes[i] : width == 2 ? (uint)TiffByteOrder.U16(bytes, 2 * i, BigEndian) : TiffByteOrder.U32(bytes, 4 * i, BigEndian);
        return numbers;
    }

    /// <summary><paramref name="count"/> bytes at <paramref name="at"/>; null when they lie past the end.</summary>
    public byte[]? Read(long at, long count)
    {
        if (at < 0 || count < 0 || count > Array.MaxLength || at + count > _stream.Length) return null;
        var bytes = new byte[count];
        _stream.Position = at;
        _stream.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>A read-only view of <paramref name="count"/> bytes at <paramref name="at"/> (a strip to inflate), or null past the end.</summary>
    public Stream? Slice(long at, long count) =>
        at < 0 || count < 0 || at + count > _stream.Length ? null : new StreamSlice(_stream, at, count);
}

/// <summary>Numbers in a TIFF structure's byte order.</summary>
internal static class TiffByteOrder
{
    public static int U16(ReadOnlySpan<byte> d, int at, bool big) => big ? BinaryPrimitives.ReadUInt16BigEndian(d[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(d[at..]);

    public static uint U32(ReadOnlySpan<byte> d, int at, bool big) => big ? BinaryPrimitives.ReadUInt32BigEndian(d[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(d[at..]);

    public static void Put16(Span<byte> d, int at, int v, bool big)
    {
        if (big) BinaryPrimitives.WriteUInt16BigEndian(d[at..], (ushort)v);
        else BinaryPrimitives.WriteUInt16LittleEndian(d[at..], (ushort)v);
    }

    public static void Put32(Span<byte> d, int at, uint v, bool big)
    {
        if (big) BinaryPrimitives.WriteUInt32BigEndian(d[at..], v);
        else BinaryPrimitives.WriteUInt32LittleEndian(d[at..], v);
    }
}
