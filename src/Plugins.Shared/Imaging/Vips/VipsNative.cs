using System.Runtime.InteropServices;
using RetouchPlugins.Shared.Native;

namespace RetouchPlugins.Shared.Imaging.Vips;

/// <summary>
/// P/Invoke declarations for the libvips 8.18 C API (and the few glib/gobject calls it needs),
/// exported by the pinned libvips-cpp library.
/// </summary>
/// <remarks>
/// Many libvips operations are C variadic functions ending in a NULL-terminated list of
/// (option name, value) pairs. .NET cannot call varargs on Unix, so each use is declared here with the
/// exact options it passes, ending in an <see cref="IntPtr.Zero"/> terminator. On x86-64 (System V and
/// Win64) variadic integer and pointer arguments travel in the same registers/stack slots as fixed ones,
/// so this is correct there; it would NOT be on Apple arm64, where variadic arguments always go on the
/// stack. Only int/gboolean/enum and pointer options are passed, never doubles, for the same reason.
/// </remarks>
internal static class VipsNative
{
    private const string Lib = NativeLibraries.Vips;

    // --- process setup -------------------------------------------------------------------------
    [DllImport(Lib)] public static extern int vips_init([MarshalAs(UnmanagedType.LPUTF8Str)] string argv0);
    [DllImport(Lib)] public static extern int vips_version(int flag);
    [DllImport(Lib)] public static extern void vips_cache_set_max(int max);
    [DllImport(Lib)] public static extern void vips_block_untrusted_set([MarshalAs(UnmanagedType.Bool)] bool state);

    /// <summary>g_log_set_handler(domain, levels, GLogFunc, user_data): routes glib log messages of one domain.</summary>
    [DllImport(Lib)]
    public static extern unsafe uint g_log_set_handler([MarshalAs(UnmanagedType.LPUTF8Str)] string domain, int levels,
        delegate* unmanaged[Cdecl]<IntPtr, int, IntPtr, IntPtr, void> handler, IntPtr userData);

    /// <summary>G_LOG_LEVEL_WARNING.</summary>
    public const int LogLevelWarning = 1 << 4;

    // --- errors and memory ---------------------------------------------------------------------
    /// <summary>Returns a g_malloc'd copy of the error buffer and clears it.</summary>
    [DllImport(Lib)] public static extern IntPtr vips_error_buffer_copy();
    [DllImport(Lib)] public static extern void vips_error_clear();
    [DllImport(Lib)] public static extern void g_free(IntPtr mem);
    [DllImport(Lib)] public static extern void g_object_unref(IntPtr obj);

    // --- loading -------------------------------------------------------------------------------
    /// <summary>The name of the loader libvips would use for this file (sniffs the bytes), or NULL.</summary>
    [DllImport(Lib)] public static extern IntPtr vips_foreign_find_load([MarshalAs(UnmanagedType.LPUTF8Str)] string filename);
    [DllImport(Lib)] public static extern IntPtr vips_foreign_find_load_buffer(IntPtr data, nuint size);

    /// <summary>vips_image_new_from_file(name, "fail_on", failOn, NULL). Reads the header only; pixels decode on demand.</summary>
    [DllImport(Lib, EntryPoint = "vips_image_new_from_file")]
    public static extern VipsImageHandle vips_image_new_from_file_failon(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string name,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string failOnName, int failOn, IntPtr terminator);

    /// <summary>vips_image_new_from_buffer(buf, len, "", "fail_on", failOn, NULL). The buffer is NOT copied.</summary>
    [DllImport(Lib, EntryPoint = "vips_image_new_from_buffer")]
    public static extern VipsImageHandle vips_image_new_from_buffer_failon(
        IntPtr buf, nuint len, [MarshalAs(UnmanagedType.LPUTF8Str)] string optionString,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string failOnName, int failOn, IntPtr terminator);

    [DllImport(Lib)]
    public static extern VipsImageHandle vips_image_new_from_memory_copy(IntPtr data, nuint size, int width, int height, int bands, VipsBandFormat format);

    // --- operations (all end in a NULL option list) --------------------------------------------
    [DllImport(Lib)] public static extern int vips_autorot(VipsImageHandle input, out VipsImageHandle output, IntPtr terminator);
    [DllImport(Lib)] public static extern int vips_colourspace(VipsImageHandle input, out VipsImageHandle output, VipsInterpretation space, IntPtr terminator);

    /// <summary>vips_copy(in, &amp;out, "interpretation", value, NULL): relabels the pixels without touching them.</summary>
    [DllImport(Lib, EntryPoint = "vips_copy")]
    public static extern int vips_copy_interpretation(VipsImageHandle input, out VipsImageHandle output,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string interpretationName, VipsInterpretation value, IntPtr terminator);

    /// <summary>Decodes the whole image into a g_malloc'd interleaved buffer (free with g_free).</summary>
    [DllImport(Lib)] public static extern IntPtr vips_image_write_to_memory(VipsImageHandle image, out nuint size);

    // --- saving --------------------------------------------------------------------------------
    [DllImport(Lib, EntryPoint = "vips_jpegsave")]
    public static extern int vips_jpegsave_q(VipsImageHandle image, [MarshalAs(UnmanagedType.LPUTF8Str)] string filename,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string qName, int q, IntPtr terminator);

    [DllImport(Lib)]
    public static extern int vips_pngsave(VipsImageHandle image, [MarshalAs(UnmanagedType.LPUTF8Str)] string filename, IntPtr terminator);

    [DllImport(Lib, EntryPoint = "vips_tiffsave")]
    public static extern int vips_tiffsave_compression(VipsImageHandle image, [MarshalAs(UnmanagedType.LPUTF8Str)] string filename,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string compressionName, int compression, IntPtr terminator);

    /// <summary>vips_webpsave(in, filename, "lossless", TRUE, NULL).</summary>
    [DllImport(Lib, EntryPoint = "vips_webpsave")]
    public static extern int vips_webpsave_lossless(VipsImageHandle image, [MarshalAs(UnmanagedType.LPUTF8Str)] string filename,
        [MarshalAs(UnmanagedType.LPUTF8Str)] string losslessName, int lossless, IntPtr terminator);

    // --- header fields -------------------------------------------------------------------------
    [DllImport(Lib)] public static extern int vips_image_get_width(VipsImageHandle image);
    [DllImport(Lib)] public static extern int vips_image_get_height(VipsImageHandle image);
    [DllImport(Lib)] public static extern int vips_image_get_bands(VipsImageHandle image);
    [DllImport(Lib)] public static extern VipsBandFormat vips_image_get_format(VipsImageHandle image);
    [DllImport(Lib)] public static extern VipsInterpretation vips_image_get_interpretation(VipsImageHandle image);

    /// <summary>The GType of a metadata field, 0 when the image has no such field.</summary>
    [DllImport(Lib)] public static extern nuint vips_image_get_typeof(VipsImageHandle image, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);
    [DllImport(Lib)] public static extern int vips_image_get_int(VipsImageHandle image, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, out int value);
    [DllImport(Lib)] public static extern void vips_image_set_int(VipsImageHandle image, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, int value);
    /// <summary>The string stays owned by the image.</summary>
    [DllImport(Lib)] public static extern int vips_image_get_string(VipsImageHandle image, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, out IntPtr value);
    /// <summary>The data stays owned by the image.</summary>
    [DllImport(Lib)] public static extern int vips_image_get_blob(VipsImageHandle image, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, out IntPtr data, out nuint length);
    [DllImport(Lib)] public static extern void vips_image_set_blob_copy(VipsImageHandle image, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, IntPtr data, nuint length);
    [DllImport(Lib)] public static extern int vips_image_remove(VipsImageHandle image, [MarshalAs(UnmanagedType.LPUTF8Str)] string name);

    // --- built-in ICC profiles (tests and tools) -----------------------------------------------
    /// <summary>vips_profile_load(name, &amp;blob, NULL): "srgb", "cmyk", "p3" are built in.</summary>
    [DllImport(Lib)] public static extern int vips_profile_load([MarshalAs(UnmanagedType.LPUTF8Str)] string name, out IntPtr blob, IntPtr terminator);
    [DllImport(Lib)] public static extern IntPtr vips_blob_get(IntPtr blob, out nuint length);
    [DllImport(Lib)] public static extern void vips_area_unref(IntPtr area);
}

/// <summary>VipsBandFormat (sample type).</summary>
internal enum VipsBandFormat
{
    NotSet = -1, UChar = 0, Char = 1, UShort = 2, Short = 3, UInt = 4, Int = 5, Float = 6, Complex = 7, Double = 8, DpComplex = 9,
}

/// <summary>VipsInterpretation (how to read the bands).</summary>
internal enum VipsInterpretation
{
    Multiband = 0, BW = 1, Histogram = 10, Xyz = 12, Lab = 13, Cmyk = 15, LabQ = 16, Rgb = 17, Cmc = 18, Lch = 19,
    LabS = 21, Srgb = 22, Yxy = 23, Fourier = 24, Rgb16 = 25, Grey16 = 26, Matrix = 27, ScRgb = 28, Hsv = 29,
}

/// <summary>VipsFailOn: how sensitive loaders are to damaged input.</summary>
internal enum VipsFailOn { None = 0, Truncated = 1, Error = 2, Warning = 3 }
