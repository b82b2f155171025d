using System.Buffers.Binary;
using System.Text;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>
/// Reads RGB Photoshop documents (PSD version 1 and the large document format PSB, version 2; 8 or 16 bits; raw, RLE
/// or ZIP channels). Layers come from the
/// layer info section or, in 16-bit files written by Photoshop, from the 'Lr16' block. Group markers
/// ('lsct' dividers) are dropped so groups flatten into the layer list; user masks (channel -2) are ignored.
/// A file without layers yields one layer "Background" holding the merged image.
/// </summary>
public static class PsdReader
{
    public static LayerDocument Read(Stream input, string source)
    {
        if (input.CanSeek && input.Length > Array.MaxLength) throw new LayerFileException(source, TooLarge(input.Length));
        byte[] bytes;
        using (var ms = new MemoryStream()) { input.CopyTo(ms); bytes = ms.ToArray(); }
        return Read(bytes, source).Document;
    }

    /// <summary>
    /// The layers and where the file's parts lie (for <see cref="PsdAppender"/>). Without <paramref name="pixels"/> the
    /// document has the file's size, metadata and <see cref="LayerDocument.NotKept"/> but no layers: nothing is decoded.
    /// </summary>
    internal static (LayerDocument Document, PsdLayout Layout) Read(byte[] bytes, string source, bool pixels = true)
    {
        try
        {
            var parser = new Parser(bytes, source, pixels);
            return (parser.Parse(), parser.Layout);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new LayerFileException(source, $"cannot read PSD: {e.Message}", e);
        }
    }

    /// <summary>Documents are read whole into memory: a PSB over 2 GB cannot be.</summary>
    internal static string TooLarge(long length) => $"a Photoshop file of {length / (1 << 20)} MB is over the 2 GB this program reads; flatten or crop it first";

    /// <summary>Every channel of the merged image (R, G, B, then the header's further channels).</summary>
    internal static float[][] DecodeMerged(byte[] bytes, PsdLayout layout, int width, int height, int bits, string source)
    {
        try
        {
            var data = bytes.AsSpan(layout.MergedAt);
            if (data.Length < 2) throw new InvalidDataException("the merged image is missing");
            int compression = BinaryPrimitives.ReadUInt16BigEndian(data);
            return PsdChannelCodec.Decode(data[2..], compression, layout.Channels, width, height, bits, layout.Large);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or OverflowException)
        {
            throw new LayerFileException(source, $"cannot read the PSD's merged image: {e.Message}", e);
        }
    }

    private sealed class Parser(byte[] data, string source, bool pixels)
    {
        private bool _found; // layer records met (in the section or an 'Lr16' block)
        private bool _large; // PSB: wider length fields
        private int _pos;
        private int _width, _height, _bits, _channels;

        public PsdLayout Layout { get; } = new();

        public LayerDocument Parse()
        {
            if (data.Length < 26 || Encoding.ASCII.GetString(data, 0, 4) != "8BPS") throw new LayerFileException(source, "not a PSD file (no 8BPS signature)");
            _pos = 4;
            int version = U16();
            if (version is not (1 or 2)) throw new LayerFileException(source, $"PSD version {version} is unknown");
            _large = Layout.Large = version == 2;
            _pos += 6;
            _channels = Layout.Channels = U16();
            _height = I32(); _width = I32();
            _bits = U16();
            int mode = U16();
            if (_bits is not (8 or 16)) throw new LayerFileException(source, $"PSD with {_bits} bits per channel is not supported (8 or 16)");
            if (mode != 3) throw new LayerFileException(source, $"PSD colour mode {mode} is not supported; only RGB (3)");
            if (_width <= 0 || _height <= 0) throw new LayerFileException(source, $"PSD size {_width}x{_height} is invalid");
            Skip(I32()); // colour mode data
            var doc = new LayerDocument(_width, _height, _bits);
            Layout.ResourcesAt = _pos;
            ReadImageResources(doc, Section(I32()));

            Layout.LayerSectionAt = _pos;
            var (sectionStart, sectionEnd) = Section(Length());
            Layout.LayerSectionEnd = sectionEnd;
            _pos = sectionStart;
            if (sectionEnd > sectionStart)
            {
                Layout.InfoAt = _pos;
                var (infoStart, infoEnd) = Section(Length());
                Layout.InfoPaddedEnd = infoEnd;
                if (infoEnd > infoStart) { _pos = infoStart; ReadLayers(doc, infoEnd); }
                _pos = infoEnd;
                if (_pos < sectionEnd) Skip(I32()); // global layer mask info
                while (!_found && _pos + 12 <= sectionEnd)
                {
                    int blockAt = _pos + 8;
                    string sig = Ascii4(), key = Ascii4();
                    if (sig is not ("8BIM" or "8B64")) break;
                    var (start, end) = Section(BlockLength(key));
                    int padded = Math.Min(sectionEnd, start + ((end - start + 3) & ~3)); // Photoshop pads these blocks to 4 bytes
                    if (key is "Lr16" or "Lr32")
                    {
                        (Layout.InfoAt, Layout.InfoIsTaggedBlock, Layout.InfoPaddedEnd) = (blockAt, true, padded);
                        _pos = start;
                        ReadLayers(doc, end);
                    }
                    _pos = padded;
                }
            }
            _pos = Layout.MergedAt = sectionEnd;
            if (pixels && doc.Layers.Count == 0) doc.Layers.Add(ReadMergedAsLayer()); // no layers (or groups alone): the picture
            else CheckMergedIsComplete();
            return doc;
        }

        /// <summary>The ICC profile, XMP and EXIF resources, IPTC (resource 1028) kept as a Photoshop block, and whether the merged image is real (1057).</summary>
        private void ReadImageResources(LayerDocument doc, (int Start, int End) section)
        {
            foreach (var (id, bytes) in Imaging.IptcBlock.SectionResources(data[section.Start..section.End]))
                switch (id)
                {
                    case PsdResources.IccProfile: doc.IccProfile = bytes; break;
                    case PsdResources.Xmp: doc.Xmp = bytes; break;
                    case PsdResources.Exif: doc.Exif = Imaging.ExifBlock.FromTiff(bytes); break; // the resource holds the TIFF structure alone
                    case PsdResources.Iptc: doc.Iptc = Imaging.IptcBlock.AsPhotoshopBlock(bytes); break; // resource 1028: bare records
                    case PsdResources.VersionInfo when bytes.Length >= 5: Layout.HasRealComposite = bytes[4] != 0; break;
                }
            _pos = section.End;
        }

        private sealed record Record(string Name, int Top, int Left, int Bottom, int Right, (int Id, int Length)[] Channels,
            BlendMode Mode, byte Opacity, bool Visible, bool IsGroupMarker);

        private void ReadLayers(LayerDocument doc, int end)
        {
            Layout.Count = (short)U16();
            int count = Math.Abs(Layout.Count);
            Layout.RecordsStart = _pos;
            var records = new Record[count];
            for (int i = 0; i < count; i++) records[i] = ReadRecord(doc.NotKept);
            Layout.RecordsEnd = _pos;
            _found |= count > 0;
            foreach (var r in records)
            {
                int w = r.Right - r.Left, h = r.Bottom - r.Top;
                if (w < 0 || h < 0) throw new InvalidDataException($"layer '{r.Name}' has negative bounds");
                if ((long)w * h > Samples.MaxPixels) throw new InvalidDataException($"layer '{r.Name}' claims {w}x{h} pixels, more than this reader accepts");
                if (!pixels)
                {
                    foreach (var (_, length) in r.Channels) Skip(length);
                    continue;
                }
                var rgba = new PlanarImage(Math.Max(w, 1), Math.Max(h, 1), 4); // an empty layer becomes 1 transparent pixel
                bool hasAlpha = false;
                foreach (var (id, length) in r.Channels)
                {
                    Need(length);
                    int channelEnd = _pos + length;
                    if (length >= 2 && w > 0 && h > 0 && id is >= -1 and <= 2)
                    {
                        int compression = U16();
                        var plane = PsdChannelCodec.Decode(data.AsSpan(_pos, channelEnd - _pos), compression, 1, w, h, _bits, _large)[0];
                        plane.CopyTo(rgba.Plane(id == -1 ? 3 : id));
                        hasAlpha |= id == -1;
                    }
                    _pos = channelEnd;
                }
                if (r.IsGroupMarker) continue;
                if (!hasAlpha && w > 0 && h > 0) rgba.Plane(3).Fill(1f);
                var layer = Layer.Over(r.Name, rgba); // the reader's own planes: not copied again
                (layer.OffsetX, layer.OffsetY, layer.Opacity, layer.Visible, layer.BlendMode) = (r.Left, r.Top, r.Opacity / 255f, r.Visible, r.Mode);
                doc.Layers.Add(layer);
            }
            if (_pos > end) throw new InvalidDataException("layer channel data runs past its section");
            Layout.ChannelsEnd = _pos;
        }

        /// <summary>Additional layer information keys of what the layers read here cannot carry, by what a retoucher calls it.</summary>
        private static readonly Dictionary<string, string> NotKeptKeys = new()
        {
            ["SoCo"] = "adjustment or fill layers", ["GdFl"] = "adjustment or fill layers", ["PtFl"] = "adjustment or fill layers",
            ["brit"] = "adjustment or fill layers", ["levl"] = "adjustment or fill layers", ["curv"] = "adjustment or fill layers",
            ["expA"] = "adjustment or fill layers", ["vibA"] = "adjustment or fill layers", ["hue "] = "adjustment or fill layers",
            ["hue2"] = "adjustment or fill layers", ["blnc"] = "adjustment or fill layers", ["blwh"] = "adjustment or fill layers",
            ["phfl"] = "adjustment or fill layers", ["mixr"] = "adjustment or fill layers", ["clrL"] = "adjustment or fill layers",
            ["nvrt"] = "adjustment or fill layers", ["post"] = "adjustment or fill layers", ["thrs"] = "adjustment or fill layers",
            ["grdm"] = "adjustment or fill layers", ["selc"] = "adjustment or fill layers",
            ["SoLd"] = "smart objects", ["PlLd"] = "smart objects", ["SoLE"] = "smart objects",
            ["TySh"] = "text layers", ["tySh"] = "text layers",
            ["lfx2"] = "layer effects", ["lrFX"] = "layer effects", ["lmfx"] = "layer effects",
            ["vmsk"] = "vector masks", ["vsms"] = "vector masks",
        };

        private Record ReadRecord(ISet<string> notKept)
        {
            int top = I32(), left = I32(), bottom = I32(), right = I32();
            int n = U16();
            if (n > 56) throw new InvalidDataException($"layer record claims {n} channels");
            var channels = new (int, int)[n];
            for (int c = 0; c < n; c++) channels[c] = ((short)U16(), Length());
            if (Ascii4() != "8BIM") throw new InvalidDataException("layer record lacks its 8BIM blend signature");
            var mode = PsdBlendKeys.FromKey(Ascii4());
            byte opacity = data[_pos]; int flags = data[_pos + 2];
            if (data[_pos + 1] != 0) notKept.Add("clipping masks");
            _pos += 4;
            var (start, end) = Section(I32());
            _pos = start;
            int maskLength = I32();
            if (maskLength > 0) notKept.Add("layer masks");
            Skip(maskLength); // layer mask
            Skip(I32()); // blending ranges
            int nameLen = data[_pos];
            Need(1 + nameLen);
            string name = Encoding.Latin1.GetString(data, _pos + 1, nameLen);
            _pos += (1 + nameLen + 3) & ~3;
            bool groupMarker = false;
            while (_pos + 12 <= end)
            {
                string sig = Ascii4(), key = Ascii4();
                if (sig is not ("8BIM" or "8B64")) break;
                var (bs, be) = Section(BlockLength(key));
                if (key == "luni" && be - bs >= 4)
                {
                    int chars = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(bs));
                    if (chars >= 0 && 4 + 2L * chars <= be - bs) name = Encoding.BigEndianUnicode.GetString(data, bs + 4, 2 * chars);
                }
                else if (key is "lsct" or "lsdk" && be - bs >= 4)
                {
                    groupMarker = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(bs)) is >= 1 and <= 3;
                    if (groupMarker) notKept.Add("layer groups");
                }
                else if (NotKeptKeys.TryGetValue(key, out var feature)) notKept.Add(feature);
                _pos = be;
            }
            _pos = end;
            return new Record(name.TrimEnd('\0'), top, left, bottom, right, channels, mode, opacity, (flags & 2) == 0, groupMarker);
        }

        private Layer ReadMergedAsLayer()
        {
            int compression = U16();
            int planes = Math.Min(_channels, 4);
            var decoded = PsdChannelCodec.Decode(data.AsSpan(_pos), compression, planes, _width, _height, _bits, _large);
            var img = new PlanarImage(_width, _height, planes >= 4 ? 4 : 3);
            for (int c = 0; c < img.Channels; c++) decoded[c].CopyTo(img.Plane(c));
            return new Layer("Background", img);
        }

        /// <summary>Layers are what we return, but a file whose merged image is cut short is damaged
        /// (an interrupted copy), and other programs show that merged image: say so.</summary>
        private void CheckMergedIsComplete()
        {
            int compression = U16();
            long rows = (long)_channels * _height;
            if (compression == PsdChannelCodec.Raw) { Need(checked((int)(rows * _width * (_bits / 8)))); return; }
            if (compression != PsdChannelCodec.Rle) return; // ZIP merged data: not decoded, not checked
            int width = PsdChannelCodec.RowCountBytes(_large);
            Need(checked((int)(rows * width)));
            long total = 0;
            for (long r = 0; r < rows; r++) total += PsdChannelCodec.RowCount(data.AsSpan(_pos + (int)(r * width)), _large);
            _pos += (int)(rows * width);
            Need(checked((int)total));
        }

        private (int Start, int End) Section(int length)
        {
            if (length < 0) throw new InvalidDataException("negative section length");
            Need(length);
            int start = _pos;
            _pos += length;
            return (start, start + length);
        }

        private void Need(int n)
        {
            if (n < 0 || _pos + (long)n > data.Length) throw new LayerFileException(source, $"PSD is truncated (needs {n} bytes at offset {_pos}, file has {data.Length})");
        }

        private void Skip(int n) { Need(n); _pos += n; }
        private int U16() { Need(2); int v = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(_pos)); _pos += 2; return v; }
        private int I32() { Need(4); int v = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(_pos)); _pos += 4; return v; }

        /// <summary>A section's or a layer channel's length: 8 bytes in a PSB. A value past 2 GB cannot lie in the bytes read.</summary>
        private int Length()
        {
            if (!_large) return I32();
            Need(8);
            long v = BinaryPrimitives.ReadInt64BigEndian(data.AsSpan(_pos));
            _pos += 8;
            return v is < 0 or > int.MaxValue ? throw new InvalidDataException($"a length of {v} bytes does not fit the file") : (int)v;
        }

        /// <summary>A tagged block's length: 8 bytes for <see cref="PsdLayout.WideBlockKeys"/> in a PSB, else 4.</summary>
        private int BlockLength(string key) => _large && PsdLayout.WideBlockKeys.Contains(key) ? Length() : I32();
        private string Ascii4() { Need(4); var s = Encoding.ASCII.GetString(data, _pos, 4); _pos += 4; return s; }
    }
}
