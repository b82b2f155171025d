using RetouchPlugins.Shared.Layers.Tiff;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// Puts a photo's EXIF into a TIFF: libvips writes none (a camera's exposure, lens and capture time were lost from every
/// TIFF result, and Lightroom, which re-reads an edited TIFF, lost them from its catalogue). The EXIF's own IFD (and GPS
/// IFD, if any) are written after the file's data, re-encoded in the file's byte order, the camera tags of the EXIF's
/// first IFD (make, model, date, artist, copyright, description, software) are added to the TIFF's first IFD where it
/// lacks them, and that IFD is written again with the pointers, the header pointing at it. Nothing already in the file
/// moves. Classic TIFF only (what libvips and our layered writer write under 4 GB).
/// </summary>
internal static class TiffExif
{
    private const int ExifIfd = 34665, GpsIfd = 34853, InteropIfd = 40965;

    /// <summary>Tags of an EXIF's first IFD that describe the photo, not the pixels' layout.</summary>
    private static readonly HashSet<int> CameraTags = [270, 271, 272, 305, 306, 315, 33432];

    private sealed record Entry(int Tag, int Type, int Count, byte[] Value); // Value in the file's byte order

    /// <param name="tiff">a seekable, writable stream holding a whole classic TIFF.</param>
    /// <param name="exif">libvips' shape: "Exif\0\0" then a TIFF structure. Ignored when it cannot be read.</param>
    public static void AddTo(Stream tiff, byte[] exif)
    {
        if (TiffStructure.Open(new MemoryStream(ExifBlock.Tiff(exif).ToArray(), writable: false)) is not { } source) return;
        if (TiffStructure.Open(tiff) is not { } file) return; // BigTIFF or not a TIFF: left as it is
        bool big = file.BigEndian;
        var exifIfd0 = ReadIfd(source, source.FirstIfd, big);
        var fileIfd0 = file.ReadIfd(file.FirstIfd, out long nextIfd);
        if (exifIfd0 is null || fileIfd0 is null) return;
        var present = fileIfd0.Select(e => e.Tag).ToHashSet();

        var added = new List<Entry>();
        foreach (var e in exifIfd0.Where(e => CameraTags.Contains(e.Tag) && !present.Contains(e.Tag))) added.Add(e);
        tiff.Seek(0, SeekOrigin.End);
        foreach (var pointer in new[] { ExifIfd, GpsIfd })
        {
            if (present.Contains(pointer) || exifIfd0.FirstOrDefault(e => e.Tag == pointer) is not { } at) continue;
            var sub = ReadIfd(source, TiffByteOrder.U32(at.Value, 0, big), big); // the pointer is in the file's order already
            if (sub is null) continue;
            uint offset = WriteIfd(tiff, sub.Where(e => e.Tag != InteropIfd).Select(e => new Slot(e.Tag, null, e)).ToList(), 0, big);
            added.Add(new Entry(pointer, 4, 1, Bytes32(offset, big)));
        }
        if (added.Count == 0) return;

        // The first IFD again: its own entries as they were, the new ones in tag order, the same next IFD.
        var slots = fileIfd0.Select(e => new Slot(e.Tag, e.Raw, null)).Concat(added.Select(e => new Slot(e.Tag, null, e)));
        uint ifd0 = WriteIfd(tiff, slots.OrderBy(e => e.Tag).ToList(), (uint)nextIfd, big);
        var head = new byte[4];
        TiffByteOrder.Put32(head, 0, ifd0, big);
        tiff.Position = 4;
        tiff.Write(head);
    }

    /// <summary>
    /// The EXIF of a TIFF, in libvips' shape ("Exif\0\0" then a TIFF structure in the file's byte order): the camera
    /// tags of its first IFD and its EXIF and GPS IFDs; null when it has none. libvips reads none from a TIFF, so a
    /// TIFF handed over by Lightroom lost its capture data when written back.
    /// </summary>
    public static byte[]? Read(Stream tiff)
    {
        if (tiff.Length < 16 || TiffStructure.Open(tiff) is not { } file) return null;
        bool big = file.BigEndian;
        var ifd0 = ReadIfd(file, file.FirstIfd, big);
        if (ifd0 is null) return null;
        var block = new MemoryStream();
        block.Write(big ? "MM\0*"u8 : "II*\0"u8);
        block.Write(new byte[4]); // the first IFD's offset, once it is written
        var kept = ifd0.Where(e => CameraTags.Contains(e.Tag)).ToList();
        foreach (var pointer in new[] { ExifIfd, GpsIfd })
        {
            if (ifd0.FirstOrDefault(e => e.Tag == pointer) is not { } at || ReadIfd(file, TiffByteOrder.U32(at.Value, 0, big), big) is not { } sub) continue;
            uint offset = WriteIfd(block, sub.Where(e => e.Tag != InteropIfd).Select(e => new Slot(e.Tag, null, e)).ToList(), 0, big);
            kept.Add(new Entry(pointer, 4, 1, Bytes32(offset, big)));
        }
        if (!kept.Any(e => e.Tag is ExifIfd or GpsIfd)) return null;
        uint first = WriteIfd(block, kept.OrderBy(e => e.Tag).Select(e => new Slot(e.Tag, null, e)).ToList(), 0, big);
        var bytes = block.ToArray();
        TiffByteOrder.Put32(bytes, 4, first, big);
        return ExifBlock.FromTiff(bytes);
    }

    /// <summary>The tags of a TIFF's first IFD (empty when it is not a classic TIFF).</summary>
    public static IReadOnlySet<int> FirstIfdTags(Stream tiff) =>
        tiff.Length >= 16 && TiffStructure.Open(tiff) is { } file && file.ReadIfd(file.FirstIfd, out _) is { } entries
            ? entries.Select(e => e.Tag).ToHashSet()
            : new HashSet<int>();

    /// <summary>One entry of an IFD being written: the file's own 12 bytes as they were, or a new entry.</summary>
    private sealed record Slot(int Tag, byte[]? Raw, Entry? New);

    /// <summary>Writes an IFD (the new entries' long values first) at the end of the file; returns its offset.</summary>
    private static uint WriteIfd(Stream tiff, List<Slot> slots, uint next, bool big)
    {
        var values = slots.Where(s => s.New is { Value.Length: > 4 }).ToDictionary(s => s.New!, s => Append(tiff, s.New!.Value));
        Align(tiff);
        uint at = checked((uint)tiff.Position);
        var buffer = new byte[2 + 12 * slots.Count + 4];
        TiffByteOrder.Put16(buffer, 0, slots.Count, big);
        for (int i = 0; i < slots.Count; i++)
        {
            var slot = buffer.AsSpan(2 + 12 * i, 12);
            if (slots[i].New is not { } e) { slots[i].Raw.CopyTo(slot); continue; }
            TiffByteOrder.Put16(slot, 0, e.Tag, big);
            TiffByteOrder.Put16(slot, 2, e.Type, big);
            TiffByteOrder.Put32(slot, 4, (uint)e.Count, big);
            if (e.Value.Length <= 4) e.Value.CopyTo(slot[8..]);
            else TiffByteOrder.Put32(slot, 8, values[e], big);
        }
        TiffByteOrder.Put32(buffer, 2 + 12 * slots.Count, next, big);
        tiff.Write(buffer);
        return at;
    }

    private static uint Append(Stream tiff, byte[] value)
    {
        Align(tiff);
        uint at = checked((uint)tiff.Position);
        tiff.Write(value);
        return at;
    }

    private static void Align(Stream tiff)
    {
        if (tiff.Position % 2 != 0) tiff.WriteByte(0);
    }

    /// <summary>
    /// An IFD's entries, sorted, values re-encoded for <paramref name="big"/> when the structure's order differs; null if
    /// the IFD is damaged. Entries of unknown type, over 16 MB or pointing outside the structure are left out.
    /// </summary>
    private static List<Entry>? ReadIfd(TiffStructure source, long at, bool big)
    {
        if (source.ReadIfd(at, out _) is not { } entries) return null;
        var kept = new List<Entry>();
        foreach (var e in entries)
        {
            if (source.Value(e, limit: Math.Min(source.Length, 1 << 24)) is not { } value) continue; // an unknown type or a damaged entry
            if (source.BigEndian != big) Swap(value, e.Type);
            kept.Add(new Entry(e.Tag, e.Type, (int)e.Count, value.Length < 4 ? [.. value, .. new byte[4 - value.Length]] : value));
        }
        return kept.OrderBy(e => e.Tag).ToList();
    }

    /// <summary>Reverses each number's bytes (a rational's two halves each).</summary>
    private static void Swap(byte[] value, int type)
    {
        int width = type is 5 or 10 ? 4 : TiffTags.TypeSize(type);
        if (width <= 1) return;
        for (int i = 0; i + width <= value.Length; i += width) Array.Reverse(value, i, width);
    }

    private static byte[] Bytes32(uint v, bool big)
    {
        var b = new byte[4];
        TiffByteOrder.Put32(b, 0, v, big);
        return b;
    }
}
