using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml;
using System.Xml.Linq;
using RetouchPlugins.Shared.Layers.Png;

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

        var stack = new XElement("stack");
        for (int i = document.Layers.Count - 1; i >= 0; i--)
        {
            var layer = document.Layers[i];
            string src = $"data/layer{i:D3}.png";
            WritePng(zip, src, layer.Pixels, document);
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

        var merged = LayerCompositor.Composite(document);
        WritePng(zip, "mergedimage.png", merged, document);
        using (var s = zip.CreateEntry("Thumbnails/thumbnail.png", CompressionLevel.NoCompression).Open())
            PngEncoder.Encode(s, Thumbnail.Fit(merged, ThumbnailMax), 8);
    }

    private static void WritePng(ZipArchive zip, string name, RetouchPlugins.Shaders.PlanarImage pixels, LayerDocument document)
    {
        // PNG data is already deflated; zipping it again only costs time.
        using var s = zip.CreateEntry(name, CompressionLevel.NoCompression).Open();
        PngEncoder.Encode(s, pixels, document.BitsPerSample, document.IccProfile);
    }
}
