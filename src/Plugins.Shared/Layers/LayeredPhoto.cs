using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Shared.Layers;

/// <summary>
/// A layered TIFF or an OpenRaster document handed in where a photo is expected (an effect command, batch, `retouch
/// open`): a multi-page TIFF (ours, GIMP's) or an .ora (Krita's, GIMP's, ours) is read as its layers, and the effects
/// see their visible composite, as they see the picture of a Photoshop document. A layered result keeps those layers with the new ones on top (<see cref="OnTop"/>): a second
/// effect run on the first one's layered TIFF works on the retouched picture and keeps the first run's layers, instead
/// of starting again from the first page and dropping the rest.
/// </summary>
public static class LayeredPhoto
{
    /// <summary>An OpenRaster document (by its extension; the reader checks the rest): read as its layers, as a layered TIFF is.</summary>
    public static bool IsOpenRaster(string path) => Path.GetExtension(path).Equals(".ora", StringComparison.OrdinalIgnoreCase);

    /// <summary>An OpenRaster document's header: its canvas, depth and what its layers hold once read (float RGBA).</summary>
    public static ImageInfo ReadOpenRasterInfo(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        using var file = File.OpenRead(path);
        if (file.Length == 0) throw new LayerFileException(path, "file is empty");
        var (width, height, bits, pixels) = Ora.OraReader.ReadInfo(file, path);
        return new ImageInfo(width, height, 4, bits, 1, null, ImageFormat.OpenRaster, "ora", "srgb") { SourceBytesHeld = pixels * 4 * sizeof(float) };
    }

    /// <summary>
    /// Whether the TIFF at <paramref name="path"/> has more than one page and none of them is a reduced-resolution copy
    /// (NewSubfileType bit 0: a preview or thumbnail some writers chain after the photo, which is not a layer). Reads
    /// the IFD chain only.
    /// </summary>
    public static bool IsMultiPageTiff(string path)
    {
        if (Path.GetExtension(path).ToLowerInvariant() is not (".tif" or ".tiff")) return false;
        try
        {
            using var file = File.OpenRead(path);
            if (TiffStructure.Open(file) is not { } tiff) return false;
            int pages = 0;
            var seen = new HashSet<long>();
            for (long ifd = tiff.FirstIfd; ifd != 0 && seen.Add(ifd) && pages < 10_000; pages++)
            {
                if (tiff.ReadIfd(ifd, out ifd) is not { } entries) return false;
                if (entries.FirstOrDefault(e => e.Tag == Tiff.TiffTags.NewSubfileType) is { Tag: > 0 } kind
                    && tiff.Numbers(kind) is { Length: > 0 } bits && (bits[0] & 1) != 0) return false;
            }
            return pages > 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>
    /// The layers of a multi-page TIFF; null for a one-page TIFF, another format, or a TIFF flavour our layer reader does
    /// not take (LZW, tiles: libvips reads its first page as a flat photo, as before).
    /// </summary>
    public static LayerDocument? TryRead(string path)
    {
        if (!IsMultiPageTiff(path)) return null;
        try { return LayerFile.Read(path); }
        catch (LayerFileException) { return null; }
    }

    /// <summary>The photo the effects render: the layers' visible composite, with the file's depth and metadata, the layers attached.</summary>
    /// <param name="format">the file's format (an OpenRaster file handed to `retouch open` is read the same way).</param>
    public static ImageDocument AsPhoto(LayerDocument layers, ImageFormat format = ImageFormat.Tiff) =>
        new(LayerCompositor.WithoutOpaqueAlpha(LayerCompositor.Composite(layers)), layers.BitsPerSample, layers.IccProfile, layers.Exif, format)
        {
            Xmp = layers.Xmp, Iptc = layers.Iptc, Layers = layers,
        };

    /// <summary>Bytes the layers of a multi-page TIFF hold once read (float RGBA per page), for the memory budget; 0 for a one-page file.</summary>
    public static long HeldBytes(string path)
    {
        if (!IsMultiPageTiff(path)) return 0;
        try
        {
            using var file = File.OpenRead(path);
            var tiff = TiffStructure.Open(file)!;
            long bytes = 0;
            var seen = new HashSet<long>();
            for (long ifd = tiff.FirstIfd; ifd != 0 && seen.Add(ifd) && seen.Count <= 10_000;)
            {
                if (tiff.ReadIfd(ifd, out ifd) is not { } entries) break;
                long Number(int tag) => entries.FirstOrDefault(e => e.Tag == tag) is { Tag: > 0 } e && tiff.Numbers(e) is { Length: > 0 } v ? v[0] : 0;
                bytes += Number(Tiff.TiffTags.ImageWidth) * Number(Tiff.TiffTags.ImageLength) * 4 * sizeof(float);
            }
            return bytes;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return 0; }
    }

    /// <summary>
    /// A document of <paramref name="own"/>'s layers (kept as they are) with <paramref name="added"/> on top, and its canvas,
    /// depth and metadata: what a layered result of a layered input is.
    /// </summary>
    public static LayerDocument OnTop(LayerDocument own, IEnumerable<Layer> added)
    {
        var document = new LayerDocument(own.Width, own.Height, own.BitsPerSample)
        {
            IccProfile = own.IccProfile, Exif = own.Exif, Xmp = own.Xmp, Iptc = own.Iptc,
        };
        foreach (var layer in own.Layers) document.Add(layer);
        foreach (var layer in added) document.Add(layer);
        return document;
    }
}
