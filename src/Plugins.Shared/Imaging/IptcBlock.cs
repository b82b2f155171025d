using System.Buffers.Binary;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// The two shapes IPTC comes in. A JPEG carries it in APP13 as a Photoshop resource block ("Photoshop 3.0\0", then
/// "8BIM" resources, IPTC being resource 0x0404), which libvips reads whole as "iptc-data"; a TIFF carries either
/// that block without its header in the Photoshop tag ("photoshop-data") or bare IPTC records in its IPTC tag. A
/// document keeps the JPEG shape, and of the block only the resources that describe the photo's rights and
/// caption (<see cref="Kept"/>): a Photoshop block also holds a thumbnail of the unretouched photo, which a file
/// browser would show for the result.
/// </summary>
internal static class IptcBlock
{
    public const int IptcRecords = 0x0404;

    /// <summary>IPTC records, the copyright flag, the URL and the caption digest (the MD5 of the IPTC records).</summary>
    private static readonly int[] Kept = [IptcRecords, 0x040A, 0x040B, 0x0425];

    private static ReadOnlySpan<byte> Header => "Photoshop 3.0\0"u8;

    public static bool IsPhotoshopBlock(byte[] block) => block.AsSpan().StartsWith(Header);

    public static byte[] WithHeader(byte[] resources) => [.. Header, .. resources];

    public static byte[] WithoutHeader(byte[] block) => block[Header.Length..];

    /// <summary>The block as APP13 wants it: already a Photoshop block, or bare IPTC records wrapped as resource 0x0404.</summary>
    public static byte[] AsPhotoshopBlock(byte[] iptc) => IsPhotoshopBlock(iptc) ? iptc : Build([(IptcRecords, iptc)]);

    /// <summary>A Photoshop block with only its <see cref="Kept"/> resources; null when it has none. Bare records as they are.</summary>
    public static byte[]? MetadataOnly(byte[] block)
    {
        if (!IsPhotoshopBlock(block)) return block;
        var kept = Resources(block).Where(r => Kept.Contains(r.Id)).ToList();
        return kept.Count == 0 ? null : Build(kept);
    }

    /// <summary>The resources of a Photoshop block (bare IPTC records: one resource 0x0404); a damaged entry ends the list.</summary>
    public static IEnumerable<(int Id, byte[] Bytes)> Resources(byte[] block)
    {
        if (!IsPhotoshopBlock(block))
        {
            yield return (IptcRecords, block);
            yield break;
        }
        foreach (var resource in ResourcesFrom(block, Header.Length)) yield return resource;
    }

    /// <summary>The resources of a PSD's image resources section (the same records, without the APP13 header).</summary>
    public static IEnumerable<(int Id, byte[] Bytes)> SectionResources(byte[] section) => ResourcesFrom(section, 0);

    private static IEnumerable<(int Id, byte[] Bytes)> ResourcesFrom(byte[] block, int pos)
        => Entries(block, pos, block.Length).Select(e => (e.Id, block.AsSpan(e.DataAt, e.Size).ToArray()));

    /// <summary>Where one resource lies: its start, its Pascal name (with its length byte and padding), its data, and where the next begins.</summary>
    public readonly record struct Entry(int Id, int Start, int NameAt, int DataAt, int Size, int Next)
    {
        public int NameLength => DataAt - 4 - NameAt;
    }

    /// <summary>The resources between <paramref name="pos"/> and <paramref name="end"/>; a damaged entry ends the list.</summary>
    public static IEnumerable<Entry> Entries(byte[] block, int pos, int end)
    {
        while (pos + 12 <= end && block.AsSpan(pos, 4).SequenceEqual("8BIM"u8))
        {
            int id = BinaryPrimitives.ReadUInt16BigEndian(block.AsSpan(pos + 4));
            int sizeAt = pos + 6 + ((1 + block[pos + 6] + 1) & ~1); // after the Pascal name, padded to even
            if (sizeAt + 4 > end) yield break;
            int size = BinaryPrimitives.ReadInt32BigEndian(block.AsSpan(sizeAt));
            if (size < 0 || sizeAt + 4 + size > end) yield break;
            int next = Math.Min(end, sizeAt + 4 + size + (size & 1));
            yield return new Entry(id, pos, pos + 6, sizeAt + 4, size, next);
            pos = next;
        }
    }

    /// <summary>A Photoshop block of these resources.</summary>
    private static byte[] Build(IReadOnlyList<(int Id, byte[] Bytes)> resources)
    {
        var block = new MemoryStream();
        block.Write(Header);
        foreach (var (id, bytes) in resources) WriteResource(block, id, bytes);
        return block.ToArray();
    }

    /// <summary>
    /// One Photoshop resource as a block and a PSD's image resources hold it: "8BIM", id, its Pascal name (empty unless
    /// <paramref name="name"/> gives one as stored: length byte, text, padding to even length), size, data padded to even length.
    /// </summary>
    public static void WriteResource(Stream output, int id, ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> name = default)
    {
        Span<byte> head = stackalloc byte[6];
        "8BIM"u8.CopyTo(head);
        BinaryPrimitives.WriteUInt16BigEndian(head[4..], (ushort)id);
        output.Write(head);
        if (name.IsEmpty) output.Write([0, 0]); // the empty Pascal name, padded to even length
        else output.Write(name);
        Span<byte> size = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(size, bytes.Length);
        output.Write(size);
        output.Write(bytes);
        if (bytes.Length % 2 == 1) output.WriteByte(0);
    }
}
