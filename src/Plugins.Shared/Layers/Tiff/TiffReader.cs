using System.IO.Compression;
using System.Text;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Shared.Layers.Tiff;

/// <summary>
/// Reads a (multi-page) TIFF or BigTIFF as layers, one per page: either byte order, grey or RGB with or
/// without alpha, 8 or 16 bits, chunky strips, uncompressed or Deflate, horizontal predictor. Page names come
/// from PageName; place, opacity and blend mode from our ImageDescription when present. LZW, tiles and
/// planar storage are refused with a clear error. Associated alpha is un-premultiplied.
/// </summary>
public static class TiffReader
{
    public static LayerDocument Read(Stream input, string source)
    {
        try { return new Parser(SeekableInput.Of(input), source).Parse(); }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or ArgumentException or OverflowException)
        {
            throw new LayerFileException(source, $"cannot read TIFF: {e.Message}", e);
        }
    }

    /// <summary>Reads pages from the stream in place: each strip is read (or inflated) from the file as it is needed.</summary>
    private sealed class Parser(Stream data, string source)
    {
        private TiffStructure _structure = null!;

        public LayerDocument Parse()
        {
            _structure = TiffStructure.Open(data, out string? refusal) ?? throw new LayerFileException(source, refusal!);
            var pages = new List<(Layer Layer, int Bits, TiffLayerInfo? Info, byte[]? Icc)>();
            var seen = new HashSet<long>();
            Dictionary<int, TiffEntry>? firstPage = null;
            for (long ifd = _structure.FirstIfd; ifd != 0; )
            {
                if (!seen.Add(ifd) || pages.Count > 10_000) throw new LayerFileException(source, "TIFF page chain loops");
                var entries = _structure.ReadIfd(ifd, out ifd)
                    ?? throw new LayerFileException(source, $"TIFF is truncated (page {pages.Count + 1}'s IFD lies past the end of the file, {_structure.Length} bytes)");
                var tags = new Dictionary<int, TiffEntry>();
                foreach (var e in entries)
                {
                    if (e.Size > 4) Need(e.ValueAt, e.Size);
                    tags[e.Tag] = e;
                }
                firstPage ??= tags;
                pages.Add(ReadPage(tags, pages.Count));
            }
            if (pages.Count == 0) throw new LayerFileException(source, "TIFF has no pages");
            var first = pages[0].Info;
            int w = first?.CanvasWidth ?? pages.Max(p => p.Layer.OffsetX + p.Layer.Width);
            int h = first?.CanvasHeight ?? pages.Max(p => p.Layer.OffsetY + p.Layer.Height);
            var doc = new LayerDocument(w, h, pages.Any(p => p.Bits == 16) ? 16 : 8) { IccProfile = pages[0].Icc };
            foreach (var p in pages) doc.Layers.Add(p.Layer);
            ReadMetadata(doc, firstPage!);
            return doc;
        }

        /// <summary>
        /// The photo's metadata from the first page, where our writer (and libtiff-based writers) put it: XMP (700), the
        /// Photoshop resource block's IPTC (34377, else bare IPTC records, 33723) and the EXIF (<see cref="TiffExif"/>), so a
        /// layered TIFF opened again and written keeps its capture data, credit and rights.
        /// </summary>
        private void ReadMetadata(LayerDocument doc, Dictionary<int, TiffEntry> firstPage)
        {
            byte[]? Bytes(int tag) => firstPage.TryGetValue(tag, out var e) ? _structure.Value(e, limit: 1 << 24) : null;
            doc.Xmp = Bytes(TiffTags.Xmp);
            doc.Iptc = Bytes(TiffTags.Photoshop) is { } resources ? IptcBlock.MetadataOnly(IptcBlock.WithHeader(resources))
                : Bytes(TiffTags.RichTiffIptc) is { } records ? IptcBlock.MetadataOnly(records) : null;
            doc.Exif = TiffExif.Read(data);
        }

        private (Layer, int, TiffLayerInfo?, byte[]?) ReadPage(Dictionary<int, TiffEntry> tags, int index)
        {
            string Page() => $"page {index + 1}";
            long[] Values(int tag) => tags.TryGetValue(tag, out var t) ? _structure.Numbers(t) ?? [] : [];
            long One(int tag, long fallback) => Values(tag) is { Length: > 0 } v ? v[0] : fallback;
            byte[]? Bytes(int tag) => tags.TryGetValue(tag, out var t) ? _structure.Value(t) : null;
            string? Text(int tag) => Bytes(tag) is { } b ? Encoding.UTF8.GetString(b).TrimEnd('\0') : null;

            if (tags.ContainsKey(TiffTags.TileWidth)) throw new LayerFileException(source, $"{Page()}: tiled TIFF is not supported");
            long width = One(TiffTags.ImageWidth, 0), height = One(TiffTags.ImageLength, 0);
            if (width <= 0 || height <= 0) throw new LayerFileException(source, $"{Page()}: size {width}x{height} is invalid");
            if (width * height > Samples.MaxPixels) throw new LayerFileException(source, $"{Page()}: {width}x{height} pixels is more than this reader accepts");
            int w = (int)width, h = (int)height;
            int spp = (int)One(TiffTags.SamplesPerPixel, 1);
            var bitsPer = Values(TiffTags.BitsPerSample);
            int bits = bitsPer.Length > 0 ? (int)bitsPer[0] : 1;
            if (bits is not (8 or 16) || bitsPer.Any(b => b != bits)) throw new LayerFileException(source, $"{Page()}: {bits} bits per sample is not supported (8 or 16)");
            int compression = (int)One(TiffTags.Compression, 1);
            if (compression is not (TiffTags.CompressionNone or TiffTags.CompressionDeflate or TiffTags.CompressionDeflateOld))
                throw new LayerFileException(source, $"{Page()}: compression {compression}{(compression == TiffTags.CompressionLzw ? " (LZW)" : "")} is not supported; use none or Deflate");
            if (One(TiffTags.PlanarConfiguration, 1) != 1) throw new LayerFileException(source, $"{Page()}: planar (separate) storage is not supported");
            int photometric = (int)One(TiffTags.Photometric, 1);
            int colour = photometric switch { 0 or 1 => 1, 2 => 3, _ => throw new LayerFileException(source, $"{Page()}: photometric {photometric} is not supported (grey or RGB)") };
            if (spp < colour || spp > colour + 1 + 2) throw new LayerFileException(source, $"{Page()}: {spp} samples per pixel do not fit photometric {photometric}");
            var extra = Values(TiffTags.ExtraSamples);
            bool hasAlpha = spp > colour;
            bool associated = hasAlpha && extra.Length > 0 && extra[0] == 1;

            int bps = bits / 8, rowBytes = checked(w * spp * bps);
            var raw = new byte[(long)rowBytes * h];
            var offsets = Values(TiffTags.StripOffsets);
            var counts = Values(TiffTags.StripByteCounts);
            if (offsets.Length == 0 || offsets.Length != counts.Length) throw new LayerFileException(source, $"{Page()}: strip tables are missing or differ in length");
            long rowsPerStrip = Math.Clamp(One(TiffTags.RowsPerStrip, h), 1, h);
            long strips = (h + rowsPerStrip - 1) / rowsPerStrip;
            if (offsets.Length < strips) throw new LayerFileException(source, $"{Page()}: {offsets.Length} strips cannot hold {h} rows of {rowsPerStrip}");
            for (int s = 0; s < strips; s++)
            {
                Need(offsets[s], counts[s]);
                // Each strip must give exactly its rows: a short one is a cut file, and garbage must not fill the rest.
                int at = checked((int)(s * rowsPerStrip * rowBytes));
                var rows = raw.AsSpan(at, (int)(Math.Min(rowsPerStrip, h - s * rowsPerStrip) * rowBytes));
                if (compression == TiffTags.CompressionNone)
                {
                    if (counts[s] < rows.Length) throw new LayerFileException(source, $"{Page()}: strip {s + 1} ends early ({counts[s]} of {rows.Length} bytes)");
                    data.Position = offsets[s];
                    data.ReadExactly(rows);
                }
                else Inflate(offsets[s], counts[s], rows, $"{Page()}, strip {s + 1}");
            }
            if (One(TiffTags.Predictor, 1) == 2) UndoPredictor(raw, w, h, spp, bits);

            int planes = colour + (hasAlpha ? 1 : 0);
            var img = new PlanarImage(w, h, planes);
            float max = Samples.Max(bits);
            for (int y = 0; y < h; y++)
                for (int x = 0; x < w; x++)
                    for (int c = 0; c < planes; c++)
                    {
                        int at = ((y * w + x) * spp + c) * bps;
                        int v = bits == 8 ? raw[at] : TiffByteOrder.U16(raw, at, _structure.BigEndian);
                        img[c, x, y] = photometric == 0 && c < colour ? 1f - v / max : v / max;
                    }
            if (associated) Unpremultiply(img, colour);

            var info = TiffLayerInfo.Parse(Text(TiffTags.ImageDescription));
            var layer = new Layer(Text(TiffTags.PageName) is { Length: > 0 } name ? name : $"Page {index + 1}", img);
            if (info is not null)
            {
                layer.OffsetX = info.X; layer.OffsetY = info.Y; layer.Opacity = info.Opacity; layer.BlendMode = info.Mode; layer.Visible = info.Visible;
            }
            byte[]? icc = Bytes(TiffTags.IccProfile);
            return (layer, bits, info, icc);
        }

        /// <summary>
        /// Inflates one strip into exactly <paramref name="rows"/>. The stream is read to its end so that zlib
        /// checks its Adler-32: flipped bits then fail here instead of decoding to plausible garbage.
        /// </summary>
        private void Inflate(long offset, long length, Span<byte> rows, string where)
        {
            int got, more;
            try
            {
                using var z = new ZLibStream(_structure.Slice(offset, length)!, CompressionMode.Decompress); // bounds checked (Need) before
                got = z.ReadAtLeast(rows, rows.Length, throwOnEndOfStream: false);
                Span<byte> probe = stackalloc byte[1];
                more = got < rows.Length ? 0 : z.Read(probe);
            }
            catch (InvalidDataException e)
            {
                throw new LayerFileException(source, $"{where}: the Deflate data does not inflate or fails its checksum", e);
            }
            if (got < rows.Length) throw new LayerFileException(source, $"{where}: pixel data ends early ({got} of {rows.Length} bytes)");
            if (more != 0) throw new LayerFileException(source, $"{where}: holds more pixel data than its rows");
        }

        private void UndoPredictor(byte[] raw, int w, int h, int spp, int bits)
        {
            int bps = bits / 8;
            for (int y = 0; y < h; y++)
                for (int x = 1; x < w; x++)
                    for (int c = 0; c < spp; c++)
                    {
                        int at = ((y * w + x) * spp + c) * bps, prev = at - spp * bps;
                        if (bits == 8) raw[at] += raw[prev];
                        else TiffByteOrder.Put16(raw, at, TiffByteOrder.U16(raw, at, _structure.BigEndian) + TiffByteOrder.U16(raw, prev, _structure.BigEndian), _structure.BigEndian);
                    }
        }

        private static void Unpremultiply(PlanarImage img, int colour)
        {
            var alpha = img.Plane(colour).ToArray();
            for (int c = 0; c < colour; c++)
            {
                var p = img.Plane(c);
                for (int i = 0; i < p.Length; i++) p[i] = alpha[i] > 0 ? Math.Min(1f, p[i] / alpha[i]) : 0f;
            }
        }

        private void Need(long offset, long length)
        {
            if (offset + length > _structure.Length) throw new LayerFileException(source, $"TIFF is truncated (needs {length} bytes at offset {offset}, file has {_structure.Length})");
        }
    }
}
