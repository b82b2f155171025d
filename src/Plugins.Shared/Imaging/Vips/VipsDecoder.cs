using NetVips;

namespace RetouchPlugins.Shared.Imaging.Vips;

/// <summary>
/// Opens images through libvips (header first, so limits apply before any pixel is decoded) and decodes
/// them into an <see cref="ImageDocument"/>. <c>name</c> in every method is what error messages call the input.
/// </summary>
internal static class VipsDecoder
{
    /// <summary>
    /// libvips' fail_on=error: a read error anywhere in the pixel data (a TIFF cut short, strip offsets past the
    /// end, a Deflate checksum that does not match, a truncated JPEG or PNG) fails the load instead of leaving
    /// black or grey rows. Not "warning": libtiff warns about every unknown private tag, which is not damage.
    /// </summary>
    private const Enums.FailOn FailOn = Enums.FailOn.Error;

    /// <summary>Opens a file for its header and any access (<see cref="ReadInfo"/>).</summary>
    public static Image OpenFile(string path) => OpenFile(path, Enums.Access.Random);

    /// <summary>
    /// Decodes a file into upright float planes. Opened for sequential access: the loader decodes straight into the
    /// buffer <see cref="Decode"/> reads instead of into a whole-image cache first, which a 24 MP JPEG paid as 72 MB
    /// more written and faulted in. Rotating by the EXIF orientation reads out of order; such an image gets its cache
    /// first.
    /// </summary>
    public static ImageDocument DecodeFile(string path, ImageLoadOptions options) =>
        Decode(OpenFile(path, Enums.Access.Sequential), path, options, sequential: true);

    private static Image OpenFile(string path, Enums.Access access)
    {
        var session = VipsSession.Require();
        if (Directory.Exists(path)) throw new ImageFileException(path, ImageFileProblem.NotFound, "is a folder, not an image file");
        if (!File.Exists(path)) throw new ImageFileException(path, ImageFileProblem.NotFound, "file not found");
        if (new FileInfo(path).Length == 0) throw new ImageFileException(path, ImageFileProblem.Empty, "file is empty (0 bytes)");
        VipsErrors.Clear(session.Warnings); // the detail of a failure below must be about this file
        if (Image.FindLoad(path) is null) throw NotAnImage(path, session);
        Image image;
        try { image = Image.NewFromFile(path, access: access, failOn: FailOn); }
        catch (VipsException e) { throw Unreadable(path, e, session); }
        return RequireDecodableHeif(image, path, session, () => Image.NewFromFile(path, access: Enums.Access.Random, failOn: FailOn));
    }

    /// <summary>Opens in-memory file bytes (NetVips hands libvips a copy, so nothing needs pinning).</summary>
    public static Image OpenBuffer(byte[] data, string name)
    {
        var session = VipsSession.Require();
        if (data.Length == 0) throw new ImageFileException(name, ImageFileProblem.Empty, "no data (0 bytes)");
        VipsErrors.Clear(session.Warnings);
        if (Image.FindLoadBuffer(data) is null) throw NotAnImage(name, session);
        Image image;
        try { image = Image.NewFromBuffer(data, failOn: FailOn); }
        catch (VipsException e) { throw Unreadable(name, e, session); }
        return RequireDecodableHeif(image, name, session, () => Image.NewFromBuffer(data, failOn: FailOn));
    }

    /// <summary>
    /// A HEIC whose pictures are HEVC-coded (what iPhones save by default) opens, header and all, but the libheif in
    /// NetVips.Native has no HEVC decoder (libde265 is left out of it), so the decode failed later with "the image
    /// data is truncated or damaged" about a sound file. One pixel of a second opening is decoded here to find out
    /// at open (the first may be sequential, read once). An AVIF (AV1) goes through the same loader and decodes.
    /// </summary>
    private static Image RequireDecodableHeif(Image image, string name, VipsSession session, Func<Image> openAgain)
    {
        if (VipsFields.String(image, "heif-compression") != "hevc") return image;
        try
        {
            using var again = openAgain();
            using var pixel = again.Crop(0, 0, 1, 1);
            NetVips.NetVips.Free(pixel.WriteToMemory(out _));
            return image;
        }
        catch (VipsException e)
        {
            image.Dispose();
            var detail = VipsErrors.Detail(e, session.Warnings);
            if (!detail.Contains("has not been built in", StringComparison.OrdinalIgnoreCase)) throw Unreadable(name, e, session);
            throw new ImageFileException(name, ImageFileProblem.UnsupportedFormat,
                "HEIC photo coded with HEVC (as iPhones save by default): this build's image library has no HEVC decoder; " +
                "export it as JPEG (on an iPhone: Settings > Camera > Formats > Most Compatible), AVIF, TIFF or PNG", e);
        }
    }

    /// <summary>Fails when the header promises more pixels than allowed (checked before decoding).</summary>
    public static void CheckSize(Image image, string name, ImageLoadOptions options) => CheckSize(image.Width, image.Height, name, options);

    /// <summary>The pixel-count guard from a header's size; hosts call it before a run, the decoder again before decoding.</summary>
    public static void CheckSize(int w, int h, string name, ImageLoadOptions options)
    {
        long pixels = (long)w * h;
        if (pixels > options.MaxPixels)
            throw new ImageFileException(name, ImageFileProblem.TooManyPixels,
                $"image is {w} x {h} = {pixels / 1e6:0.#} megapixels, over the limit of {options.MaxPixels / 1e6:0.#} megapixels " +
                $"(a guard against decompression bombs; raise it with {options.LimitHint} if the image is genuine)");
        if (pixels * 4 > Array.MaxLength)
            throw new ImageFileException(name, ImageFileProblem.TooManyPixels, $"image is {w} x {h}, too large to hold as float planes");
    }

    public static ImageInfo ReadInfo(Image image)
    {
        int orientation = VipsFields.Orientation(image);
        int w = image.Width, h = image.Height;
        if (ImageInfo.SwapsAxes(orientation)) (w, h) = (h, w);
        var loader = VipsFields.String(image, "vips-loader") ?? "";
        return new ImageInfo(w, h, image.Bands, BitsOf(image.Format), orientation, VipsFields.Blob(image, "icc-profile-data"),
            ImageFormats.FromLoader(loader, VipsFields.String(image, "heif-compression")), loader, image.Interpretation.ToString())
            { Exif = VipsFields.Blob(image, "exif-data") };
    }

    /// <summary>Decodes <paramref name="opened"/> (which this call disposes) into upright float planes.</summary>
    public static ImageDocument Decode(Image opened, string name, ImageLoadOptions options) => Decode(opened, name, options, sequential: false);

    /// <param name="sequential">It was opened for sequential access (<see cref="DecodeFile"/>).</param>
    private static ImageDocument Decode(Image opened, string name, ImageLoadOptions options, bool sequential)
    {
        var session = VipsSession.Require();
        var current = opened;
        try
        {
            CheckSize(current, name, options);
            int orientation = VipsFields.Orientation(current);
            var icc = VipsFields.Blob(current, "icc-profile-data");
            if (icc is not null && IccProfileCheck.Problem(icc) is { } iccProblem)
                throw new ImageFileException(name, ImageFileProblem.Corrupt, $"the embedded colour profile is damaged ({iccProblem})");
            var exif = VipsFields.Blob(current, "exif-data");
            var xmp = VipsFields.Blob(current, "xmp-data");
            // A TIFF may hold both a Photoshop resource block (IPTC and more) and bare IPTC records: the block wins.
            var iptc = VipsFields.Blob(current, "photoshop-data") is { } resources ? IptcBlock.MetadataOnly(IptcBlock.WithHeader(resources))
                : VipsFields.Blob(current, "iptc-data") is { } block ? IptcBlock.MetadataOnly(block) : null;
            var format = ImageFormats.FromLoader(VipsFields.String(current, "vips-loader"), VipsFields.String(current, "heif-compression"));

            if (options.ApplyOrientation && orientation != 1)
            {
                if (sequential)
                {
                    var topDown = current;
                    Replace(ref current, Run(session, name, "the image data is truncated or damaged", ImageFileProblem.Corrupt, topDown.CopyMemory));
                }
                Replace(ref current, Run(session, name, "could not apply the EXIF orientation", ImageFileProblem.Corrupt, current.Autorot));
                if (exif is not null) exif = ExifOrientation.With(exif, 1);
                if (xmp is not null) xmp = XmpOrientation.Upright(xmp);
            }

            if (NeedsConversionToRgb(current))
            {
                // CMYK, Lab, float and other exotic encodings become plain sRGB; their profile no longer applies.
                var target = current.Format != Enums.BandFormat.Uchar ? Enums.Interpretation.Rgb16 : Enums.Interpretation.Srgb;
                var source = current;
                Replace(ref current, Run(session, name, "could not convert its colours to RGB", ImageFileProblem.UnsupportedFormat,
                    () => source.Colourspace(target)));
                icc = null;
            }

            int bands = current.Bands;
            var sampleFormat = current.Format;
            if (bands is < 1 or > 4 || sampleFormat is not (Enums.BandFormat.Uchar or Enums.BandFormat.Ushort))
                throw new ImageFileException(name, ImageFileProblem.UnsupportedFormat,
                    $"unsupported pixel layout ({bands} bands of {sampleFormat}); expected grey, RGB or RGBA at 8 or 16 bits");
            bool sixteenBit = sampleFormat == Enums.BandFormat.Ushort;

            // The whole image into one g_malloc'd interleaved buffer (the decode itself), then into our planes.
            var decoding = current;
            ulong size = 0;
            var pixels = Run(session, name, "the image data is truncated or damaged", ImageFileProblem.Corrupt,
                () => decoding.WriteToMemory(out size));
            try
            {
                int w = current.Width, h = current.Height;
                if ((long)size != (long)w * h * bands * (sixteenBit ? 2 : 1))
                    throw new ImageFileException(name, ImageFileProblem.Corrupt, $"decoder returned {size} bytes for {w} x {h} x {bands}");
                var planes = PixelLayout.ToPlanar(pixels, w, h, bands, sixteenBit);
                return new ImageDocument(planes, sixteenBit ? 16 : 8, icc, exif, format, orientation) { Xmp = xmp, Iptc = iptc };
            }
            finally { NetVips.NetVips.Free(pixels); }
        }
        finally { current.Dispose(); }
    }

    private static bool NeedsConversionToRgb(Image image)
    {
        bool plainSpace = image.Interpretation is Enums.Interpretation.Srgb or Enums.Interpretation.Rgb or Enums.Interpretation.Rgb16
            or Enums.Interpretation.Bw or Enums.Interpretation.Grey16 or Enums.Interpretation.Multiband;
        return !plainSpace || image.Format is not (Enums.BandFormat.Uchar or Enums.BandFormat.Ushort);
    }

    private static int BitsOf(Enums.BandFormat f) => f switch
    {
        Enums.BandFormat.Uchar or Enums.BandFormat.Char => 8,
        Enums.BandFormat.Ushort or Enums.BandFormat.Short => 16,
        Enums.BandFormat.Double or Enums.BandFormat.Dpcomplex => 64,
        _ => 32,
    };

    private static void Replace(ref Image current, Image next)
    {
        current.Dispose();
        current = next;
    }

    /// <summary>Runs one libvips step; its failure becomes an error naming the file, with libvips' detail.</summary>
    private static T Run<T>(VipsSession session, string name, string what, ImageFileProblem problem, Func<T> step)
    {
        try { return step(); }
        catch (VipsException e) { throw new ImageFileException(name, problem, $"{what} ({VipsErrors.Detail(e, session.Warnings)})", e); }
    }

    private static ImageFileException NotAnImage(string name, VipsSession session)
    {
        VipsErrors.Clear(session.Warnings);
        return new ImageFileException(name, ImageFileProblem.UnsupportedFormat,
            "not an image, or not in a format we can read (JPEG, PNG, TIFF, WebP, AVIF)");
    }

    private static ImageFileException Unreadable(string name, VipsException e, VipsSession session)
    {
        var detail = VipsErrors.Detail(e, session.Warnings);
        // libvips 8.18 reads 8-bit CIELab TIFF as packed "LabQ" and then refuses its own packing at open; the
        // file is fine, so say what it is and what works (16-bit Lab, RGB) instead of calling it damaged.
        if (detail.Contains("labq", StringComparison.OrdinalIgnoreCase))
            return new ImageFileException(name, ImageFileProblem.UnsupportedFormat,
                "8-bit CIELab TIFF cannot be read (libvips 8.18 fails on it); save it as RGB or as 16-bit Lab", e);
        return new ImageFileException(name, ImageFileProblem.Corrupt, $"cannot read the image header, the file is damaged ({detail})", e);
    }
}
