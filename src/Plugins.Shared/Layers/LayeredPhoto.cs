using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Imaging.Vips;

namespace RetouchPlugins.Shared.Layers;

/// <summary>
/// A layered TIFF or an OpenRaster document handed in where a photo is expected (an effect command, batch, `retouch
/// open`, a web upload): a multi-page TIFF (ours, GIMP's) or an .ora (Krita's, GIMP's, ours) is read as its layers, and
/// the effects see their visible composite, as they see the picture of a Photoshop document. A layered result keeps
/// those layers with the new ones on top (<see cref="OnTop"/>): a second effect run on the first one's layered TIFF
/// works on the retouched picture and keeps the first run's layers, instead of starting again from the first page and
/// dropping the rest.
/// </summary>
public static class LayeredPhoto
{
    /// <summary>An OpenRaster document (by its extension; the reader checks the rest): read as its layers, as a layered TIFF is.</summary>
    public static bool IsOpenRaster(string path) => Path.GetExtension(path).Equals(".ora", StringComparison.OrdinalIgnoreCase);

    /// <summary>An OpenRaster document's header: its canvas, depth, colour profile and what its layers hold once read (float RGBA).</summary>
    public static ImageInfo ReadOpenRasterInfo(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
        using var file = File.OpenRead(path);
        if (file.Length == 0) throw new LayerFileException(path, "file is empty");
        var (width, height, bits, pixels, icc) = Ora.OraReader.ReadInfo(file, path);
        return new ImageInfo(width, height, 4, bits, 1, icc, ImageFormat.OpenRaster, "ora", "srgb") { SourceBytesHeld = pixels * 4 * sizeof(float) };
    }

    /// <summary>
    /// The photo of a layered file, its layers attached: an OpenRaster document (<paramref name="openRaster"/>: by its
    /// name, or an upload whose bytes begin as OpenRaster's mimetype entry does) or a multi-page TIFF; null when the
    /// stream is neither (or a TIFF flavour our layer reader does not take). The pixel limit is checked on the canvas
    /// before any layer is decoded.
    /// </summary>
    public static ImageDocument? TryLoad(Stream file, string name, bool openRaster, ImageLoadOptions options)
    {
        if (openRaster || StartsAsOpenRaster(file))
        {
            var (width, height, _, _, _) = Ora.OraReader.ReadInfo(file, name);
            VipsDecoder.CheckSize(width, height, name, options);
            file.Position = 0;
            return AsPhoto(Ora.OraReader.Read(file, name), ImageFormat.OpenRaster);
        }
        if (FirstPageSize(file) is not { } size) return null;
        VipsDecoder.CheckSize(size.Width, size.Height, name, options);
        try
        {
            file.Position = 0;
            var layers = Tiff.TiffReader.Read(file, name);
            VipsDecoder.CheckSize(layers.Width, layers.Height, name, options); // a canvas larger than the first page
            return AsPhoto(layers);
        }
        catch (LayerFileException) { return null; } // LZW, tiles: libvips reads the first page as a flat photo
    }

    /// <summary>OpenRaster's first zip entry is the stored mimetype "image/openraster" (the specification requires it).</summary>
    private static bool StartsAsOpenRaster(Stream file)
    {
        var head = new byte[54];
        file.Position = 0;
        bool read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false) == head.Length;
        file.Position = 0;
        return read && head.AsSpan(0, 4).SequenceEqual("PK\x03\x04"u8) && head.AsSpan(30, 24).SequenceEqual("mimetypeimage/openraster"u8);
    }

    /// <summary>The first page's size when the stream is a TIFF of several pages and no preview, else null.</summary>
    private static (int Width, int Height)? FirstPageSize(Stream file)
    {
        if (PageKinds(file) is not { } pages || pages.Count < 2 || pages.Any(p => p.Reduced)) return null;
        return (pages[0].Width, pages[0].Height);
    }

    /// <summary>Each page's size and whether it is a reduced-resolution copy; null when the stream is not a TIFF or its chain is damaged.</summary>
    private static List<(int Width, int Height, bool Reduced)>? PageKinds(Stream file)
    {
        if (TiffStructure.Open(file) is not { } tiff) return null;
        var pages = new List<(int, int, bool)>();
        var seen = new HashSet<long>();
        for (long ifd = tiff.FirstIfd; ifd != 0 && seen.Add(ifd) && pages.Count < 10_000;)
        {
            if (tiff.ReadIfd(ifd, out ifd) is not { } entries) return null;
            long Number(int tag) => TiffStructure.Find(entries, tag) is { } e && tiff.Numbers(e) is { Length: > 0 } v ? v[0] : 0;
            pages.Add(((int)Math.Min(Number(Tiff.TiffTags.ImageWidth), int.MaxValue), (int)Math.Min(Number(Tiff.TiffTags.ImageLength), int.MaxValue),
                (Number(Tiff.TiffTags.NewSubfileType) & 1) != 0));
        }
        return pages;
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
            return FirstPageSize(file) is not null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
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
        if (Path.GetExtension(path).ToLowerInvariant() is not (".tif" or ".tiff")) return 0;
        try
        {
            using var file = File.OpenRead(path);
            return PageKinds(file) is { Count: > 1 } pages && !pages.Any(p => p.Reduced) ? pages.Sum(p => (long)p.Width * p.Height * 4 * sizeof(float)) : 0;
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
