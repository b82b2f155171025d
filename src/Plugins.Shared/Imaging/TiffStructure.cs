using System.Buffers.Binary;
using RetouchPlugins.Shared.Layers.Tiff;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>One entry of a TIFF IFD (12 bytes in a classic TIFF, 20 in a BigTIFF).</summary>
/// <param name="At">Where the entry itself lies in the stream.</param>
/// <param name="ValueAt">Where its value lies in the stream: inside the entry when it fits (4 bytes, 8 in a BigTIFF), else where the entry points.</param>
/// <param name="Raw">The entry's bytes as the file holds them (its own byte order and form).</param>
internal readonly record struct TiffEntry(int Tag, int Type, long Count, long At, long ValueAt, byte[] Raw)
{
    /// <summary>The value's length in bytes; 0 for a type TIFF 6.0 and EXIF do not define.</summary>
    public long Size => Count * TiffTags.TypeSize(Type);
}

/// <summary>
/// The structure of a TIFF in a seekable stream, classic (32-bit offsets) or BigTIFF (64-bit offsets, for files over
/// 4 GiB): byte order, header and IFDs, read without the pixel data. One walker for the layered TIFF reader, the Deflate check and the EXIF carried into and out of TIFFs (an
/// EXIF block is a TIFF structure too). A damaged structure reads as null, not as an exception: each caller says what
/// that means for it.
/// </summary>
internal sealed class TiffStructure
{
    private readonly Stream _stream;

    /// <summary>An IFD of more entries than this is taken for damage (TIFF 6.0 defines fewer than a hundred tags).</summary>
    private const long MaxEntries = 1 << 16;

    private TiffStructure(Stream stream, TiffForm form, long firstIfd) => (_stream, Form, FirstIfd) = (stream, form, firstIfd);

    /// <summary>The form this structure's header and IFDs are written in.</summary>
    public TiffForm Form { get; }

    public bool BigEndian => Form.BigEndian;

    /// <summary>BigTIFF (magic 43): 8-byte offsets and counts, 20-byte entries.</summary>
    public bool IsBigTiff => Form.BigTiff;

    /// <summary>Where the first IFD starts.</summary>
    public long FirstIfd { get; }

    public long Length => _stream.Length;

    /// <summary>The structure at the start of <paramref name="stream"/>; null with the reason when it is not a TIFF.</summary>
    public static TiffStructure? Open(Stream stream, out string? refusal)
    {
        var head = new byte[16];
        stream.Position = 0;
        int got = stream.ReadAtLeast(head, 16, throwOnEndOfStream: false);
        if (got < 8) { refusal = "file is too short to be a TIFF"; return null; }
        bool big = head[0] == 'M' && head[1] == 'M';
        if (!big && !(head[0] == 'I' && head[1] == 'I')) { refusal = "not a TIFF file (no II/MM byte order mark)"; return null; }
        int magic = TiffByteOrder.U16(head, 2, big);
        refusal = magic switch
        {
            42 => null,
            43 when got < 16 => "file is too short to be a BigTIFF",
            43 when TiffByteOrder.U16(head, 4, big) != 8 || TiffByteOrder.U16(head, 6, big) != 0 =>
                $"BigTIFF with {TiffByteOrder.U16(head, 4, big)}-byte offsets is not defined (8)",
            43 => null,
            _ => $"not a TIFF file (magic {magic})",
        };
        if (refusal is not null) return null;
        return magic == 42
            ? new TiffStructure(stream, new TiffForm(big, BigTiff: false), TiffByteOrder.U32(head, 4, big))
            : new TiffStructure(stream, new TiffForm(big, BigTiff: true), (long)Math.Min(TiffByteOrder.U64(head, 8, big), long.MaxValue));
    }

    public static TiffStructure? Open(Stream stream) => Open(stream, out _);

    /// <summary>The entries of the IFD at <paramref name="at"/> in the file's order, and the next IFD's offset (0 at the last);
    /// null when the IFD lies past the end.</summary>
    public List<TiffEntry>? ReadIfd(long at, out long next)
    {
        next = 0;
        var form = Form;
        if (at < 8 || Read(at, form.CountSize) is not { } countBytes) return null;
        long count = form.ReadCount(countBytes);
        if (count > MaxEntries) return null;
        // The next IFD's offset is read when present: some writers end an EXIF block's last IFD without it.
        long first = at + form.CountSize;
        if (Read(first, form.EntrySize * count) is not { } body) return null;
        var entries = new List<TiffEntry>((int)count);
        for (int i = 0; i < count; i++)
        {
            var raw = body.AsSpan(form.EntrySize * i, form.EntrySize);
            int tag = TiffByteOrder.U16(raw, 0, BigEndian), type = TiffByteOrder.U16(raw, 2, BigEndian);
            long values = form.ReadOffset(raw[4..]);
            long size = values * TiffTags.TypeSize(type);
            long entryAt = first + (long)form.EntrySize * i;
            long valueAt = size <= form.OffsetSize ? entryAt + 4 + form.OffsetSize : form.ReadOffset(raw[(4 + form.OffsetSize)..]);
            entries.Add(new TiffEntry(tag, type, values, entryAt, valueAt, raw.ToArray()));
        }
        next = Read(first + form.EntrySize * count, form.OffsetSize) is { } pointer ? form.ReadOffset(pointer) : 0;
        return entries;
    }

    /// <summary>An entry's value bytes in the file's order; null for an unknown type, a value past the end or over <paramref name="limit"/> bytes.</summary>
    public byte[]? Value(TiffEntry entry, long limit = int.MaxValue) =>
        TiffTags.TypeSize(entry.Type) == 0 || entry.Size > limit ? null : Read(entry.ValueAt, entry.Size);

    /// <summary>An unsigned integer entry's numbers (BYTE, SHORT, LONG, IFD, and BigTIFF's LONG8 and IFD8); null for other
    /// types or a value past the end.</summary>
    public long[]? Numbers(TiffEntry entry)
    {
        if (entry.Type is not (TiffTags.Byte or TiffTags.Short or TiffTags.Long or TiffTags.Ifd or TiffTags.Long8 or TiffTags.Ifd8)
            || Value(entry) is not { } bytes) return null;
        int width = TiffTags.TypeSize(entry.Type);
        var numbers = new long[entry.Count];
        for (int i = 0; i < numbers.Length; i++)
            numbers[i] = width switch
            {
                1 => bytes[i],
                2 => TiffByteOrder.U16(bytes, 2 * i, BigEndian),
                4 => TiffByteOrder.U32(bytes, 4 * i, BigEndian),
                _ => (long)Math.Min(TiffByteOrder.U64(bytes, 8 * i, BigEndian), long.MaxValue),
            };
        return numbers;
    }

    /// <summary>The entry of <paramref name="tag"/> among an IFD's <paramref name="entries"/>, or null.</summary>
    public static TiffEntry? Find(List<TiffEntry> entries, int tag) => entries.FindIndex(e => e.Tag == tag) is int i and >= 0 ? entries[i] : null;

    /// <summary>The IFD a pointer entry (the EXIF or GPS IFD's) points to; null when it is not one.</summary>
    public long? Pointer(TiffEntry entry) => Numbers(entry) is { Length: > 0 } values ? values[0] : null;

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

    public static ulong U64(ReadOnlySpan<byte> d, int at, bool big) => big ? BinaryPrimitives.ReadUInt64BigEndian(d[at..]) : BinaryPrimitives.ReadUInt64LittleEndian(d[at..]);

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

    public static void Put64(Span<byte> d, int at, ulong v, bool big)
    {
        if (big) BinaryPrimitives.WriteUInt64BigEndian(d[at..], v);
        else BinaryPrimitives.WriteUInt64LittleEndian(d[at..], v);
    }
}
