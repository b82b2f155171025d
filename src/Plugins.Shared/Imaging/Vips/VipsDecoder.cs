using System.Runtime.InteropServices;

namespace RetouchPlugins.Shared.Imaging.Vips;

/// <summary>
/// Opens images through libvips (header first, so limits apply before any pixel is decoded) and decodes
/// them into an <see cref="ImageDocument"/>. <paramref name="name"/> in every method is what error messages call the input.
/// </summary>
internal static class VipsDecoder
{
    /// <summary>
    /// libvips' fail_on=error: a read error anywhere in the pixel data (a TIFF cut short, strip offsets past the
    /// end, a Deflate checksum that does not match, a truncated JPEG or PNG) fails the load instead of leaving
    /// black or grey rows. Not "warning": libtiff warns about every unknown private tag, which is not damage.
    /// </summary>
    private const VipsFailOn FailOn = VipsFailOn.Error;

    public static VipsImageHandle OpenFile(string path)
    {
        VipsRuntime.EnsureStarted();
        if (Directory.Exists(path)) throw new ImageFileException(path, ImageFileProblem.NotFound, "is a folder, not an image file");
        if (!File.Exists(path)) throw new ImageFileException(path, ImageFileProblem.NotFound, "file not found");
        if (new FileInfo(path).Length == 0) throw new ImageFileException(path, ImageFileProblem.Empty, "file is empty (0 bytes)");
        VipsRuntime.TakeError(); // start clean: the detail of a failure below must be about this file
        if (VipsNative.vips_foreign_find_load(path) == IntPtr.Zero)
            throw NotAnImage(path);
        var image = VipsNative.vips_image_new_from_file_failon(path, "fail_on", (int)FailOn, IntPtr.Zero);
        if (image.IsInvalid) throw Unreadable(path, image);
        return image;
    }

    /// <summary>Opens in-memory file bytes. The caller keeps <paramref name="data"/> pinned until every derived handle is released.</summary>
    public static VipsImageHandle OpenBuffer(IntPtr data, int length, string name)
    {
        VipsRuntime.EnsureStarted();
        if (length == 0) throw new ImageFileException(name, ImageFileProblem.Empty, "no data (0 bytes)");
        VipsRuntime.TakeError(); // start clean: the detail of a failure below must be about this file
        if (VipsNative.vips_foreign_find_load_buffer(data, (nuint)length) == IntPtr.Zero)
            throw NotAnImage(name);
        var image = VipsNative.vips_image_new_from_buffer_failon(data, (nuint)length, "", "fail_on", (int)FailOn, IntPtr.Zero);
        if (image.IsInvalid) throw Unreadable(name, image);
        return image;
    }

    /// <summary>Fails when the header promises more pixels than allowed (checked before decoding).</summary>
    public static void CheckSize(VipsImageHandle image, string name, ImageLoadOptions options) =>
        CheckSize(VipsNative.vips_image_get_width(image), VipsNative.vips_image_get_height(image), name, options);

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

    public static ImageInfo ReadInfo(VipsImageHandle image)
    {
        int orientation = Orientation(image);
        int w = VipsNative.vips_image_get_width(image), h = VipsNative.vips_image_get_height(image);
        if (ImageInfo.SwapsAxes(orientation)) (w, h) = (h, w);
        var loader = VipsRuntime.GetString(image, "vips-loader") ?? "";
        return new ImageInfo(w, h, VipsNative.vips_image_get_bands(image), BitsOf(VipsNative.vips_image_get_format(image)), orientation,
            VipsRuntime.GetBlob(image, "icc-profile-data"), VipsNative.vips_image_get_typeof(image, "exif-data") != 0,
            ImageFormats.FromLoader(loader), loader, VipsNative.vips_image_get_interpretation(image).ToString());
    }

    /// <summary>Decodes <paramref name="opened"/> (which this call disposes) into upright float planes.</summary>
    public static ImageDocument Decode(VipsImageHandle opened, string name, ImageLoadOptions options)
    {
        var current = opened;
        try
        {
            CheckSize(current, name, options);
            int orientation = Orientation(current);
            var icc = VipsRuntime.GetBlob(current, "icc-profile-data");
            if (icc is not null && IccProfileCheck.Problem(icc) is { } iccProblem)
                throw new ImageFileException(name, ImageFileProblem.Corrupt, $"the embedded colour profile is damaged ({iccProblem})");
            var exif = VipsRuntime.GetBlob(current, "exif-data");
            var format = ImageFormats.FromLoader(VipsRuntime.GetString(current, "vips-loader"));

            if (options.ApplyOrientation && orientation != 1)
            {
                Check(VipsNative.vips_autorot(current, out var upright, IntPtr.Zero), name, upright, "could not apply the EXIF orientation");
                Replace(ref current, upright);
                if (exif is not null) exif = ExifOrientation.With(exif, 1);
            }

            if (NeedsConversionToRgb(current))
            {
                // CMYK, Lab, float and other exotic encodings become plain sRGB; their profile no longer applies.
                var sixteen = VipsNative.vips_image_get_format(current) != VipsBandFormat.UChar;
                Check(VipsNative.vips_colourspace(current, out var rgb, sixteen ? VipsInterpretation.Rgb16 : VipsInterpretation.Srgb, IntPtr.Zero),
                    name, rgb, "could not convert its colours to RGB", ImageFileProblem.UnsupportedFormat);
                Replace(ref current, rgb);
                icc = null;
            }

            int bands = VipsNative.vips_image_get_bands(current);
            var sampleFormat = VipsNative.vips_image_get_format(current);
            if (bands is < 1 or > 4 || sampleFormat is not (VipsBandFormat.UChar or VipsBandFormat.UShort))
                throw new ImageFileException(name, ImageFileProblem.UnsupportedFormat,
                    $"unsupported pixel layout ({bands} bands of {sampleFormat}); expected grey, RGB or RGBA at 8 or 16 bits");
            bool sixteenBit = sampleFormat == VipsBandFormat.UShort;

            var pixels = VipsNative.vips_image_write_to_memory(current, out var size);
            if (pixels == IntPtr.Zero)
                throw new ImageFileException(name, ImageFileProblem.Corrupt, $"the image data is truncated or damaged ({VipsRuntime.TakeError()})");
            try
            {
                int w = VipsNative.vips_image_get_width(current), h = VipsNative.vips_image_get_height(current);
                if ((long)size != (long)w * h * bands * (sixteenBit ? 2 : 1))
                    throw new ImageFileException(name, ImageFileProblem.Corrupt, $"decoder returned {size} bytes for {w} x {h} x {bands}");
                var planes = PixelLayout.ToPlanar(pixels, w, h, bands, sixteenBit);
                return new ImageDocument(planes, sixteenBit ? 16 : 8, icc, exif, format, orientation);
            }
            finally { VipsNative.g_free(pixels); }
        }
        finally { current.Dispose(); }
    }

    private static bool NeedsConversionToRgb(VipsImageHandle image)
    {
        var format = VipsNative.vips_image_get_format(image);
        var space = VipsNative.vips_image_get_interpretation(image);
        bool plainSpace = space is VipsInterpretation.Srgb or VipsInterpretation.Rgb or VipsInterpretation.Rgb16
            or VipsInterpretation.BW or VipsInterpretation.Grey16 or VipsInterpretation.Multiband;
        return !plainSpace || format is not (VipsBandFormat.UChar or VipsBandFormat.UShort);
    }

    private static int Orientation(VipsImageHandle image)
    {
        var o = VipsRuntime.GetInt(image, "orientation") ?? 1;
        return o is >= 1 and <= 8 ? o : 1;
    }

    private static int BitsOf(VipsBandFormat f) => f switch
    {
        VipsBandFormat.UChar or VipsBandFormat.Char => 8,
        VipsBandFormat.UShort or VipsBandFormat.Short => 16,
        VipsBandFormat.Double or VipsBandFormat.DpComplex => 64,
        _ => 32,
    };

    private static void Replace(ref VipsImageHandle current, VipsImageHandle next)
    {
        current.Dispose();
        current = next;
    }

    private static void Check(int rc, string name, VipsImageHandle output, string what, ImageFileProblem problem = ImageFileProblem.Corrupt)
    {
        if (rc == 0 && !output.IsInvalid) return;
        output.Dispose();
        throw new ImageFileException(name, problem, $"{what} ({VipsRuntime.TakeError()})");
    }

    private static ImageFileException NotAnImage(string name)
    {
        VipsRuntime.TakeError();
        return new ImageFileException(name, ImageFileProblem.UnsupportedFormat,
            "not an image, or not in a format we can read (JPEG, PNG, TIFF, WebP)");
    }

    private static ImageFileException Unreadable(string name, VipsImageHandle failed)
    {
        failed.Dispose();
        var detail = VipsRuntime.TakeError();
        // libvips 8.18 reads 8-bit CIELab TIFF as packed "LabQ" and then refuses its own packing at open; the
        // file is fine, so say what it is and what works (16-bit Lab, RGB) instead of calling it damaged.
        if (detail.Contains("labq", StringComparison.OrdinalIgnoreCase))
            return new ImageFileException(name, ImageFileProblem.UnsupportedFormat,
                "8-bit CIELab TIFF cannot be read (libvips 8.18 fails on it); save it as RGB or as 16-bit Lab");
        return new ImageFileException(name, ImageFileProblem.Corrupt, $"cannot read the image header, the file is damaged ({detail})");
    }
}
