using System.Buffers.Binary;
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
        var source = ExifBlock.Tiff(exif).ToArray();
        if (!TryOrder(source, out bool sourceBig)) return;
        var head = new byte[8];
        tiff.Position = 0;
        tiff.ReadExactly(head);
        if (!TryOrder(head, out bool big) || U16(head, 2, big) != 42) return; // BigTIFF (43) or not a TIFF: left as it is

        var exifStream = new MemoryStream(source, writable: false);
        var exifIfd0 = ReadIfd(exifStream, U32(source, 4, sourceBig), sourceBig, big);
        if (exifIfd0 is null) return;
        var fileIfd0At = U32(head, 4, big);
        var fileIfd0 = ReadRawIfd(tiff, fileIfd0At, big, out uint nextIfd);
        var present = fileIfd0.Select(e => (int)U16(e, 0, big)).ToHashSet();

        var added = new List<Entry>();
        foreach (var e in exifIfd0.Where(e => CameraTags.Contains(e.Tag) && !present.Contains(e.Tag))) added.Add(e);
        tiff.Seek(0, SeekOrigin.End);
        foreach (var pointer in new[] { ExifIfd, GpsIfd })
        {
            if (present.Contains(pointer) || exifIfd0.FirstOrDefault(e => e.Tag == pointer) is not { } at) continue;
            var sub = ReadIfd(exifStream, U32(at.Value, 0, big), sourceBig, big); // the pointer is in the file's order already
            if (sub is null) continue;
            uint offset = WriteIfd(tiff, sub.Where(e => e.Tag != InteropIfd).Select(e => new Slot(e.Tag, null, e)).ToList(), 0, big);
            added.Add(new Entry(pointer, 4, 1, Bytes32(offset, big)));
        }
        if (added.Count == 0) return;

        // The first IFD again: its own entries as they were, the new ones in tag order, the same next IFD.
        var slots = fileIfd0.Select(raw => new Slot(U16(raw, 0, big), raw, null)).Concat(added.Select(e => new Slot(e.Tag, null, e)));
        uint ifd0 = WriteIfd(tiff, slots.OrderBy(e => e.Tag).ToList(), nextIfd, big);
        Put32(head, 4, ifd0, big);
        tiff.Position = 0;
        tiff.Write(head);
    }

    /// <summary>
    /// The EXIF of a TIFF, in libvips' shape ("Exif\0\0" then a TIFF structure in the file's byte order): the camera
    /// tags of its first IFD and its EXIF and GPS IFDs; null when it has none. libvips reads none from a TIFF, so a
    /// TIFF handed over by Lightroom lost its capture data when written back.
    /// </summary>
    public static byte[]? Read(Stream tiff)
    {
        if (tiff.Length < 16) return null;
        var head = Read(tiff, 0, 8);
        if (!TryOrder(head, out bool big) || U16(head, 2, big) != 42) return null;
        var ifd0 = ReadIfd(tiff, U32(head, 4, big), big, big);
        if (ifd0 is null) return null;
        var block = new MemoryStream();
        block.Write(head.AsSpan(0, 4));
        block.Write(new byte[4]); // the first IFD's offset, once it is written
        var kept = ifd0.Where(e => CameraTags.Contains(e.Tag)).ToList();
        foreach (var pointer in new[] { ExifIfd, GpsIfd })
        {
            if (ifd0.FirstOrDefault(e => e.Tag == pointer) is not { } at || ReadIfd(tiff, U32(at.Value, 0, big), big, big) is not { } sub) continue;
            uint offset = WriteIfd(block, sub.Where(e => e.Tag != InteropIfd).Select(e => new Slot(e.Tag, null, e)).ToList(), 0, big);
            kept.Add(new Entry(pointer, 4, 1, Bytes32(offset, big)));
        }
        if (!kept.Any(e => e.Tag is ExifIfd or GpsIfd)) return null;
        uint first = WriteIfd(block, kept.OrderBy(e => e.Tag).Select(e => new Slot(e.Tag, null, e)).ToList(), 0, big);
        var bytes = block.ToArray();
        Put32(bytes, 4, first, big);
        return ExifBlock.FromTiff(bytes);
    }

    /// <summary>The tags of a TIFF's first IFD (empty when it is not a classic TIFF).</summary>
    public static IReadOnlySet<int> FirstIfdTags(Stream tiff)
    {
        if (tiff.Length < 16) return new HashSet<int>();
        var head = Read(tiff, 0, 8);
        if (!TryOrder(head, out bool big) || U16(head, 2, big) != 42) return new HashSet<int>();
        return ReadRawIfd(tiff, U32(head, 4, big), big, out _).Select(raw => U16(raw, 0, big)).ToHashSet();
    }

    /// <summary>One entry of an IFD being written: the file's own 12 bytes as they were, or a new entry.</summary>
    private sealed record Slot(int Tag, byte[]? Raw, Entry? New);

    /// <summary>Writes an IFD (the new entries' long values first) at the end of the file; returns its offset.</summary>
    private static uint WriteIfd(Stream tiff, List<Slot> slots, uint next, bool big)
    {
        var values = slots.Where(s => s.New is { Value.Length: > 4 }).ToDictionary(s => s.New!, s => Append(tiff, s.New!.Value));
        Align(tiff);
        uint at = checked((uint)tiff.Position);
        var buffer = new byte[2 + 12 * slots.Count + 4];
        Put16(buffer, 0, slots.Count, big);
        for (int i = 0; i < slots.Count; i++)
        {
            var slot = buffer.AsSpan(2 + 12 * i, 12);
            if (slots[i].New is not { } e) { slots[i].Raw.CopyTo(slot); continue; }
            Put16(slot, 0, e.Tag, big);
            Put16(slot, 2, e.Type, big);
            Put32(slot, 4, (uint)e.Count, big);
            if (e.Value.Length <= 4) e.Value.CopyTo(slot[8..]);
            else Put32(slot, 8, values[e], big);
        }
        Put32(buffer, 2 + 12 * slots.Count, next, big);
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
    /// An IFD's entries in a TIFF structure (a file, or an EXIF block as a stream), sorted, values re-encoded for
    /// <paramref name="big"/> when the source's order differs; null if damaged. Entries of unknown type or pointing
    /// outside the source are left out.
    /// </summary>
    private static List<Entry>? ReadIfd(Stream source, long at, bool sourceBig, bool big)
    {
        long length = source.Length;
        if (at < 8 || at + 2 > length) return null;
        var countBytes = Read(source, at, 2);
        int count = U16(countBytes, 0, sourceBig);
        if (at + 2 + 12L * count > length) return null;
        var body = Read(source, at + 2, 12 * count);
        var entries = new List<Entry>();
        for (int i = 0; i < count; i++)
        {
            int p = 12 * i;
            int tag = U16(body, p, sourceBig), type = U16(body, p + 2, sourceBig);
            long countValues = U32(body, p + 4, sourceBig);
            int unit = TiffTags.TypeSize(type);
            if (unit == 0 || countValues * unit > Math.Min(length, 1 << 24)) continue; // an unknown type or a damaged entry
            int size = (int)(countValues * unit);
            long valueAt = size <= 4 ? -1 : U32(body, p + 8, sourceBig);
            if (valueAt + size > length) continue;
            var value = valueAt < 0 ? body.AsSpan(p + 8, size).ToArray() : Read(source, valueAt, size);
            if (sourceBig != big) Swap(value, type);
            entries.Add(new Entry(tag, type, (int)countValues, value.Length < 4 ? [.. value, .. new byte[4 - value.Length]] : value));
        }
        return entries.OrderBy(e => e.Tag).ToList();
    }

    private static byte[] Read(Stream source, long at, int count)
    {
        var bytes = new byte[count];
        source.Position = at;
        source.ReadExactly(bytes);
        return bytes;
    }

    /// <summary>The file's first IFD as raw 12-byte entries (its own byte order), and its next-IFD offset.</summary>
    private static List<byte[]> ReadRawIfd(Stream tiff, uint at, bool big, out uint next)
    {
        tiff.Position = at;
        var countBytes = new byte[2];
        tiff.ReadExactly(countBytes);
        int count = U16(countBytes, 0, big);
        var body = new byte[12 * count + 4];
        tiff.ReadExactly(body);
        next = U32(body, 12 * count, big);
        return Enumerable.Range(0, count).Select(i => body.AsSpan(12 * i, 12).ToArray()).ToList();
    }

    /// <summary>Reverses each number's bytes (a rational's two halves each).</summary>
    private static void Swap(byte[] value, int type)
    {
        int width = type is 5 or 10 ? 4 : TiffTags.TypeSize(type);
        if (width <= 1) return;
        for (int i = 0; i + width <= value.Length; i += width) Array.Reverse(value, i, width);
    }

    private static bool TryOrder(ReadOnlySpan<byte> data, out bool big)
    {
        big = data.Length >= 8 && data[0] == (byte)'M' && data[1] == (byte)'M';
        return data.Length >= 8 && (big || (data[0] == (byte)'I' && data[1] == (byte)'I'));
    }

    private static int U16(ReadOnlySpan<byte> d, int at, bool big) => big ? BinaryPrimitives.ReadUInt16BigEndian(d[at..]) : BinaryPrimitives.ReadUInt16LittleEndian(d[at..]);
    private static uint U32(ReadOnlySpan<byte> d, int at, bool big) => big ? BinaryPrimitives.ReadUInt32BigEndian(d[at..]) : BinaryPrimitives.ReadUInt32LittleEndian(d[at..]);

    private static void Put16(Span<byte> d, int at, int v, bool big)
    {
        if (big) BinaryPrimitives.WriteUInt16BigEndian(d[at..], (ushort)v);
        else BinaryPrimitives.WriteUInt16LittleEndian(d[at..], (ushort)v);
    }

    private static void Put32(Span<byte> d, int at, uint v, bool big)
    {
        if (big) BinaryPrimitives.WriteUInt32BigEndian(d[at..], v);
        else BinaryPrimitives.WriteUInt32LittleEndian(d[at..], v);
    }

    private static byte[] Bytes32(uint v, bool big)
    {
        var b = new byte[4];
        Put32(b, 0, v, big);
        return b;
    }
}
