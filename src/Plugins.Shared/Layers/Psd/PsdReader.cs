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
    public static LayerDocument Read(Stream input, string source) => Read(SeekableInput.Of(input), source, pixels: true).Document;

    /// <summary>
    /// The layers and where the file's parts lie (for <see cref="PsdAppender"/>), read in place from a seekable stream.
    /// Without <paramref name="pixels"/> the document has the file's size, metadata and <see cref="LayerDocument.NotKept"/>
    /// but no layers: nothing is decoded.
    /// </summary>
    internal static (LayerDocument Document, PsdLayout Layout) Read(Stream data, string source, bool pixels = true)
    {
        try
        {
            var parser = new Parser(new PsdInput(data, source), source, pixels);
            return (parser.Parse(), parser.Layout);
        }
        catch (Exception e) when (e is InvalidDataException or NotSupportedException or ArgumentOutOfRangeException or OverflowException or EndOfStreamException)
        {
            throw new LayerFileException(source, $"cannot read PSD: {e.Message}", e);
        }
    }

    internal static (LayerDocument Document, PsdLayout Layout) Read(byte[] bytes, string source, bool pixels = true) =>
        Read(new MemoryStream(bytes, writable: false), source, pixels);

    /// <summary>Every channel of the merged image (R, G, B, then the header's further channels).</summary>
    internal static float[][] DecodeMerged(Stream data, PsdLayout layout, int width, int height, int bits, string source)
    {
        try
        {
            var input = new PsdInput(data, source) { Position = layout.MergedAt };
            if (input.Length - input.Position < 2) throw new InvalidDataException("the merged image is missing");
            int compression = input.U16();
            return PsdChannelCodec.Decode(input.Bytes(input.Length - input.Position), compression, layout.Channels, width, height, bits, layout.Large);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentOutOfRangeException or OverflowException or EndOfStreamException)
        {
            throw new LayerFileException(source, $"cannot read the PSD's merged image: {e.Message}", e);
        }
    }

    internal static float[][] DecodeMerged(byte[] bytes, PsdLayout layout, int width, int height, int bits, string source) =>
        DecodeMerged(new MemoryStream(bytes, writable: false), layout, width, height, bits, source);

    private sealed class Parser(PsdInput input, string source, bool pixels)
    {
        private bool _found; // layer records met (in the section or an 'Lr16' block)
        private bool _large; // PSB: wider length fields
        private int _width, _height, _bits, _channels;

        public PsdLayout Layout { get; } = new();

        public LayerDocument Parse()
        {
            if (input.Length < 26 || input.Ascii4() != "8BPS") throw new LayerFileException(source, "not a PSD file (no 8BPS signature)");
            int version = input.U16();
            if (version is not (1 or 2)) throw new LayerFileException(source, $"PSD version {version} is unknown");
            _large = Layout.Large = version == 2;
            input.Skip(6);
            _channels = Layout.Channels = input.U16();
            _height = input.I32(); _width = input.I32();
            _bits = input.U16();
            int mode = input.U16();
            if (_bits is not (8 or 16)) throw new LayerFileException(source, $"PSD with {_bits} bits per channel is not supported (8 or 16)");
            if (mode != 3) throw new LayerFileException(source, $"PSD colour mode {mode} is not supported; only RGB (3)");
            if (_width <= 0 || _height <= 0) throw new LayerFileException(source, $"PSD size {_width}x{_height} is invalid");
            input.Skip(input.I32()); // colour mode data
            var doc = new LayerDocument(_width, _height, _bits);
            Layout.ResourcesAt = input.Position;
            ReadImageResources(doc, Section(input.I32()));

            Layout.LayerSectionAt = input.Position;
            var (sectionStart, sectionEnd) = Section(Length());
            Layout.LayerSectionEnd = sectionEnd;
            input.Position = sectionStart;
            if (sectionEnd > sectionStart)
            {
                Layout.InfoAt = input.Position;
                var (infoStart, infoEnd) = Section(Length());
                Layout.InfoPaddedEnd = infoEnd;
                if (infoEnd > infoStart) { input.Position = infoStart; ReadLayers(doc, infoEnd); }
                input.Position = infoEnd;
                if (input.Position < sectionEnd) input.Skip(input.I32()); // global layer mask info
                while (!_found && input.Position + 12 <= sectionEnd)
                {
                    long blockAt = input.Position + 8;
                    string sig = input.Ascii4(), key = input.Ascii4();
                    if (sig is not ("8BIM" or "8B64")) break;
                    var (start, end) = Section(BlockLength(key));
                    long padded = Math.Min(sectionEnd, start + ((end - start + 3) & ~3)); // Photoshop pads these blocks to 4 bytes
                    if (key is "Lr16" or "Lr32")
                    {
                        (Layout.InfoAt, Layout.InfoIsTaggedBlock, Layout.InfoPaddedEnd) = (blockAt, true, padded);
                        input.Position = start;
                        ReadLayers(doc, end);
                    }
                    input.Position = padded;
                }
            }
            input.Position = Layout.MergedAt = sectionEnd;
            if (pixels && doc.Layers.Count == 0) doc.Layers.Add(ReadMergedAsLayer()); // no layers (or groups alone): the picture
            else CheckMergedIsComplete();
            return doc;
        }

        /// <summary>The ICC profile, XMP and EXIF resources, IPTC (resource 1028) kept as a Photoshop block, and whether the merged image is real (1057).</summary>
        private void ReadImageResources(LayerDocument doc, (long Start, long End) section)
        {
            input.Position = section.Start;
            foreach (var (id, bytes) in Imaging.IptcBlock.SectionResources(input.Bytes(section.End - section.Start)))
                switch (id)
                {
                    case PsdResources.IccProfile: doc.IccProfile = bytes; break;
                    case PsdResources.Xmp: doc.Xmp = bytes; break;
                    case PsdResources.Exif: doc.Exif = Imaging.ExifBlock.FromTiff(bytes); break; // the resource holds the TIFF structure alone
                    case PsdResources.Iptc: doc.Iptc = Imaging.IptcBlock.AsPhotoshopBlock(bytes); break; // resource 1028: bare records
                    case PsdResources.VersionInfo when bytes.Length >= 5: Layout.HasRealComposite = bytes[4] != 0; break;
                }
            input.Position = section.End;
        }

        private sealed record Record(string Name, int Top, int Left, int Bottom, int Right, (int Id, long Length)[] Channels,
            BlendMode Mode, byte Opacity, bool Visible, bool IsGroupMarker);

        private void ReadLayers(LayerDocument doc, long end)
        {
            Layout.Count = (short)input.U16();
            int count = Math.Abs(Layout.Count);
            Layout.RecordsStart = input.Position;
            var records = new Record[count];
            for (int i = 0; i < count; i++) records[i] = ReadRecord(doc.NotKept);
            Layout.RecordsEnd = input.Position;
            _found |= count > 0;
            foreach (var r in records)
            {
                int w = r.Right - r.Left, h = r.Bottom - r.Top;
                if (w < 0 || h < 0) throw new InvalidDataException($"layer '{r.Name}' has negative bounds");
                if ((long)w * h > Samples.MaxPixels) throw new InvalidDataException($"layer '{r.Name}' claims {w}x{h} pixels, more than this reader accepts");
                if (!pixels)
                {
                    foreach (var (_, length) in r.Channels) input.Skip(length);
                    continue;
                }
                var rgba = new PlanarImage(Math.Max(w, 1), Math.Max(h, 1), 4); // an empty layer becomes 1 transparent pixel
                bool hasAlpha = false;
                foreach (var (id, length) in r.Channels)
                {
                    input.Need(length);
                    long channelEnd = input.Position + length;
                    if (length >= 2 && w > 0 && h > 0 && id is >= -1 and <= 2)
                    {
                        int compression = input.U16();
                        var plane = PsdChannelCodec.Decode(input.Bytes(channelEnd - input.Position), compression, 1, w, h, _bits, _large)[0];
                        plane.CopyTo(rgba.Plane(id == -1 ? 3 : id));
                        hasAlpha |= id == -1;
                    }
                    input.Position = channelEnd;
                }
                if (r.IsGroupMarker) continue;
                if (!hasAlpha && w > 0 && h > 0) rgba.Plane(3).Fill(1f);
                var layer = Layer.Over(r.Name, rgba); // the reader's own planes: not copied again
                (layer.OffsetX, layer.OffsetY, layer.Opacity, layer.Visible, layer.BlendMode) = (r.Left, r.Top, r.Opacity / 255f, r.Visible, r.Mode);
                doc.Layers.Add(layer);
            }
            if (input.Position > end) throw new InvalidDataException("layer channel data runs past its section");
            Layout.ChannelsEnd = input.Position;
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
            int top = input.I32(), left = input.I32(), bottom = input.I32(), right = input.I32();
            int n = input.U16();
            if (n > 56) throw new InvalidDataException($"layer record claims {n} channels");
            var channels = new (int, long)[n];
            for (int c = 0; c < n; c++) channels[c] = ((short)input.U16(), Length());
            if (input.Ascii4() != "8BIM") throw new InvalidDataException("layer record lacks its 8BIM blend signature");
            var mode = PsdBlendKeys.FromKey(input.Ascii4());
            int opacity = input.U8(), clipping = input.U8(), flags = input.U8();
            input.Skip(1);
            if (clipping != 0) notKept.Add("clipping masks");
            var (start, end) = Section(input.I32());
            input.Position = start;
            int maskLength = input.I32();
            if (maskLength > 0) notKept.Add("layer masks");
            input.Skip(maskLength); // layer mask
            input.Skip(input.I32()); // blending ranges
            long nameAt = input.Position;
            int nameLen = input.U8();
            string name = Encoding.Latin1.GetString(input.Bytes(nameLen));
            input.Position = nameAt + ((1 + nameLen + 3) & ~3);
            bool groupMarker = false;
            while (input.Position + 12 <= end)
            {
                string sig = input.Ascii4(), key = input.Ascii4();
                if (sig is not ("8BIM" or "8B64")) break;
                var (bs, be) = Section(BlockLength(key));
                input.Position = bs;
                if (key == "luni" && be - bs >= 4)
                {
                    int chars = input.I32();
                    if (chars >= 0 && 4 + 2L * chars <= be - bs) name = Encoding.BigEndianUnicode.GetString(input.Bytes(2L * chars));
                }
                else if (key is "lsct" or "lsdk" && be - bs >= 4)
                {
                    groupMarker = input.I32() is >= 1 and <= 3;
                    if (groupMarker) notKept.Add("layer groups");
                }
                else if (NotKeptKeys.TryGetValue(key, out var feature)) notKept.Add(feature);
                input.Position = be;
            }
            input.Position = end;
            return new Record(name.TrimEnd('\0'), top, left, bottom, right, channels, mode, (byte)opacity, (flags & 2) == 0, groupMarker);
        }

        private Layer ReadMergedAsLayer()
        {
            int compression = input.U16();
            int planes = Math.Min(_channels, 4);
            var decoded = PsdChannelCodec.Decode(input.Bytes(input.Length - input.Position), compression, planes, _width, _height, _bits, _large);
            var img = new PlanarImage(_width, _height, planes >= 4 ? 4 : 3);
            for (int c = 0; c < img.Channels; c++) decoded[c].CopyTo(img.Plane(c));
            return new Layer("Background", img);
        }

        /// <summary>Layers are what we return, but a file whose merged image is cut short is damaged
        /// (an interrupted copy), and other programs show that merged image: say so.</summary>
        private void CheckMergedIsComplete()
        {
            int compression = input.U16();
            long rows = (long)_channels * _height;
            if (compression == PsdChannelCodec.Raw) { input.Need(rows * _width * (_bits / 8)); return; }
            if (compression != PsdChannelCodec.Rle) return; // ZIP merged data: not decoded, not checked
            int width = PsdChannelCodec.RowCountBytes(_large);
            var counts = input.Bytes(rows * width);
            long total = 0;
            for (long r = 0; r < rows; r++) total += PsdChannelCodec.RowCount(counts.AsSpan((int)(r * width)), _large);
            input.Need(total);
        }

        private (long Start, long End) Section(long length)
        {
            if (length < 0) throw new InvalidDataException("negative section length");
            input.Need(length);
            long start = input.Position;
            input.Position += length;
            return (start, start + length);
        }

        /// <summary>A section's or a layer channel's length: 8 bytes in a PSB.</summary>
        private long Length() => _large ? input.I64() : input.I32();

        /// <summary>A tagged block's length: 8 bytes for <see cref="PsdLayout.WideBlockKeys"/> in a PSB, else 4.</summary>
        private long BlockLength(string key) => _large && PsdLayout.WideBlockKeys.Contains(key) ? input.I64() : input.I32();
    }
}
