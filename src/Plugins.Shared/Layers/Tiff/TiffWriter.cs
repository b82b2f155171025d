using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Shared.Layers.Tiff;

/// <summary>
/// Writes a little-endian multi-page TIFF, one page per layer (bottom layer first), each page an RGBA
/// image of the layer's own size at 8 or 16 bits with unassociated alpha, named by PageName (tag 285),
/// one strip, uncompressed or Deflate (compression 8). The ICC profile goes on every page. A document that would pass
/// 4 GiB is written as a BigTIFF (64-bit offsets), which libtiff-based readers (GIMP, ImageMagick, libvips, Affinity)
/// open; under that, the classic TIFF every reader opens.
/// </summary>
public static class TiffWriter
{
    /// <summary>Classic TIFF offsets are 32-bit; kept a megabyte short of that for the IFDs and metadata written after the last strip.</summary>
    private const long ClassicLimit = uint.MaxValue - (1L << 20);

    /// <param name="bigTiff">true or false to choose the form; null (the default) writes a BigTIFF only when a classic TIFF
    /// cannot hold the document.</param>
    public static void Write(LayerDocument document, Stream output, bool deflate = true, bool? bigTiff = null)
    {
        if (!output.CanSeek) throw new ArgumentException("TIFF writing needs a seekable stream", nameof(output));
        if (document.Layers.Count == 0) throw new ArgumentException("a TIFF needs at least one layer (page)", nameof(document));
        long start = output.Position;
        // Each page's strip is deflated on its own: spread over the cores, written in order. Uncompressed strips are
        // made one at a time (held together they would be the whole document's size again).
        var strips = new byte[document.Layers.Count][];
        if (deflate) Parallel.For(0, strips.Length, i => strips[i] = PixelBytes(document.Layers[i], document.BitsPerSample, deflate));
        long total = 16 + Enumerable.Range(0, strips.Length).Sum(i => (strips[i]?.LongLength ?? RawBytes(document.Layers[i], document.BitsPerSample))
            + (document.IccProfile?.Length ?? 0) + 1024) + (document.Xmp?.Length ?? 0) + 2L * (document.Iptc?.Length ?? 0);
        bool big = bigTiff ?? total > ClassicLimit;
        if (!big && total > ClassicLimit) throw new IOException($"layered TIFF would be {total >> 20} MiB, over a classic TIFF's 4 GiB; write it as a BigTIFF");
        var form = new TiffForm(BigEndian: false, big);
        output.Write(form.Header());
        long nextPointer = start + form.FirstIfdPointerAt;
        for (int i = 0; i < document.Layers.Count; i++)
        {
            var strip = strips[i] ?? PixelBytes(document.Layers[i], document.BitsPerSample, deflate);
            strips[i] = null!; // written below; let it go
            TiffIfdWriter.Align(output);
            long stripAt = output.Position - start;
            output.Write(strip);
            var tags = PageTags(document, i, stripAt, strip.Length, deflate, form);
            long ifd = TiffIfdWriter.Write(output, start, tags.OrderBy(t => t.Tag).Select(TiffSlot.New).ToList(), 0, form, out long ifdNext);
            TiffIfdWriter.Patch(output, nextPointer, ifd, form);
            nextPointer = ifdNext;
        }
    }

    private static long RawBytes(Layer layer, int bits) => (long)layer.Width * layer.Height * 4 * (bits / 8);

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

    private static List<TiffField> PageTags(LayerDocument doc, int index, long stripAt, long stripLength, bool deflate, TiffForm form)
    {
        var layer = doc.Layers[index];
        ushort bits = (ushort)doc.BitsPerSample;
        var info = new TiffLayerInfo(doc.Width, doc.Height, layer.OffsetX, layer.OffsetY, layer.Opacity, layer.BlendMode, layer.Visible);
        var tags = new List<TiffField>
        {
            Longs(TiffTags.NewSubfileType, 2), // a page of a multi-page document
            Longs(TiffTags.ImageWidth, (uint)layer.Width),
            Longs(TiffTags.ImageLength, (uint)layer.Height),
            Shorts(TiffTags.BitsPerSample, bits, bits, bits, bits),
            Shorts(TiffTags.Compression, (ushort)(deflate ? TiffTags.CompressionDeflate : TiffTags.CompressionNone)),
            Shorts(TiffTags.Photometric, 2),
            Text(TiffTags.ImageDescription, info.Format()),
            new(TiffTags.StripOffsets, form.OffsetType, 1, form.OffsetBytes(stripAt)),
            Shorts(TiffTags.SamplesPerPixel, 4),
            Longs(TiffTags.RowsPerStrip, (uint)layer.Height),
            new(TiffTags.StripByteCounts, form.OffsetType, 1, form.OffsetBytes(stripLength)),
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
        if (doc.IccProfile is { Length: > 0 } icc) tags.Add(new TiffField(TiffTags.IccProfile, TiffTags.Undefined, (uint)icc.Length, icc));
        if (index == 0)
        {
            // The photo's XMP (tag 700), its IPTC records (tag 33723, whole 32-bit words) and its Photoshop resource
            // block (tag 34377), where Photoshop, libtiff-based readers and exiftool look; once, on the first page.
            // (EXIF would need an IFD of its own: not written.)
            if (doc.Xmp is { Length: > 0 } xmp) tags.Add(new TiffField(TiffTags.Xmp, TiffTags.Byte, (uint)xmp.Length, xmp));
            if (doc.Iptc is { Length: > 0 } iptc && Imaging.IptcBlock.IsPhotoshopBlock(iptc))
            {
                var resources = Imaging.IptcBlock.WithoutHeader(iptc);
                tags.Add(new TiffField(TiffTags.Photoshop, TiffTags.Byte, (uint)resources.Length, resources));
                if (Imaging.IptcBlock.Resources(iptc).FirstOrDefault(r => r.Id == Imaging.IptcBlock.IptcRecords).Bytes is { } records)
                {
                    var words = new byte[(records.Length + 3) & ~3];
                    records.CopyTo(words, 0);
                    tags.Add(new TiffField(TiffTags.RichTiffIptc, TiffTags.Long, (uint)(words.Length / 4), words));
                }
            }
        }
        return tags;
    }

    private static TiffField Shorts(ushort tag, params ushort[] v)
    {
        var b = new byte[v.Length * 2];
        for (int i = 0; i < v.Length; i++) BinaryPrimitives.WriteUInt16LittleEndian(b.AsSpan(i * 2), v[i]);
        return new TiffField(tag, TiffTags.Short, (uint)v.Length, b);
    }

    private static TiffField Longs(ushort tag, uint v)
    {
        var b = new byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, v);
        return new TiffField(tag, TiffTags.Long, 1, b);
    }

    private static TiffField Rational(ushort tag, uint num, uint den)
    {
        var b = new byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(b, num);
        BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(4), den);
        return new TiffField(tag, TiffTags.Rational, 1, b);
    }

    /// <summary>TIFF ASCII is NUL-terminated; names are stored as UTF-8 so non-ASCII names survive our reader.</summary>
    private static TiffField Text(ushort tag, string s)
    {
        var b = Encoding.UTF8.GetBytes(s + "\0");
        return new TiffField(tag, TiffTags.Ascii, (uint)b.Length, b);
    }
}
