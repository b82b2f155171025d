namespace RetouchPlugins.Shared.Imaging;

/// <summary>A field to write into an IFD: its value's bytes in the file's byte order, held in the entry when they fit.</summary>
internal sealed record TiffField(int Tag, int Type, long Count, byte[] Value);

/// <summary>One entry of an IFD being written: a new field, or an entry of the file kept as its own bytes (its value stays where it is).</summary>
internal readonly record struct TiffSlot(int Tag, byte[]? Raw, TiffField? Field)
{
    public static TiffSlot New(TiffField field) => new(field.Tag, null, field);

    public static TiffSlot Keep(TiffEntry entry) => new(entry.Tag, entry.Raw, null);
}

/// <summary>
/// Writes one IFD, classic or BigTIFF, in either byte order: the layered TIFF writer's pages and the EXIF IFDs added to
/// a TIFF. The new fields' out-of-line values go first, then the IFD, each on a word boundary.
/// </summary>
internal static class TiffIfdWriter
{
    /// <param name="start">where the TIFF starts in <paramref name="output"/>: offsets are from there.</param>
    /// <param name="slots">the entries in tag order (TIFF requires it).</param>
    /// <param name="next">the next IFD's offset, 0 at the last.</param>
    /// <param name="nextPointerAt">where the written IFD's next-IFD offset lies in <paramref name="output"/>.</param>
    /// <returns>The IFD's offset.</returns>
    public static long Write(Stream output, long start, IReadOnlyList<TiffSlot> slots, long next, TiffForm form, out long nextPointerAt)
    {
        var valueAt = new long[slots.Count];
        for (int i = 0; i < slots.Count; i++)
        {
            if (slots[i].Field is not { } f || f.Value.Length <= form.OffsetSize) continue;
            Align(output);
            valueAt[i] = output.Position - start;
            output.Write(f.Value);
        }
        Align(output);
        long ifd = output.Position - start;
        var buffer = new byte[form.CountSize + form.EntrySize * slots.Count + form.OffsetSize];
        form.PutCount(buffer, slots.Count);
        for (int i = 0; i < slots.Count; i++)
        {
            var entry = buffer.AsSpan(form.CountSize + form.EntrySize * i, form.EntrySize);
            if (slots[i].Field is not { } f)
            {
                if (slots[i].Raw is not { } raw || raw.Length != form.EntrySize) throw new ArgumentException($"tag {slots[i].Tag}: a kept entry must be {form.EntrySize} bytes");
                raw.CopyTo(entry);
                continue;
            }
            TiffByteOrder.Put16(entry, 0, f.Tag, form.BigEndian);
            TiffByteOrder.Put16(entry, 2, f.Type, form.BigEndian);
            form.PutOffset(entry[4..], f.Count);
            var value = entry[(4 + form.OffsetSize)..];
            if (f.Value.Length <= form.OffsetSize) f.Value.CopyTo(value); // the rest stays zero
            else form.PutOffset(value, valueAt[i]);
        }
        form.PutOffset(buffer.AsSpan(buffer.Length - form.OffsetSize), next);
        nextPointerAt = output.Position + buffer.Length - form.OffsetSize;
        output.Write(buffer);
        return ifd;
    }

    /// <summary>Points the header's first-IFD offset (<see cref="TiffForm.FirstIfdPointerAt"/>) or an IFD's next pointer at <paramref name="value"/>.</summary>
    public static void Patch(Stream output, long at, long value, TiffForm form)
    {
        long end = output.Position;
        output.Position = at;
        output.Write(form.OffsetBytes(value));
        output.Position = end;
    }

    public static void Align(Stream output)
    {
        if (output.Position % 2 != 0) output.WriteByte(0);
    }
}
