using System.Buffers.Binary;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// Finds entries in a raw EXIF block's IFDs (IFD0, and the EXIF and interoperability IFDs it points to), either byte
/// order. Offsets returned are into the block as given (its "Exif\0\0" header counted). Damaged structures find nothing.
/// </summary>
internal readonly ref struct ExifEntries
{
    public const ushort ExifIfdPointer = 0x8769, InteropIfdPointer = 0xA005;

    private readonly ReadOnlySpan<byte> _tiff;
    private readonly int _start;

    public ExifEntries(ReadOnlySpan<byte> exif)
    {
        _start = exif.StartsWith(ExifBlock.Header) ? ExifBlock.Header.Length : 0;
        _tiff = exif[_start..];
        BigEndian = _tiff.StartsWith("MM\0*"u8);
        Valid = _tiff.Length >= 8 && (BigEndian || _tiff.StartsWith("II*\0"u8));
    }

    public bool Valid { get; }
    public bool BigEndian { get; }

    /// <summary>Where IFD0 starts in the TIFF structure; -1 when the block is not one.</summary>
    public long FirstIfd => Valid ? U32(4) : -1;

    /// <summary>
    /// The 12-byte entry of <paramref name="tag"/> in the IFD at <paramref name="ifd"/> (TIFF offset): its offset in the
    /// block and its type; false when absent or out of bounds.
    /// </summary>
    public bool TryFind(long ifd, ushort tag, out int entry, out ushort type)
    {
        entry = 0; type = 0;
        if (!Valid || ifd < 8 || ifd + 2 > _tiff.Length) return false;
        int count = U16((int)ifd);
        for (int i = 0; i < count; i++)
        {
            long at = ifd + 2 + 12L * i;
            if (at + 12 > _tiff.Length) return false;
            if (U16((int)at) != tag) continue;
            entry = _start + (int)at;
            type = U16((int)at + 2);
            return true;
        }
        return false;
    }

    /// <summary>The IFD a LONG pointer tag in <paramref name="ifd"/> points to; -1 when there is none.</summary>
    public long Pointed(long ifd, ushort pointerTag) =>
        TryFind(ifd, pointerTag, out int entry, out ushort type) && type is 4 or 13 ? U32(entry - _start + 8) : -1;

    /// <summary>A SHORT entry's value (its first), or null.</summary>
    public ushort? Short(long ifd, ushort tag) =>
        TryFind(ifd, tag, out int entry, out ushort type) && type == 3 ? U16(entry - _start + 8) : null;

    /// <summary>An ASCII entry of at most 4 bytes (held in the entry itself), without its NUL, or null.</summary>
    public string? ShortAscii(long ifd, ushort tag)
    {
        if (!TryFind(ifd, tag, out int entry, out ushort type) || type != 2) return null;
        int count = (int)Math.Min(4, U32(entry - _start + 4));
        var text = _tiff.Slice(entry - _start + 8, count);
        int nul = text.IndexOf((byte)0);
        return System.Text.Encoding.ASCII.GetString(nul >= 0 ? text[..nul] : text);
    }

    private ushort U16(int at) => BigEndian ? BinaryPrimitives.ReadUInt16BigEndian(_tiff[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(_tiff[at..]);

    private uint U32(long at) => BigEndian ? BinaryPrimitives.ReadUInt32BigEndian(_tiff[(int)at..]) : BinaryPrimitives.ReadUInt32LittleEndian(_tiff[(int)at..]);
}
