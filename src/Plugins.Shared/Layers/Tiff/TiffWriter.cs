using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Shared.Layers.Tiff;

/// <summary>
/// Writes a little-endian multi-page TIFF, one page per layer (bottom layer first), each page an RGBA
/// image of the layer's own size at 8 or 16 bits with unassociated alpha, named by PageName (tag 285),
/// in strips of about a megabyte, uncompressed or Deflate (compression 8) with the horizontal predictor. The ICC profile goes on every page. A
/// document that passes 4 GiB is written as a BigTIFF (64-bit offsets), which libtiff-based readers (GIMP, ImageMagick,
/// libvips, Affinity) open; under that, the classic TIFF every reader opens.
/// </summary>
public static class TiffWriter
{
    /// <summary>Classic TIFF offsets are 32-bit; kept a megabyte short of that for the EXIF added after the last page.</summary>
    private const long ClassicLimit = uint.MaxValue - (1L << 20);

    /// <summary>
    /// Raw bytes per strip. Strips are packed a few per core at a time and written in order, so the write holds a few
    /// megabytes of pixels, not whole pages (a 24 MP page is 96 MB, 192 at 16 bits); Deflate's 32 KB window loses
    /// nothing measurable at this size.
    /// </summary>
    private const int StripBytes = 1 << 20;

    /// <param name="bigTiff">true or false to choose the form; null (the default) writes a BigTIFF only when a classic TIFF
    /// cannot hold the document.</param>
    public static void Write(LayerDocument document, Stream output, bool deflate = true, bool? bigTiff = null) =>
        Write(document, output, deflate, bigTiff, ClassicLimit);

    /// <param name="classicLimit">where a classic TIFF is taken to be full (tests lower it to reach the BigTIFF fallback).</param>
    internal static void Write(LayerDocument document, Stream output, bool deflate, bool? bigTiff, long classicLimit)
    {
        if (!output.CanSeek) throw new ArgumentException("TIFF writing needs a seekable stream", nameof(output));
        if (document.Layers.Count == 0) throw new ArgumentException("a TIFF needs at least one layer (page)", nameof(document));
        long start = output.Position;
        if (bigTiff == true) { WritePages(document, output, start, deflate, new TiffForm(BigEndian: false, BigTiff: true), long.MaxValue); return; }
        try { WritePages(document, output, start, deflate, new TiffForm(BigEndian: false, BigTiff: false), classicLimit); }
        catch (ClassicTiffFull) when (bigTiff is null)
        {
            // Deflate's size is known only once written: past the limit the document is written again as a BigTIFF.
            output.SetLength(start);
            output.Position = start;
            WritePages(document, output, start, deflate, new TiffForm(BigEndian: false, BigTiff: true), long.MaxValue);
        }
        catch (ClassicTiffFull full)
        {
            throw new IOException($"the layered TIFF passes a classic TIFF's 4 GiB at page {full.Page + 1} of {document.Layers.Count}; write it as a BigTIFF", full);
        }
    }

    private sealed class ClassicTiffFull(int page) : Exception
    {
        public int Page { get; } = page;
    }

    private static void WritePages(LayerDocument document, Stream output, long start, bool deflate, TiffForm form, long limit)
    {
        output.Write(form.Header());
        long nextPointer = start + form.FirstIfdPointerAt;
        int bits = document.BitsPerSample, batch = 2 * Environment.ProcessorCount;
        for (int i = 0; i < document.Layers.Count; i++)
        {
            var layer = document.Layers[i];
            int rows = Math.Max(1, StripBytes / (layer.Width * 4 * (bits / 8)));
            int strips = (layer.Height + rows - 1) / rows;
            var offsets = new long[strips];
            var counts = new long[strips];
            var packed = new byte[Math.Min(batch, strips)][];
            for (int first = 0; first < strips; first += packed.Length)
            {
                int n = Math.Min(packed.Length, strips - first);
                Parallel.For(0, n, k => packed[k] = Strip(layer, bits, (first + k) * rows, rows, deflate));
                for (int k = 0; k < n; k++)
                {
                    // A page's strips back to back, no padding between them: exiv2 (GIMP's metadata reader) takes a
                    // second page for a thumbnail and warns when its strips are not contiguous. TIFF asks word
                    // alignment of IFDs and their values, not of strips.
                    if (k == 0 && first == 0) TiffIfdWriter.Align(output);
                    offsets[first + k] = output.Position - start;
                    counts[first + k] = packed[k].Length;
                    if (offsets[first + k] + packed[k].Length > limit) throw new ClassicTiffFull(i);
                    output.Write(packed[k]);
                }
            }
            var tags = PageTags(document, i, offsets, counts, rows, deflate, form);
            long ifdBytes = tags.Sum(t => t.Value.LongLength + 1) + form.EntrySize * tags.Count + 2 * form.OffsetSize;
            if (output.Position - start + ifdBytes > limit) throw new ClassicTiffFull(i);
            long ifd = TiffIfdWriter.Write(output, start, tags.OrderBy(t => t.Tag).Select(TiffSlot.New).ToList(), 0, form, out long ifdNext);
            TiffIfdWriter.Patch(output, nextPointer, ifd, form);
            nextPointer = ifdNext;
        }
    }

    /// <summary>Rows <paramref name="y0"/>.. (at most <paramref name="rows"/>) as interleaved RGBA samples, deflated or raw.</summary>
    private static byte[] Strip(Layer layer, int bits, int y0, int rows, bool deflate)
    {
        int w = layer.Width, h = Math.Min(rows, layer.Height - y0), bps = bits / 8;
        var raw = new byte[w * h * 4 * bps];
        for (int c = 0; c < 4; c++)
        {
            var channel = layer.Channel(c);
            for (int y = 0; y < h; y++)
            {
                var row = channel.Row(y0 + y);
                int at = y * w;
                if (bits == 8) for (int x = 0; x < w; x++) raw[(at + x) * 4 + c] = Samples.To8(row[x]);
                else for (int x = 0; x < w; x++) BinaryPrimitives.WriteUInt16LittleEndian(raw.AsSpan(((at + x) * 4 + c) * 2), Samples.To16(row[x]));
            }
        }
        if (!deflate) return raw;
        Predict(raw, w, h, bits);
        var ms = new MemoryStream(raw.Length / 4);
        using (var z = new ZLibStream(ms, new ZLibCompressionOptions { CompressionLevel = DeflateLevel }, leaveOpen: true)) z.Write(raw);
        return ms.ToArray();
    }

    /// <summary>
    /// zlib level 3 after the horizontal predictor: on the 24 MP close-up's RGBA page 0.34 s and 7.5 MB per core, where
    /// level 6 without the predictor took 0.61 s for 9.1 MB (level 6 with it: 6.2 MB in 1.8 s; level 1, zlib-ng's quick
    /// strategy, 14 MB).
    /// </summary>
    private const int DeflateLevel = 3;

    /// <summary>
    /// TIFF's horizontal predictor (Predictor 2): each sample replaced by its difference from the same channel's sample
    /// to its left, row by row (16-bit samples as 16-bit differences), which Deflate packs far better on photos.
    /// </summary>
    private static void Predict(byte[] raw, int w, int h, int bits)
    {
        int stride = 4 * w;
        if (bits == 8)
        {
            for (int y = 0; y < h; y++)
            {
                var row = raw.AsSpan(y * stride, stride);
                for (int i = stride - 1; i >= 4; i--) row[i] -= row[i - 4];
            }
            return;
        }
        var samples = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ushort>(raw.AsSpan()); // little-endian, as written
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("the TIFF writer's 16-bit predictor assumes a little-endian machine");
        for (int y = 0; y < h; y++)
        {
            var row = samples.Slice(y * stride, stride);
            for (int i = stride - 1; i >= 4; i--) row[i] -= row[i - 4];
        }
    }

    private static List<TiffField> PageTags(LayerDocument doc, int index, long[] offsets, long[] counts, int rowsPerStrip, bool deflate, TiffForm form)
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
            Shorts(TiffTags.Predictor, (ushort)(deflate ? 2 : 1)),
            Shorts(TiffTags.Photometric, 2),
            Text(TiffTags.ImageDescription, info.Format()),
            Offsets(TiffTags.StripOffsets, offsets, form),
            Shorts(TiffTags.SamplesPerPixel, 4),
            Longs(TiffTags.RowsPerStrip, (uint)rowsPerStrip),
            Offsets(TiffTags.StripByteCounts, counts, form),
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

    /// <summary>Strip offsets or lengths: LONGs in a classic TIFF, LONG8s in a BigTIFF.</summary>
    private static TiffField Offsets(ushort tag, long[] values, TiffForm form) =>
        new(tag, form.OffsetType, values.Length, values.SelectMany(form.OffsetBytes).ToArray());

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
