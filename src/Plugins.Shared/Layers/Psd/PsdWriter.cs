using System.Globalization;
using System.Text;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>
/// Writes an RGB Photoshop document (PSD version 1, or when asked the large document format PSB, version 2, which a
/// document over 30,000 px a side needs; 8 or 16 bits): ICC profile resource when present,
/// one layer record per layer (channels -1 alpha, 0 R, 1 G, 2 B; Pascal and 'luni' Unicode name; opacity,
/// blend key, visibility) and the merged composite with its transparency as a fourth channel.
/// Layout follows Adobe's "Photoshop File Formats Specification".
/// </summary>
public static class PsdWriter
{
    private static readonly short[] ChannelIds = [-1, 0, 1, 2];
    private static readonly int[] ChannelPlanes = [3, 0, 1, 2];

    /// <summary>The largest side a PSD (version 1) holds; a PSB holds <see cref="MaxLargeSide"/>.</summary>
    public const int MaxSide = 30000, MaxLargeSide = 300000;

    /// <param name="large">Write a PSB (what a .psb name asks for). A document over <see cref="MaxSide"/> a side needs it.</param>
    public static void Write(LayerDocument document, Stream output, bool large = false)
    {
        if (!output.CanSeek) throw new ArgumentException("PSD writing needs a seekable stream", nameof(output));
        if (!large && (document.Width > MaxSide || document.Height > MaxSide))
            throw new ArgumentException($"PSD allows at most {MaxSide} px per side; {document.Width}x{document.Height} needs PSB: save it as .psb", nameof(document));
        if (document.Width > MaxLargeSide || document.Height > MaxLargeSide)
            throw new ArgumentException($"PSB allows at most {MaxLargeSide} px per side; {document.Width}x{document.Height} is larger", nameof(document));
        int bits = document.BitsPerSample;
        // Header
        output.Ascii("8BPS");
        output.U16(large ? 2 : 1);
        output.Write(new byte[6]);
        output.U16(4); // R, G, B + merged transparency
        output.I32(document.Height);
        output.I32(document.Width);
        output.U16(bits);
        output.U16(3); // colour mode RGB
        output.I32(0); // colour mode data: none for RGB

        WriteImageResources(document, output);
        WriteLayerAndMaskInfo(document, output, large);

        var merged = LayerCompositor.MergedForWriting(document);
        if (!merged.IsOpaque) WhiteMatte.Apply(merged.Source); // a composite made for this write, not a caller's layer
        output.U16(PsdChannelCodec.CompressionFor(bits));
        var planes = new[] { merged.Channel(0), merged.Channel(1), merged.Channel(2), merged.Channel(3) };
        PsdChannelCodec.Write(output, planes, document.Width, document.Height, bits, large);
    }

    private static void WriteImageResources(LayerDocument document, Stream output)
    {
        var at = output.BeginLength();
        if (document.IccProfile is { Length: > 0 } icc) Imaging.IptcBlock.WriteResource(output, PsdResources.IccProfile, icc);
        // A photographer's credit, rights and caption: the photo's IPTC (its Photoshop block's resources, as they are),
        // XMP and EXIF (resources 1028, 1060, 1058).
        if (document.Iptc is { Length: > 0 } iptc)
            foreach (var (id, bytes) in Imaging.IptcBlock.Resources(iptc))
                if (id is not (PsdResources.IccProfile or PsdResources.Xmp or PsdResources.Exif)) Imaging.IptcBlock.WriteResource(output, id, bytes);
        if (document.Xmp is { Length: > 0 } xmp) Imaging.IptcBlock.WriteResource(output, PsdResources.Xmp, xmp);
        if (document.Exif is { Length: > 0 } exif) Imaging.IptcBlock.WriteResource(output, PsdResources.Exif, Imaging.ExifBlock.Tiff(exif));
        output.EndLength(at);
    }

    private static void WriteLayerAndMaskInfo(LayerDocument document, Stream output, bool large)
    {
        var section = output.BeginLength(large);
        var layerInfo = output.BeginLength(large);
        if (document.Layers.Count > 0)
        {
            // Negative count: the merged image's fourth channel is its transparency.
            output.U16(-document.Layers.Count);
            var encoded = EncodeLayers(document.Layers, document.BitsPerSample, large);
            output.Write(encoded.Records);
            encoded.WriteChannels(output);
        }
        output.EndLength(layerInfo, align: 2);
        output.I32(0); // global layer mask info: none
        output.EndLength(section);
    }

    /// <summary>Layers encoded for a layer info section, which lists all records, then all channels' data.</summary>
    internal sealed class EncodedLayers(byte[] records, List<byte[][]> channels, int compression)
    {
        public byte[] Records => records;
        public long ChannelsLength => channels.Sum(c => c.Sum(b => 2L + b.Length));

        public void WriteChannels(Stream output)
        {
            foreach (var encoded in channels)
                foreach (var channel in encoded)
                {
                    output.U16(compression);
                    output.Write(channel);
                }
        }
    }

    /// <summary>The layer records of <paramref name="layers"/> (bottom first) and their channels' data.</summary>
    internal static EncodedLayers EncodeLayers(IReadOnlyList<Layer> layers, int bits, bool large = false)
    {
        // Every channel of every layer is encoded on its own, so they are spread over the cores (zlib for 16-bit).
        var channelData = layers.Select(_ => new byte[4][]).ToList();
        Parallel.For(0, layers.Count * 4, i =>
        {
            var layer = layers[i / 4];
            channelData[i / 4][i % 4] = PsdChannelCodec.EncodeLayerChannel(layer.Channel(ChannelPlanes[i % 4]), layer.Width, layer.Height, bits, large);
        });
        var records = new MemoryStream();
        for (int l = 0; l < layers.Count; l++) WriteLayerRecord(layers[l], channelData[l], records, large);
        return new EncodedLayers(records.ToArray(), channelData, PsdChannelCodec.LayerCompressionFor(bits));
    }

    private static void WriteLayerRecord(Layer layer, byte[][] encoded, Stream output, bool large)
    {
        output.I32(layer.OffsetY);
        output.I32(layer.OffsetX);
        output.I32(layer.OffsetY + layer.Height);
        output.I32(layer.OffsetX + layer.Width);
        output.U16(4);
        for (int k = 0; k < 4; k++)
        {
            output.U16(ChannelIds[k]);
            output.WriteLength(2 + encoded[k].Length, large); // includes the compression marker
        }
        output.Ascii("8BIM");
        output.Ascii(PsdBlendKeys.ToKey(layer.BlendMode));
        output.U8((int)MathF.Round(layer.Opacity * 255f));
        output.U8(0); // clipping: base
        output.U8(layer.Visible ? 0 : 2); // bit 1 set = hidden
        output.U8(0);

        var extra = output.BeginLength();
        output.I32(0); // no layer mask
        output.I32(0); // no blending ranges
        WritePascalName(layer.Name, output);
        WriteUnicodeName(layer.Name, output);
        output.EndLength(extra);
    }

    /// <summary>Legacy name for readers that ignore 'luni': ASCII (accents dropped, other characters '_'),
    /// at most 255 bytes, padded with its length byte to a multiple of 4.</summary>
    private static void WritePascalName(string name, Stream output)
    {
        var ascii = Encoding.ASCII.GetBytes(AsciiName(name));
        int n = Math.Min(ascii.Length, 255);
        output.U8(n);
        output.Write(ascii, 0, n);
        for (int pad = (1 + n) % 4; pad != 0 && pad < 4; pad++) output.U8(0);
    }

    internal static string AsciiName(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c is >= ' ' and <= '~' ? c : '_');
        }
        return sb.ToString();
    }

    private static void WriteUnicodeName(string name, Stream output)
    {
        output.Ascii("8BIM");
        output.Ascii("luni");
        var at = output.BeginLength();
        output.I32(name.Length);
        output.Write(Encoding.BigEndianUnicode.GetBytes(name));
        output.EndLength(at, align: 4);
    }
}
