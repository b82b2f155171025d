using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace RetouchPlugins.Shared.Layers.Ora;

/// <summary>
/// Writes OpenRaster: a zip whose first entry is the uncompressed "mimetype" (image/openraster), then
/// stack.xml (layers listed top first), one PNG per layer under data/, mergedimage.png and a thumbnail of
/// at most 256 px. PNGs carry the document's depth (8 or 16 bits) and ICC profile.
/// </summary>
public static class OraWriter
{
    public const string MimeType = "image/openraster";
    private const int ThumbnailMax = 256;

    public static void Write(LayerDocument document, Stream output)
    {
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        var mime = zip.CreateEntry("mimetype", CompressionLevel.NoCompression);
        using (var s = mime.Open()) s.Write("image/openraster"u8);

        // The layers and the composite are independent: encode them at the same time, store them in order.
        var pngs = new byte[document.Layers.Count + 1][];
        Layer? merged = null;
        Parallel.For(0, pngs.Length, i =>
        {
            if (i < document.Layers.Count) pngs[i] = EncodePng(document.Layers[i], document);
            else pngs[i] = EncodePng(merged = LayerCompositor.MergedForWriting(document), document);
        });
        var stack = new XElement("stack");
        for (int i = document.Layers.Count - 1; i >= 0; i--)
        {
            var layer = document.Layers[i];
            string src = $"data/layer{i:D3}.png";
            Store(zip, src, pngs[i]);
            stack.Add(new XElement("layer",
                new XAttribute("name", layer.Name),
                new XAttribute("src", src),
                new XAttribute("x", layer.OffsetX),
                new XAttribute("y", layer.OffsetY),
                new XAttribute("opacity", layer.Opacity.ToString("0.######", CultureInfo.InvariantCulture)),
                new XAttribute("visibility", layer.Visible ? "visible" : "hidden"),
                new XAttribute("composite-op", OraBlendNames.ToName(layer.BlendMode))));
        }
        var xml = new XDocument(new XDeclaration("1.0", "UTF-8", null),
            new XElement("image", new XAttribute("version", "0.0.3"), new XAttribute("w", document.Width), new XAttribute("h", document.Height), stack));
        using (var s = zip.CreateEntry("stack.xml", CompressionLevel.Optimal).Open())
        using (var w = XmlWriter.Create(s, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
            xml.Save(w); // no byte-order mark: some OpenRaster readers choke on it

        Store(zip, "mergedimage.png", pngs[^1]);
        Store(zip, "Thumbnails/thumbnail.png", LayerPng.Encode(Thumbnail.Fit(merged!.Source, ThumbnailMax), 8));
    }

    /// <summary>
    /// A layer's planes as held: an opaque RGBA layer goes out as RGB (its first three planes, not a copy: a quarter
    /// less to filter, deflate and read back) and a grey mask as a grey PNG, which readers expand to RGB.
    /// </summary>
    private static byte[] EncodePng(Layer layer, LayerDocument document)
    {
        var planes = layer.Source;
        return LayerPng.Encode(planes, document.BitsPerSample, document.IccProfile,
            channels: planes.Channels == 4 && layer.IsOpaque ? 3 : planes.Channels);
    }

    private static void Store(ZipArchive zip, string name, byte[] png)
    {
        // PNG data is already deflated; zipping it again only costs time.
        using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        s.Write(png);
    }
}
