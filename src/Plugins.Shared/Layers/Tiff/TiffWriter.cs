using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace RetouchPlugins.Shared.Layers.Tiff;

/// <summary>
/// Writes a little-endian multi-page TIFF, one page per layer (bottom layer first), each page an RGBA
/// image of the layer's own size at 8 or 16 bits with unassociated alpha, named by PageName (tag 285),
/// one strip, uncompressed or Deflate (compression 8). The ICC profile goes on every page.
/// </summary>
public static class TiffWriter
{
    public static void Write(LayerDocument document, Stream output, bool deflate = true)
    {
        if (!output.CanSeek) throw new ArgumentException("TIFF writing needs a seekable stream", nameof(output));
        if (document.Layers.Count == 0) throw new ArgumentException("a TIFF needs at least one layer (page)", nameof(document));
        long start = output.Position;
        output.Write("II*\0"u8);
        long nextPointer = output.Position;
        output.Write(new byte[4]);
        // Each page's strip is deflated on its own: spread over the cores, written in order. Uncompressed strips are
        // made one at a time (held together they would be the whole document's size again).
        var strips = new byte[document.Layers.Count][];
        if (deflate) Parallel.For(0, strips.Length, i => strips[i] = PixelBytes(document.Layers[i], document.BitsPerSample, deflate));
        for (int i = 0; i < document.Layers.Count; i++)
        {
            var strip = strips[i] ?? PixelBytes(document.Layers[i], document.BitsPerSample, deflate);
            strips[i] = null!; // written below; let it go
            Align(output);
            long stripAt = output.Position - start;
            if (stripAt + strip.Length > uint.MaxValue - (1 << 20)) throw new IOException("layered TIFF would exceed 4 GiB (classic TIFF limit); BigTIFF is not written");
            output.Write(strip);
            var tags = PageTags(document, i, (uint)stripAt, (uint)strip.Length, deflate);
            long ifd = WriteIfd(output, start, tags, out long ifdNext);
            Patch(output, nextPointer, (uint)(ifd - start));
            nextPointer = ifdNext;
        }
    }

    private static byte[] PixelBytes(Layer layer, int bits, bool deflate)
    {
        int w = layer.Width, n = w * layer.Height, bps = bits / 8;
        var raw = new byte[n * 4 * bps];
        for (int c = 0; c < 4; c++)
        {
            var channel = layer.Channel(c);
            for (int y = 0; y < layer.Height; y++)
            {
                var row = channel.Row(y);
                int at = y * w;
                if (bits == 8) for (int x = 0; x < w; x++) raw[(at + x) * 4 + c] = Samples.To8(row[x]);
                else for (int x = 0; x < w; x++) BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(((at + x) * 4 + c) * 2), Samples.To16(row[x]));
            }
        }
        if (!deflate) return raw;
        var ms = new MemoryStream();
        using (var z = new ZLibStream(ms, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
        return ms.ToArray();
    }

    private readonly record struct Entry(ushort Tag, ushort Type, uint Count, byte[] Value);

    private static List<Entry> PageTags(LayerDocument doc, int index, uint stripAt, uint stripLength, bool deflate)
    {
        var layer = doc.Layers[index];
        ushort bits = (ushort)doc.BitsPerSample;
        var info = new TiffLayerInfo(doc.Width, doc.Height, layer.OffsetX, layer.OffsetY, layer.Opacity, layer.BlendMode, layer.Visible);
        var tags = new List<Entry>
        {
            Longs(TiffTags.NewSubfileType, 2), // a page of a multi-page document
            Longs(TiffTags.ImageWidth, (uint)layer.Width),
            Longs(TiffTags.ImageLength, (uint)layer.Height),
            Shorts(TiffTags.BitsPerSample, bits, bits, bits, bits),
            Shorts(TiffTags.Compression, (ushort)(deflate ? TiffTags.CompressionDeflate : TiffTags.CompressionNone)),
            Shorts(TiffTags.Photometric, 2),
            Text(TiffTags.ImageDescription, info.Format()),
            Longs(TiffTags.StripOffsets, stripAt),
            Shorts(TiffTags.SamplesPerPixel, 4),
            Longs(TiffTags.RowsPerStrip, (uint)layer.Height),
            Longs(TiffTags.StripByteCounts, stripLength),
            Rational(TiffTags.XResolution, 72, 1),
            Rational(TiffTags.YResolution, 72, 1),
            Shorts(TiffTags.PlanarConfiguration, 1),
            Text(TiffTags.PageName, layer.Name),
            Shorts(TiffTags.ResolutionUnit, 2),
            Shorts(TiffTags.PageNumber, (ushort)index, (ushort)doc.Layers.Count),
            Text(TiffTags.Software, "RetouchPlugins"),
            Shorts(TiffTags.ExtraSamples, 2), // unassociated alpha
            Shorts(TiffTags.SampleFormat, 1, 1, 1, 1),
        };
        if (doc.IccProfile is { Length: > 0 } icc) tags.Add(new Entry(TiffTags.IccProfile, TiffTags.Undefined, (uint)icc.Length, icc));
        if (index == 0)
        {
            // The photo's XMP (tag 700), its IPTC records (tag 33723, whole 32-bit words) and its Photoshop resource
            // block (tag 34377), where Photoshop, libtiff-based readers and exiftool look; once, on the first page.
            // (EXIF would need an IFD of its own: not written.)
            if (doc.Xmp is { Length: > 0 } xmp) tags.Add(new Entry(TiffTags.Xmp, TiffTags.Byte, (uint)xmp.Length, xmp));
            if (doc.Iptc is { Length: > 0 } iptc && Imaging.IptcBlock.IsPhotoshopBlock(iptc))
            {
                var resources = Imaging.IptcBlock.WithoutHeader(iptc);
                tags.Add(new Entry(TiffTags.Photoshop, TiffTags.Byte, (uint)resources.Length, resources));
                if (Imaging.IptcBlock.Resources(iptc).FirstOrDefault(r => r.Id == Imaging.IptcBlock.IptcRecords).Bytes is { } records)
                {
                    var words = new byte[(records.Length + 3) & ~3];
                    records.CopyTo(words, 0);
                    tags.Add(new Entry(TiffTags.RichTiffIptc, TiffTags.Long, (uint)(words.Length / 4), words));
                }
            }
        }
        return tags;
    }

    private static Entry Shorts(ushort tag, params ushort[] v)
    {
        var b = new byte[v.Length * 2];
        for (int i = 0; i < v.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(i * 2), v[i]);
        return new Entry(tag, TiffTags.Short, (uint)v.Length, b);
    }

    private static Entry Longs(ushort tag, uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return new Entry(tag, TiffTags.Long, 1, b);
    }

    private static Entry Rational(ushort tag, uint num, uint den)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(b, num);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), den);
        return new Entry(tag, TiffTags.Rational, 1, b);
    }

    /// <summary>TIFF ASCII is NUL-terminated; names are stored as UTF-8 so non-ASCII names survive our reader.</summary>
    private static Entry Text(ushort tag, string s)
    {
        var b = Encoding.UTF8.GetBytes(s + "\0");
        return new Entry(tag, TiffTags.Ascii, (uint)b.Length, b);
    }

    /// <summary>Writes out-of-line values, then the IFD; returns the IFD position and where its next-IFD pointer lies.</summary>
    private static long WriteIfd(Stream output, long start, List<Entry> tags, out long nextPointer)
    {
        tags.Sort((a, b) => a.Tag.CompareTo(b.Tag));
        var offsets = new uint[tags.Count];
        for (int i = 0; i < tags.Count; i++)
        {
            if (tags[i].Value.Length <= 4) continue;
            Align(output);
            offsets[i] = (uint)(output.Position - start);
            output.Write(tags[i].Value);
        }
        Align(output);
        long ifd = output.Position;
        var entry = new byte[12];
        BinaryPrimitives.WriteUInt16LittleEndian(entry, (ushort)tags.Count);
        output.Write(entry, 0, 2);
        for (int i = 0; i < tags.Count; i++)
        {
            Array.Clear(entry);
            BinaryPrimitives.WriteUInt16LittleEndian(entry, tags[i].Tag);
            BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(2), tags[i].Type);
            BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(4), tags[i].Count);
            if (tags[i].Value.Length <= 4) tags[i].Value.CopyTo(entry, 8);
            else BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), offsets[i]);
            output.Write(entry);
        }
        nextPointer = output.Position;
        output.Write(new byte[4]);
        return ifd;
    }

    private static void Align(Stream output)
    {
        if (output.Position % 2 == 1) output.WriteByte(0);
    }

    private static void Patch(Stream output, long at, uint value)
    {
        long end = output.Position;
        output.Position = at;
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, value);
        output.Write(b);
        output.Position = end;
    }
}
