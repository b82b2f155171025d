using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging.Vips;

namespace RetouchPlugins.Shared.Imaging;

/// <summary>
/// Reads and writes photos through libvips (Photoshop and OpenRaster documents and layered TIFFs through our layer
/// readers: their visible composite, the layers attached). Reads JPEG, PNG, TIFF (8/16-bit) and WebP, applies the EXIF
/// orientation and hands over float planes; writes JPEG, PNG and TIFF (format from the extension) keeping
/// the ICC profile and EXIF. Every failure is an <see cref="ImageFileException"/> naming the file.
/// </summary>
public static class ImageFile
{
    public static ImageDocument Load(string path, ImageLoadOptions? options = null)
    {
        if (PhotoshopFile.Is(path)) return PhotoshopFile.Load(path, options ?? ImageLoadOptions.Default);
        bool openRaster = Layers.LayeredPhoto.IsOpenRaster(path);
        if (openRaster || Layers.LayeredPhoto.IsMultiPageTiff(path))
        {
            // A layered file (an .ora, a multi-page TIFF): the effects see its visible composite and a layered result keeps its layers.
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: file not found", path);
            using var layeredFile = File.OpenRead(path);
            if (layeredFile.Length == 0) throw new Layers.LayerFileException(path, "file is empty");
            if (Layers.LayeredPhoto.TryLoad(layeredFile, path, openRaster, options ?? ImageLoadOptions.Default) is { } layered) return layered;
        }
        var document = VipsDecoder.DecodeFile(path, options ?? ImageLoadOptions.Default);
        if (document.SourceFormat != ImageFormat.Tiff) return document;
        // libvips read the pixels; what it does not check or read (Deflate checksums, EXIF) comes from one more open.
        FileStream file;
        try { file = File.OpenRead(path); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return document; } // libvips read it; nothing to add
        using (file) return Checked(document, file, path);
    }

    /// <summary>Decodes the bytes of an image file; <paramref name="name"/> is used in error messages.</summary>
    public static ImageDocument LoadFromBuffer(byte[] data, string name = "image data", ImageLoadOptions? options = null)
    {
        if (PhotoshopFile.Is(data)) return PhotoshopFile.Load(data, name, options ?? ImageLoadOptions.Default);
        if (Layers.LayeredPhoto.TryLoad(new MemoryStream(data, writable: false), name, openRaster: false, options ?? ImageLoadOptions.Default) is { } layered)
            return layered; // an uploaded .ora or layered TIFF: its layers go into a layered export
        var document = VipsDecoder.Decode(VipsDecoder.OpenBuffer(data, name), name, options ?? ImageLoadOptions.Default);
        if (document.SourceFormat != ImageFormat.Tiff) return document;
        return Checked(document, new MemoryStream(data, writable: false), name);
    }

    /// <summary>
    /// A decoded TIFF with its Deflate streams checked to their end (<see cref="TiffDeflateCheck"/>) and its EXIF: libvips
    /// reads no EXIF from a TIFF, so a camera's or Lightroom's capture data is read here, and a TIFF result keeps it.
    /// </summary>
    private static ImageDocument Checked(ImageDocument document, Stream tiff, string name)
    {
        if (TiffDeflateCheck.Problem(tiff) is { } problem)
            throw new ImageFileException(name, ImageFileProblem.Corrupt, $"the image data is truncated or damaged ({problem})");
        if (document.Exif is not null) return document;
        try { return TiffExif.Read(tiff) is { } exif ? document with { Exif = exif } : document; }
        catch (Exception e) when (e is IOException or ArgumentException or OverflowException) { return document; } // damaged tags: the pixels still read
    }

    /// <summary>Reads the header only: size, depth, channels, orientation, ICC profile, format.</summary>
    public static ImageInfo ReadInfo(string path)
    {
        if (PhotoshopFile.Is(path)) return PhotoshopFile.ReadInfo(path);
        if (Layers.LayeredPhoto.IsOpenRaster(path)) return Layers.LayeredPhoto.ReadOpenRasterInfo(path);
        using var image = VipsDecoder.OpenFile(path);
        var info = VipsDecoder.ReadInfo(image);
        if (info.Format != ImageFormat.Tiff) return info;
        info = info with { SourceBytesHeld = Layers.LayeredPhoto.HeldBytes(path) }; // a layered TIFF's pages, read whole
        if (info.Exif is not null) return info;
        try
        {
            using var file = File.OpenRead(path);
            return info with { Exif = TiffExif.Read(file) };
        }
        catch (Exception e) when (e is IOException or ArgumentException or OverflowException) { return info; }
    }

    /// <summary>
    /// Whether a TIFF carries Photoshop's layers (tag 37724, "ImageSourceData", what Photoshop's "Save layers" writes):
    /// only its flat image is read here, so writing a result back over it would drop them.
    /// </summary>
    public static bool HasPhotoshopLayers(string path)
    {
        try
        {
            using var file = File.OpenRead(path);
            return TiffExif.FirstIfdTags(file).Contains(PhotoshopLayersTag);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or OverflowException) { return false; }
    }

    private const int PhotoshopLayersTag = 37724;

    /// <summary>
    /// The pixel-count guard on a header already read (<see cref="ReadInfo"/>): throws the same
    /// <see cref="ImageFileProblem.TooManyPixels"/> error a load would, without decoding anything.
    /// </summary>
    public static void CheckSize(ImageInfo info, string path, ImageLoadOptions? options = null)
        => VipsDecoder.CheckSize(info.Width, info.Height, path, options ?? ImageLoadOptions.Default);

    /// <summary>Writes <paramref name="document"/> to <paramref name="path"/> (.jpg/.jpeg, .png, .tif/.tiff, .webp) atomically.</summary>
    public static void Save(ImageDocument document, string path, ImageSaveOptions? options = null)
        => VipsEncoder.Save(document.Pixels, document.BitsPerSample, document.IccProfile, document.Exif, path, options ?? ImageSaveOptions.Default,
            document.Xmp, document.Iptc);

    /// <summary>Writes any 1..4-plane image (grey, grey+alpha, RGB, RGBA in [0, 1]) as an 8-bit PNG, e.g. masks and debug overlays.</summary>
    public static void SavePng(PlanarImage image, string path)
    {
        if (!string.Equals(Path.GetExtension(path), ".png", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"{path}: SavePng writes .png files", nameof(path));
        VipsEncoder.Save(image, 8, null, null, path, ImageSaveOptions.Default);
    }

    /// <summary>
    /// An 8- or 16-bit PNG in memory (1..4 planes: grey, grey + alpha, RGB, RGBA in [0, 1]), with the ICC profile if
    /// given: the layers inside .ora files and the web host's images. <paramref name="name"/> is used in error messages.
    /// </summary>
    public static byte[] EncodePng(PlanarImage image, int bitsPerSample = 8, byte[]? iccProfile = null, string name = "PNG image")
        => VipsEncoder.EncodePng(image, bitsPerSample, iccProfile, name);

    /// <summary>
    /// libvips as loaded in this process: its version, NetVips', the worker threads, or in one line why it could not
    /// load. Never throws (<c>retouch doctor</c> prints it).
    /// </summary>
    public static VipsStatus LibvipsStatus => VipsSession.Probe();

    /// <summary>libvips' built-in ICC profile: "srgb", "p3" or "cmyk".</summary>
    public static byte[] BuiltInIccProfile(string name)
    {
        VipsSession.Require();
        try { return NetVips.Image.ProfileLoad(name); }
        catch (NetVips.VipsException e) { throw new ArgumentException($"libvips has no built-in profile '{name}'", nameof(name), e); }
    }
}
