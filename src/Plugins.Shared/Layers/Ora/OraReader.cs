using System.Globalization;
using System.IO.Compression;
using System.Xml;
using System.Xml.Linq;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Shared.Layers.Ora;

/// <summary>
/// Reads OpenRaster. Nested stacks (layer groups) are flattened into the one layer list, keeping their
/// order; a group's opacity and visibility are folded into its layers. The document is 16-bit when any
/// layer PNG is 16-bit.
/// </summary>
public static class OraReader
{
    public static LayerDocument Read(Stream input, string source)
    {
        try { return ReadChecked(input, source); }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or XmlException)
        {
            throw new LayerFileException(source, $"damaged OpenRaster file: {e.Message}", e);
        }
    }

    /// <summary>
    /// What the header parts say, without decoding a layer: the canvas (stack.xml), the deepest layer PNG's bit depth
    /// and the layers' pixels (their PNG headers), for the pixel limit and the memory check before a load.
    /// </summary>
    public static (int Width, int Height, int Bits, long LayerPixels, byte[]? Icc) ReadInfo(Stream input, string source)
    {
        try
        {
            using var zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
            var image = StackImage(zip, source);
            int bits = 8;
            long pixels = 0;
            byte[]? icc = null;
            foreach (var src in image.Descendants().Where(e => e.Name.LocalName == "layer").Select(e => (string?)e.Attribute("src")))
            {
                if (src is null || zip.GetEntry(src) is not { } entry) continue; // the load says what is missing
                using var png = entry.Open();
                var head = new byte[33]; // signature, then IHDR's length, type, data and CRC
                if (png.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) < head.Length) continue;
                pixels += (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(16)) * System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head.AsSpan(20));
                bits = Math.Max(bits, head[24] == 16 ? 16 : 8);
                icc ??= PngIccProfile(png);
            }
            return (IntAttr(image, "w", source), IntAttr(image, "h", source), bits, pixels, icc);
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or XmlException)
        {
            throw new LayerFileException(source, $"damaged OpenRaster file: {e.Message}", e);
        }
    }

    /// <summary>
    /// The ICC profile of a PNG whose chunks after IHDR follow in <paramref name="png"/>: its iCCP chunk, which comes before
    /// the image data (PNG requires it); null when there is none or it is damaged (the load decides then).
    /// </summary>
    private static byte[]? PngIccProfile(Stream png)
    {
        var header = new byte[8];
        while (png.ReadAtLeast(header, 8, throwOnEndOfStream: false) == 8)
        {
            uint length = System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(header);
            var type = System.Text.Encoding.ASCII.GetString(header, 4, 4);
            if (type is "IDAT" or "IEND" || length > 1 << 24) return null;
            var data = new byte[length + 4]; // with its CRC
            if (png.ReadAtLeast(data, data.Length, throwOnEndOfStream: false) < data.Length) return null;
            if (type != "iCCP") continue;
            int nul = Array.IndexOf(data, (byte)0, 0, Math.Min(80, (int)length));
            if (nul < 0 || nul + 2 > length) return null;
            try
            {
                using var z = new ZLibStream(new MemoryStream(data, nul + 2, (int)length - nul - 2), CompressionMode.Decompress);
                var profile = new MemoryStream();
                z.CopyTo(profile);
                return profile.ToArray();
            }
            catch (InvalidDataException) { return null; }
        }
        return null;
    }

    /// <summary>The &lt;image&gt; element of stack.xml, after the mimetype is checked.</summary>
    private static XElement StackImage(ZipArchive zip, string source)
    {
        var mime = zip.GetEntry("mimetype");
        if (mime is not null)
        {
            using var r = new StreamReader(mime.Open());
            var text = r.ReadToEnd().Trim();
            if (text != OraWriter.MimeType) throw new LayerFileException(source, $"mimetype is '{text}', not {OraWriter.MimeType}");
        }
        var stackEntry = zip.GetEntry("stack.xml") ?? throw new LayerFileException(source, "OpenRaster file has no stack.xml");
        XDocument xml;
        using (var s = stackEntry.Open()) xml = XDocument.Load(s);
        return xml.Root is { Name.LocalName: "image" } root ? root : throw new LayerFileException(source, "stack.xml has no <image> root");
    }

    private static LayerDocument ReadChecked(Stream input, string source)
    {
        using var zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
        var image = StackImage(zip, source);
        int w = IntAttr(image, "w", source), h = IntAttr(image, "h", source);
        var top = image.Element("stack") ?? throw new LayerFileException(source, "stack.xml has no <stack>");

        var topFirst = new List<(Layer Layer, int Depth)>();
        byte[]? icc = null;
        Collect(zip, top, 1f, true, 0, 0, topFirst, ref icc, source);
        int bits = topFirst.Any(l => l.Depth == 16) ? 16 : 8;
        var doc = new LayerDocument(w, h, bits);
        for (int i = topFirst.Count - 1; i >= 0; i--) doc.Layers.Add(topFirst[i].Layer);
        doc.IccProfile = icc;
        return doc;
    }

    private static void Collect(ZipArchive zip, XElement stack, float opacity, bool visible, int dx, int dy, List<(Layer, int)> into, ref byte[]? icc, string source)
    {
        foreach (var el in stack.Elements())
        {
            float o = opacity * FloatAttr(el, "opacity", 1f);
            bool v = visible && (string?)el.Attribute("visibility") != "hidden";
            int x = dx + IntAttr(el, "x", source, 0), y = dy + IntAttr(el, "y", source, 0);
            if (el.Name.LocalName == "stack") { Collect(zip, el, o, v, x, y, into, ref icc, source); continue; }
            if (el.Name.LocalName != "layer") continue; // text/filter elements carry no pixels
            var src = (string?)el.Attribute("src") ?? throw new LayerFileException(source, "a <layer> has no src");
            var entry = zip.GetEntry(src) ?? throw new LayerFileException(source, $"layer image {src} is missing from the archive");
            if (!src.EndsWith(".png", StringComparison.OrdinalIgnoreCase)) throw new LayerFileException(source, $"layer image {src} is not a PNG");
            ImageDocument png;
            try { png = LayerPng.Decode(ReadEntry(entry, src), src); }
            catch (ImageFileException e)
            {
                // "photo.ora: layer image data/layer001.png: ..." — the file the user has first, then the part inside it.
                throw new LayerFileException(source, $"layer image {e.Message}", e);
            }
            icc ??= png.IccProfile;
            var layer = new Layer((string?)el.Attribute("name") ?? Path.GetFileNameWithoutExtension(src), png.Pixels)
            {
                OffsetX = x, OffsetY = y, Opacity = Math.Clamp(o, 0f, 1f), Visible = v,
                BlendMode = OraBlendNames.FromName((string?)el.Attribute("composite-op")),
            };
            into.Add((layer, png.BitsPerSample));
        }
    }

    /// <summary>A zip entry's bytes (libvips decodes from memory), refused when it claims more than an array holds.</summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, string name)
    {
        if (entry.Length > Array.MaxLength)
            throw new ImageFileException(name, ImageFileProblem.NotEnoughMemory, $"is {entry.Length} bytes, more than can be read into memory");
        var bytes = new byte[entry.Length];
        using var s = entry.Open();
        s.ReadExactly(bytes);
        return bytes;
    }

    private static int IntAttr(XElement e, string name, string source, int? fallback = null)
    {
        var a = (string?)e.Attribute(name);
        if (a is null) return fallback ?? throw new LayerFileException(source, $"<{e.Name.LocalName}> lacks the {name} attribute");
        if (double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Abs(d) < int.MaxValue) return (int)Math.Round(d);
        throw new LayerFileException(source, $"<{e.Name.LocalName} {name}=\"{a}\"> is not a number");
    }

    private static float FloatAttr(XElement e, string name, float fallback)
        => float.TryParse((string?)e.Attribute(name), NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && float.IsFinite(f) ? f : fallback;
}
