using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.IO;

namespace RetouchPlugins.Shared.Imaging.Vips;

/// <summary>Writes float planes through libvips as JPEG, PNG, TIFF or lossless WebP, via a temporary file renamed into place.</summary>
internal static class VipsEncoder
{
    /// <param name="pixels">1 (grey), 2 (grey + alpha), 3 (RGB) or 4 (RGBA) planes in [0, 1].</param>
    public static void Save(PlanarImage pixels, int bitsPerSample, byte[]? icc, byte[]? exif, string path, ImageSaveOptions options)
    {
        var format = ImageFormats.ForSaving(path)
            ?? throw new ImageFileException(path, ImageFileProblem.UnsupportedFormat,
                $"cannot write '{Path.GetExtension(path)}' files; use .jpg, .png, .tif or .webp");
        int bits = format is ImageFormat.Jpeg or ImageFormat.WebP ? 8 : options.BitsPerSample ?? bitsPerSample;
        if (bits is not (8 or 16)) throw new ArgumentOutOfRangeException(nameof(options), $"bits per sample must be 8 or 16, not {bits}");
        if (options.JpegQuality is < 1 or > 100) throw new ArgumentOutOfRangeException(nameof(options), $"JPEG quality must be 1..100, not {options.JpegQuality}");
        // JPEG has no alpha: drop it (RGBA -> RGB, grey+alpha -> grey).
        int channels = format == ImageFormat.Jpeg && pixels.Channels is 2 or 4 ? pixels.Channels - 1 : pixels.Channels;
        bool sixteen = bits == 16;

        VipsRuntime.EnsureStarted();
        using var image = FromPixels(pixels, channels, sixteen, path);
        if (options.KeepMetadata)
        {
            if (icc is not null) VipsRuntime.SetBlob(image, "icc-profile-data", icc);
            if (exif is not null) VipsRuntime.SetBlob(image, "exif-data", ExifOrientation.With(exif, 1));
        }
        // The pixels we write are upright; libvips writes this value into the EXIF it saves.
        VipsNative.vips_image_set_int(image, "orientation", 1);

        try
        {
            AtomicFile.WriteVia(path, temp =>
            {
                int rc = format switch
                {
                    ImageFormat.Jpeg => VipsNative.vips_jpegsave_q(image, temp, "Q", options.JpegQuality, IntPtr.Zero),
                    ImageFormat.Png => VipsNative.vips_pngsave(image, temp, IntPtr.Zero),
                    ImageFormat.WebP => VipsNative.vips_webpsave_lossless(image, temp, "lossless", 1, IntPtr.Zero),
                    _ => VipsNative.vips_tiffsave_compression(image, temp, "compression", TiffDeflate, IntPtr.Zero),
                };
                if (rc != 0) throw new ImageFileException(path, ImageFileProblem.CannotWrite, $"cannot write the image ({VipsRuntime.TakeError()})");
            });
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException && e is not ImageFileException)
        {
            throw new ImageFileException(path, ImageFileProblem.CannotWrite, $"cannot write the file ({e.Message})", e);
        }
    }

    /// <summary>VIPS_FOREIGN_TIFF_COMPRESSION_DEFLATE: lossless, with libvips' default horizontal predictor.</summary>
    private const int TiffDeflate = 2;

    private static unsafe VipsImageHandle FromPixels(PlanarImage pixels, int channels, bool sixteen, string path)
    {
        var data = PixelLayout.ToInterleaved(pixels, channels, sixteen);
        VipsImageHandle raw;
        fixed (byte* p = data)
            raw = VipsNative.vips_image_new_from_memory_copy((IntPtr)p, (nuint)data.Length, pixels.Width, pixels.Height, channels,
                sixteen ? VipsBandFormat.UShort : VipsBandFormat.UChar);
        if (raw.IsInvalid) throw new ImageFileException(path, ImageFileProblem.CannotWrite, $"cannot prepare the pixels ({VipsRuntime.TakeError()})");
        using (raw)
        {
            // Label the samples so savers neither rescale 16-bit RGB to 8 bits nor treat 4 bands as CMYK.
            var space = channels >= 3 ? (sixteen ? VipsInterpretation.Rgb16 : VipsInterpretation.Srgb)
                                      : (sixteen ? VipsInterpretation.Grey16 : VipsInterpretation.BW);
            if (VipsNative.vips_copy_interpretation(raw, out var labelled, "interpretation", space, IntPtr.Zero) != 0 || labelled.IsInvalid)
            {
                labelled.Dispose();
                throw new ImageFileException(path, ImageFileProblem.CannotWrite, $"cannot prepare the pixels ({VipsRuntime.TakeError()})");
            }
            return labelled;
        }
    }
}
