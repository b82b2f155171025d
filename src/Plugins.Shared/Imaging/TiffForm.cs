using RetouchPlugins.Shared.Layers.Tiff;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// How a TIFF's header and IFDs are laid out: the byte order, and classic (32-bit offsets, 12-byte entries) or BigTIFF
/// (64-bit offsets and counts, 20-byte entries; what a file over 4 GiB must be).
/// </summary>
internal readonly record struct TiffForm(bool BigEndian, bool BigTiff)
{
    /// <summary>Bytes of an offset, and the most a value held in its entry may take.</summary>
    public int OffsetSize => BigTiff ? 8 : 4;

    public int EntrySize => BigTiff ? 20 : 12;

    /// <summary>Bytes of an IFD's entry count.</summary>
    public int CountSize => BigTiff ? 8 : 2;

    /// <summary>Where the header holds the first IFD's offset.</summary>
    public int FirstIfdPointerAt => BigTiff ? 8 : 4;

    /// <summary>The type an offset (a strip's) or a pointer to an IFD is written as: LONG8 / IFD8 in a BigTIFF.</summary>
    public ushort OffsetType => BigTiff ? TiffTags.Long8 : TiffTags.Long;

    public ushort PointerType => BigTiff ? TiffTags.Ifd8 : TiffTags.Long;

    /// <summary>The header, its first-IFD offset 0 until <see cref="TiffIfdWriter.Patch"/> sets it.</summary>
    public byte[] Header()
    {
        var head = new byte[BigTiff ? 16 : 8];
        head[0] = head[1] = (byte)(BigEndian ? 'M' : 'I');
        TiffByteOrder.Put16(head, 2, BigTiff ? 43 : 42, BigEndian);
        if (BigTiff) TiffByteOrder.Put16(head, 4, 8, BigEndian);
        return head;
    }

    public long ReadCount(ReadOnlySpan<byte> d) => BigTiff ? ReadOffset(d) : TiffByteOrder.U16(d, 0, BigEndian);

    /// <summary>Writes an IFD's entry count (<see cref="CountSize"/> bytes).</summary>
    public void PutCount(Span<byte> d, int count)
    {
        if (BigTiff) PutOffset(d, count);
        else TiffByteOrder.Put16(d, 0, count, BigEndian);
    }

    /// <summary>An offset (or a BigTIFF count); one past <see cref="long.MaxValue"/> reads as that, which lies past any file's end.</summary>
    public long ReadOffset(ReadOnlySpan<byte> d) =>
        BigTiff ? (long)Math.Min(TiffByteOrder.U64(d, 0, BigEndian), long.MaxValue) : TiffByteOrder.U32(d, 0, BigEndian);

    /// <summary>Writes an offset or a count; over 4 GiB in a classic TIFF is an <see cref="OverflowException"/>.</summary>
    public void PutOffset(Span<byte> d, long value)
    {
        if (BigTiff) TiffByteOrder.Put64(d, 0, checked((ulong)value), BigEndian);
        else TiffByteOrder.Put32(d, 0, checked((uint)value), BigEndian);
    }

    /// <summary>An offset as an entry's value bytes (a LONG or an IFD8/LONG8, as <see cref="OffsetType"/> says).</summary>
    public byte[] OffsetBytes(long value)
    {
        var bytes = new byte[OffsetSize];
        PutOffset(bytes, value);
        return bytes;
    }
}
