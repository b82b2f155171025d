using RetouchPlugins.Shared.Layers.Tiff;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// Puts a photo's EXIF into a TIFF: libvips writes none (a camera's exposure, lens and capture time were lost from every
/// TIFF result, and Lightroom, which re-reads an edited TIFF, lost them from its catalogue). The EXIF's own IFD (and GPS
/// IFD, if any) are written after the file's data, re-encoded in the file's byte order, the camera tags of the EXIF's
/// first IFD (make, model, date, artist, copyright, description, software) are added to the TIFF's first IFD where it
/// lacks them, and that IFD is written again with the pointers, the header pointing at it. Nothing already in the file
/// moves. Classic TIFF and BigTIFF alike (libvips and our layered writer write a BigTIFF over 4 GiB).
/// </summary>
internal static class TiffExif
{
    private const int ExifIfd = 34665, GpsIfd = 34853, InteropIfd = 40965;

    /// <summary>Tags of an EXIF's first IFD that describe the photo, not the pixels' layout.</summary>
    private static readonly HashSet<int> CameraTags = [270, 271, 272, 305, 306, 315, 33432];

    /// <param name="tiff">a seekable, writable stream holding a whole TIFF (classic or BigTIFF).</param>
    /// <param name="exif">libvips' shape: "Exif\0\0" then a TIFF structure. Ignored when it cannot be read.</param>
    public static void AddTo(Stream tiff, byte[] exif)
    {
        if (OpenBlock(ExifBlock.Tiff(exif).ToArray()) is not { } source) return;
        if (TiffStructure.Open(tiff) is not { } file) return; // not a TIFF: left as it is
        var form = file.Form;
        var sourceIfd0 = source.ReadIfd(source.FirstIfd, out _);
        var fileIfd0 = file.ReadIfd(file.FirstIfd, out long nextIfd);
        if (sourceIfd0 is null || fileIfd0 is null) return;
        var exifIfd0 = Fields(source, sourceIfd0, form.BigEndian);
        var present = fileIfd0.Select(e => e.Tag).ToHashSet();

        var added = new List<TiffField>();
        foreach (var e in exifIfd0.Where(e => CameraTags.Contains(e.Tag) && !present.Contains(e.Tag))) added.Add(e);
        tiff.Seek(0, SeekOrigin.End);
        foreach (var pointer in new[] { ExifIfd, GpsIfd })
        {
            if (present.Contains(pointer) || TiffStructure.Find(sourceIfd0, pointer) is not { } at
                || source.Pointer(at) is not { } subAt || ReadIfd(source, subAt, form.BigEndian) is not { } sub) continue;
            long offset = TiffIfdWriter.Write(tiff, 0, sub.Where(e => e.Tag != InteropIfd).Select(TiffSlot.New).ToList(), 0, form, out _);
            added.Add(new TiffField(pointer, form.PointerType, 1, form.OffsetBytes(offset)));
        }
        if (added.Count == 0) return;

        // The first IFD again: its own entries as they were, the new ones in tag order, the same next IFD.
        var slots = fileIfd0.Select(TiffSlot.Keep).Concat(added.Select(TiffSlot.New));
        long ifd0 = TiffIfdWriter.Write(tiff, 0, slots.OrderBy(e => e.Tag).ToList(), nextIfd, form, out _);
        TiffIfdWriter.Patch(tiff, form.FirstIfdPointerAt, ifd0, form);
    }

    /// <summary>An EXIF block's TIFF structure: always classic (EXIF defines no BigTIFF form); null when it is not one.</summary>
    private static TiffStructure? OpenBlock(byte[] block) =>
        TiffStructure.Open(new MemoryStream(block, writable: false)) is { IsBigTiff: false } source ? source : null;

    /// <summary>
    /// The EXIF of a TIFF, in libvips' shape ("Exif\0\0" then a TIFF structure in the file's byte order): the camera
    /// tags of its first IFD and its EXIF and GPS IFDs; null when it has none. libvips reads none from a TIFF, so a
    /// TIFF handed over by Lightroom lost its capture data when written back.
    /// </summary>
    public static byte[]? Read(Stream tiff)
    {
        if (tiff.Length < 16 || TiffStructure.Open(tiff) is not { } file || file.ReadIfd(file.FirstIfd, out _) is not { } entries) return null;
        var block = new MemoryStream();
        var form = new TiffForm(file.BigEndian, BigTiff: false); // an EXIF block is a classic TIFF, whatever the file is
        block.Write(form.Header());
        var kept = Fields(file, entries, form.BigEndian).Where(e => CameraTags.Contains(e.Tag)).ToList();
        foreach (var pointer in new[] { ExifIfd, GpsIfd })
        {
            if (TiffStructure.Find(entries, pointer) is not { } at || file.Pointer(at) is not { } subAt
                || ReadIfd(file, subAt, form.BigEndian) is not { } sub) continue;
            long offset = TiffIfdWriter.Write(block, 0, sub.Where(e => e.Tag != InteropIfd).Select(TiffSlot.New).ToList(), 0, form, out _);
            kept.Add(new TiffField(pointer, form.PointerType, 1, form.OffsetBytes(offset)));
        }
        if (!kept.Any(e => e.Tag is ExifIfd or GpsIfd)) return null;
        long first = TiffIfdWriter.Write(block, 0, kept.OrderBy(e => e.Tag).Select(TiffSlot.New).ToList(), 0, form, out _);
        TiffIfdWriter.Patch(block, form.FirstIfdPointerAt, first, form);
        return ExifBlock.FromTiff(block.ToArray());
    }

    /// <summary>The tags of a TIFF's first IFD (empty when it is not a TIFF).</summary>
    public static IReadOnlySet<int> FirstIfdTags(Stream tiff) =>
        tiff.Length >= 16 && TiffStructure.Open(tiff) is { } file && file.ReadIfd(file.FirstIfd, out _) is { } entries
            ? entries.Select(e => e.Tag).ToHashSet()
            : new HashSet<int>();

    /// <summary>
    /// An IFD's entries as fields, sorted, values re-encoded for <paramref name="big"/> when the structure's order differs;
    /// null if the IFD is damaged. Entries of unknown type, over 16 MB or pointing outside the structure are left out, and
    /// so are BigTIFF's 64-bit types, which an EXIF block (always classic) cannot hold.
    /// </summary>
    private static List<TiffField>? ReadIfd(TiffStructure source, long at, bool big) =>
        source.ReadIfd(at, out _) is { } entries ? Fields(source, entries, big) : null;

    /// <summary>An IFD's <paramref name="entries"/> as fields (see <see cref="ReadIfd"/>).</summary>
    private static List<TiffField> Fields(TiffStructure source, List<TiffEntry> entries, bool big)
    {
        var kept = new List<TiffField>();
        foreach (var e in entries)
        {
            if (e.Type is TiffTags.Long8 or TiffTags.SLong8 or TiffTags.Ifd8) continue;
            if (source.Value(e, limit: Math.Min(source.Length, 1 << 24)) is not { } value) continue; // an unknown type or a damaged entry
            if (source.BigEndian != big) Swap(value, e.Type);
            kept.Add(new TiffField(e.Tag, e.Type, e.Count, value));
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
}
