using System.Runtime.InteropServices;
using NetVips;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.IO;

namespace RetouchPlugins.Shared.Imaging.Vips;

/// <summary>
/// Writes float planes through libvips: to a file as JPEG, PNG, TIFF or lossless WebP (via a temporary file renamed
/// into place), or to memory as PNG (the layers of an .ora, previews).
/// </summary>
internal static class VipsEncoder
{
    /// <param name="pixels">1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA) planes in [0, 1].</param>
    /// <param name="xmp">an XMP packet and <paramref name="iptc"/> an IPTC block to keep (JPEG, TIFF and WebP carry both
    /// or XMP; PNG carries XMP).</param>
    public static void Save(PlanarImage pixels, int bitsPerSample, byte[]? icc, byte[]? exif, string path, ImageSaveOptions options,
        byte[]? xmp = null, byte[]? iptc = null)
    {
        var format = ImageFormats.ForSaving(path)
            ?? throw new ImageFileException(path, ImageFileProblem.UnsupportedFormat,
                $"cannot write '{Path.GetExtension(path)}' files; use .jpg, .png, .tif or .webp");
        int bits = format is ImageFormat.Jpeg or ImageFormat.WebP ? 8 : options.BitsPerSample ?? bitsPerSample;
        if (bits is not (8 or 16)) throw new ArgumentOutOfRangeException(nameof(options), $"bits per sample must be 8 or 16, not {bits}");
        if (options.JpegQuality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(options), $"JPEG quality must be 1..100, not {options.JpegQuality}");
        // JPEG has no alpha: drop it (RGBA -> RGB, grey+alpha -> grey).
        int channels = format == ImageFormat.Jpeg && pixels.Channels is 2 or 4 ? pixels.Channels - 1 : pixels.Channels;

        var session = VipsSession.Require();
        var metadata = options.KeepMetadata ? new Metadata(icc, exif, xmp, iptc, InTiff: format == ImageFormat.Tiff) : Metadata.None;
        using var prepared = Prepare(pixels, channels, bits == 16, metadata, path, session);
        var image = prepared.Image;
        try
        {
            AtomicFile.WriteVia(path, temp =>
            {
                try
                {
                    switch (format)
                    {
                        case ImageFormat.Jpeg: image.Jpegsave(temp, q: options.JpegQuality); break;
                        case ImageFormat.Png: image.Pngsave(temp); break;
                        case ImageFormat.WebP: image.Webpsave(temp, lossless: true); break;
                        // Deflate: lossless, with libvips' default horizontal predictor. Deflate can grow noise a little:
                        // a BigTIFF from 99 % of the classic limit on.
                        default:
                            long raw = (long)pixels.Width * pixels.Height * channels * (bits / 8);
                            image.Tiffsave(temp, compression: Enums.ForeignTiffCompression.Deflate,
                                bigtiff: options.BigTiff ?? raw > uint.MaxValue * 0.99);
                            if (metadata.Exif is { } exif) // libvips writes none into a TIFF
                                using (var written = new FileStream(temp, FileMode.Open, FileAccess.ReadWrite)) TiffExif.AddTo(written, ExifOrientation.With(exif, 1));
                            break;
                    }
                }
                catch (VipsException e)
                {
                    throw new ImageFileException(path, ImageFileProblem.CannotWrite, $"cannot write the image ({VipsErrors.Detail(e, session.Warnings)})", e);
                }
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not ImageFileException)
        {
            throw new ImageFileException(path, ImageFileProblem.CannotWrite, $"cannot write the file ({e.Message})", e);
        }
    }

    /// <summary>
    /// zlib level 3: on photos about 3x faster than libvips' default 6 for files a few per cent larger, the trade
    /// our own PNG writer made for layers too. The Up filter on every row compresses photos and masks about as well
    /// as choosing per row, at a fraction of the time.
    /// </summary>
    private const int PngCompression = 3;

    /// <summary>An 8- or 16-bit PNG in memory of 1..4 planes (grey, grey + alpha, RGB, RGBA), with the ICC profile if given.</summary>
    /// <param name="name">names what is being encoded in an error message.</param>
    /// <param name="channels">the first this many planes (default all): an opaque RGBA layer goes out as RGB without a copy.</param>
    public static byte[] EncodePng(PlanarImage pixels, int bits, byte[]? icc, string name, int? channels = null)
    {
        if (bits is not (8 or 16)) throw new ArgumentOutOfRangeException(nameof(bits), $"PNG bits per sample must be 8 or 16, not {bits}");
        var session = VipsSession.Require();
        int planes = channels ?? pixels.Channels;
        if (planes < 1 || planes > pixels.Channels) throw new ArgumentOutOfRangeException(nameof(channels), $"{planes} planes of a {pixels.Channels}-plane image");
        using var prepared = Prepare(pixels, planes, bits == 16, Metadata.None with { Icc = icc }, name, session);
        try { return prepared.Image.PngsaveBuffer(compression: PngCompression, filter: Enums.ForeignPngFilter.Up); }
        catch (VipsException e)
        {
            throw new ImageFileException(name, ImageFileProblem.CannotWrite, $"cannot encode the PNG ({VipsErrors.Detail(e, session.Warnings)})", e);
        }
    }

    /// <summary>
    /// The first <paramref name="channels"/> planes as a labelled libvips image carrying the metadata to write. The
    /// image reads our interleaved samples where they are (pinned until it is disposed): a copy into libvips' memory
    /// cost a 24 MP save 40 ms and 72 MB of fresh pages.
    /// </summary>
    /// <summary>What a save writes besides the pixels.</summary>
    /// <param name="InTiff">the file is a TIFF: a JPEG's IPTC (a Photoshop resource block) goes into the TIFF's Photoshop
    /// tag, where readers look for it, not into its IPTC tag, which holds bare IPTC records.</param>
    private sealed record Metadata(byte[]? Icc, byte[]? Exif, byte[]? Xmp, byte[]? Iptc, bool InTiff = false)
    {
        public static Metadata None { get; } = new(null, null, null, null);

        /// <summary>The libvips field and bytes the IPTC block is written as (<see cref="IptcBlock"/>).</summary>
        public (string Field, byte[] Bytes)? IptcField => Iptc switch
        {
            null => null,
            _ when InTiff && IptcBlock.IsPhotoshopBlock(Iptc) => ("photoshop-data", IptcBlock.WithoutHeader(Iptc)),
            _ when InTiff => ("iptc-data", Iptc),
            _ => ("iptc-data", IptcBlock.AsPhotoshopBlock(Iptc)),
        };
    }

    private static PinnedImage Prepare(PlanarImage pixels, int channels, bool sixteen, Metadata metadata, string name, VipsSession session)
    {
        var data = PixelLayout.ToInterleaved(pixels, channels, sixteen);
        // Label the samples so savers neither rescale 16-bit RGB to 8 bits nor treat 4 bands as CMYK.
        var space = channels >= 3 ? (sixteen ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb)
                                  : (sixteen ? Enums.Interpretation.Grey16 : Enums.Interpretation.Bw);
        var pin = GCHandle.Alloc(data, GCHandleType.Pinned);
        try
        {
            using var raw = Image.NewFromMemory(pin.AddrOfPinnedObject(), (ulong)data.Length, pixels.Width, pixels.Height, channels,
                sixteen ? Enums.BandFormat.Ushort : Enums.BandFormat.Uchar);
            using var labelled = raw.Copy(interpretation: space);
            return new PinnedImage(labelled.Mutate(m =>
            {
                if (metadata.Icc is { } icc) m.Set(GValue.BlobType, "icc-profile-data", icc);
                if (metadata.Exif is { } exif) m.Set(GValue.BlobType, "exif-data", ExifOrientation.With(exif, 1));
                if (metadata.Xmp is { } xmp) m.Set(GValue.BlobType, "xmp-data", xmp);
                if (metadata.IptcField is var (field, bytes)) m.Set(GValue.BlobType, field, bytes);
                // The pixels we write are upright; libvips writes this value into the EXIF it saves.
                m.Set(GValue.GIntType, "orientation", 1);
            }), pin);
        }
        catch (Exception e)
        {
            pin.Free();
            if (e is VipsException vips)
                throw new ImageFileException(name, ImageFileProblem.CannotWrite, $"cannot prepare the pixels ({VipsErrors.Detail(vips, session.Warnings)})", e);
            throw;
        }
    }

    /// <summary>
    /// A libvips image over managed samples, and their pin. libvips' operation cache is off (<see cref="VipsSession"/>),
    /// so once this image is disposed nothing in libvips refers to the samples any more.
    /// </summary>
    private sealed class PinnedImage(Image image, GCHandle pin) : IDisposable
    {
        private GCHandle _pin = pin;

        public Image Image { get; } = image;

        public void Dispose()
        {
            Image.Dispose();
            if (_pin.IsAllocated) _pin.Free();
        }
    }
}
