using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RetouchPlugins.Shared.Imaging.Vips;

/// <summary>
/// Starts libvips once per process (vips_init is not safe to race) and turns its error buffer into text.
/// </summary>
internal static class VipsRuntime
{
    /// <summary>libvips as started in this process: its version and where its warnings go.</summary>
    private sealed record Session(string Version, VipsWarnings Warnings);

    // Process-wide, immutable once created: the Lazy runs vips_init exactly once, on first use, thread-safely.
    private static readonly Lazy<Session> Started = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Initialises libvips if needed; returns the libvips version string.</summary>
    public static string EnsureStarted() => Started.Value.Version;

    private static Session Start()
    {
        if (VipsNative.vips_init("retouch") != 0)
            throw new InvalidOperationException($"libvips failed to start: {TakeError()}");
        // libvips also prints decoder warnings ("VIPS-WARNING **: error in tile ...") straight to stderr, which
        // garbles CLI output. Anything that matters fails the operation (loads use fail_on=error), so the
        // warnings are kept only as the detail of an error whose buffer is empty.
        var warnings = new VipsWarnings();
        warnings.Capture();
        // We never re-run an operation, and a cached load would return stale pixels if a file is rewritten
        // under the same name, so the operation cache only costs memory here.
        VipsNative.vips_cache_set_max(0);
        // Refuse loaders libvips marks as unsafe for untrusted input (e.g. via ImageMagick or Matlab).
        VipsNative.vips_block_untrusted_set(true);
        return new Session($"{VipsNative.vips_version(0)}.{VipsNative.vips_version(1)}.{VipsNative.vips_version(2)}", warnings);
    }

    /// <summary>
    /// Takes and clears libvips' error text, one line; when the error buffer is empty, the warnings logged
    /// since (some loaders only warn), and when there are none either, a plain "no detail". The buffer is
    /// process-wide, so under concurrent failures a message may include another thread's lines; it is only
    /// used as a detail.
    /// </summary>
    public static string TakeError()
    {
        var warnings = Started.IsValueCreated ? Started.Value.Warnings.Take() : "";
        var p = VipsNative.vips_error_buffer_copy();
        var text = "";
        if (p != IntPtr.Zero)
        {
            try { text = Marshal.PtrToStringUTF8(p) ?? ""; }
            finally { VipsNative.g_free(p); }
        }
        // libvips often repeats a line (each retry of a failing region adds it again).
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        if (lines.Count > 0) return string.Join("; ", lines);
        return warnings.Length > 0 ? warnings : "the decoder gave no detail";
    }

    /// <summary>A copy of a blob field (ICC profile, EXIF), or null when absent.</summary>
    public static byte[]? GetBlob(VipsImageHandle image, string name)
    {
        if (VipsNative.vips_image_get_typeof(image, name) == 0) return null;
        if (VipsNative.vips_image_get_blob(image, name, out var data, out var length) != 0 || data == IntPtr.Zero || length == 0)
        {
            TakeError();
            return null;
        }
        var bytes = new byte[checked((int)length)];
        Marshal.Copy(data, bytes, 0, bytes.Length);
        return bytes;
    }

    public static unsafe void SetBlob(VipsImageHandle image, string name, byte[] bytes)
    {
        fixed (byte* p = bytes) VipsNative.vips_image_set_blob_copy(image, name, (IntPtr)p, (nuint)bytes.Length);
    }

    public static int? GetInt(VipsImageHandle image, string name)
    {
        if (VipsNative.vips_image_get_typeof(image, name) == 0) return null;
        if (VipsNative.vips_image_get_int(image, name, out var v) == 0) return v;
        TakeError();
        return null;
    }

    public static string? GetString(VipsImageHandle image, string name)
    {
        if (VipsNative.vips_image_get_typeof(image, name) == 0) return null;
        if (VipsNative.vips_image_get_string(image, name, out var p) == 0) return Marshal.PtrToStringUTF8(p);
        TakeError();
        return null;
    }

    /// <summary>One of libvips' built-in ICC profiles ("srgb", "p3", "cmyk").</summary>
    public static byte[] BuiltInProfile(string name)
    {
        EnsureStarted();
        if (VipsNative.vips_profile_load(name, out var blob, IntPtr.Zero) != 0 || blob == IntPtr.Zero)
            throw new InvalidOperationException($"libvips has no built-in profile '{name}': {TakeError()}");
        try
        {
            var data = VipsNative.vips_blob_get(blob, out var length);
            var bytes = new byte[checked((int)length)];
            Marshal.Copy(data, bytes, 0, bytes.Length);
            return bytes;
        }
        finally { VipsNative.vips_area_unref(blob); }
    }
}
