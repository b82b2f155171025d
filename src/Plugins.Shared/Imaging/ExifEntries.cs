namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// Finds entries in a raw EXIF block's IFDs (IFD0, and the EXIF and interoperability IFDs it points to), either byte
/// order, through the TIFF structure walker (<see cref="TiffStructure"/>; an EXIF block is a TIFF structure). Offsets
/// returned are into the block as given (its "Exif\0\0" header counted). Damaged structures find nothing.
/// </summary>
internal sealed class ExifEntries
{
    public const ushort ExifIfdPointer = 0x8769, InteropIfdPointer = 0xA005;
    private const int AsciiType = 2, ShortType = 3, LongType = 4, IfdType = 13;

    private readonly TiffStructure? _tiff;
    private readonly int _start;

    public ExifEntries(ReadOnlySpan<byte> exif)
    {
        _start = exif.StartsWith(ExifBlock.Header) ? ExifBlock.Header.Length : 0;
        // An EXIF block is a classic TIFF structure (the entry offsets below are its 12-byte form's).
        _tiff = TiffStructure.Open(new MemoryStream(exif[_start..].ToArray(), writable: false)) is { IsBigTiff: false } tiff ? tiff : null;
    }

    public bool Valid => _tiff is not null;
    public bool BigEndian => _tiff?.BigEndian ?? false;

    /// <summary>Where IFD0 starts in the TIFF structure; -1 when the block is not one.</summary>
    public long FirstIfd => _tiff?.FirstIfd ?? -1;

    /// <summary>
    /// The 12-byte entry of <paramref name="tag"/> in the IFD at <paramref name="ifd"/> (TIFF offset): its offset in the
    /// block and its type; false when absent or the IFD is out of bounds.
    /// </summary>
    public bool TryFind(long ifd, ushort tag, out int entry, out ushort type)
    {
        entry = 0; type = 0;
        if (Find(ifd, tag) is not { } found) return false;
        (entry, type) = (_start + (int)found.At, (ushort)found.Type);
        return true;
    }

    /// <summary>The IFD a LONG pointer tag in <paramref name="ifd"/> points to; -1 when there is none.</summary>
    public long Pointed(long ifd, ushort pointerTag) =>
        Find(ifd, pointerTag) is { Type: LongType or IfdType } e && _tiff!.Pointer(e) is { } at ? at : -1;

    /// <summary>A SHORT entry's value (its first), or null.</summary>
    public ushort? Short(long ifd, ushort tag) =>
        Find(ifd, tag) is { Type: ShortType } e && _tiff!.Numbers(e) is { Length: > 0 } values ? (ushort)values[0] : null;

    /// <summary>An ASCII entry of at most 4 bytes (held in the entry itself), without its NUL, or null.</summary>
    public string? ShortAscii(long ifd, ushort tag)
    {
        if (Find(ifd, tag) is not { Type: AsciiType } e || _tiff!.Read(e.At + 8, Math.Min(4, e.Count)) is not { } text) return null;
        int nul = Array.IndexOf(text, (byte)0);
        return System.Text.Encoding.ASCII.GetString(text, 0, nul >= 0 ? nul : text.Length);
    }

    private TiffEntry? Find(long ifd, ushort tag) => _tiff?.ReadIfd(ifd, out _) is { } entries ? TiffStructure.Find(entries, tag) : null;
}
