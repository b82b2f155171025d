using NetVips;

namespace RetouchPlugins.Shared.Imaging.Vips;

/// <summary>Turns libvips' error text (carried by NetVips' <see cref="VipsException"/>) into one line of detail.</summary>
internal static class VipsErrors
{
    /// <summary>
    /// The libvips lines of <paramref name="e"/> (NetVips puts its own summary, "unable to call jpegload", first);
    /// when libvips gave none, the warnings logged since the last call (some loaders only warn); else "no detail".
    /// </summary>
    public static string Detail(VipsException e, VipsWarnings warnings)
    {
        var lines = e.Message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Skip(1).Distinct().ToList(); // libvips repeats a line for each retry of a failing region
        var logged = warnings.Take();
        if (lines.Count > 0) return string.Join("; ", lines);
        return logged.Length > 0 ? logged : "the decoder gave no detail";
    }

    /// <summary>
    /// Empties libvips' process-wide error buffer and the warnings, so that the detail of the next failure is about
    /// the next file. NetVips empties the buffer only when it throws; a failed lookup (<see cref="Image.FindLoad"/>
    /// returning null) leaves its line there. Its exception type is its documented way to read and clear the buffer.
    /// </summary>
    public static void Clear(VipsWarnings warnings)
    {
        _ = new VipsException(string.Empty);
        warnings.Take();
    }
}
