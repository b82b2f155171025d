namespace RetouchPlugins.Shared.Running;

/// <summary>
/// Which photos of a folder a batch processes and where each result goes: OUTDIR/&lt;name&gt;.&lt;format&gt;
/// (the input's own extension unless a format is given; .jpg for the HEIF family, which we read but do not
/// write). Hidden files and other extensions are left alone. When two photos share a name (a.jpg, a.png) the
/// later one keeps its extension in the output name (a.png.jpg) so neither overwrites the other.
/// </summary>
public static class BatchPlan
{
    /// <summary>
    /// Photos a batch takes. HEIC and HEIF are taken although an HEVC-coded one cannot be decoded here: a phone's
    /// photos in a shoot folder then show as failed rows saying how to export them, not vanish from the summary.
    /// </summary>
    public static readonly IReadOnlyList<string> InputExtensions = [".jpg", ".jpeg", ".png", ".tif", ".tiff", ".webp", ".avif", ".heic", ".heif", ".psd", ".psb", ".ora"];
    public static readonly IReadOnlyList<string> Formats = ["jpg", "png", "tif", "ora", "psd", "psb"];

    /// <summary>
    /// Camera raw files: not photos we read (they need a raw developer first; a DNG would open as its small TIFF
    /// preview). A studio folder often holds them beside the camera's JPEGs, so they are counted and named in
    /// the summary, not failed one by one.
    /// </summary>
    public static readonly IReadOnlyList<string> CameraRawExtensions =
        [".3fr", ".arw", ".cr2", ".cr3", ".crw", ".dcr", ".dng", ".erf", ".iiq", ".kdc", ".mef", ".mos", ".mrw", ".nef",
         ".nrw", ".orf", ".pef", ".raf", ".raw", ".rw2", ".rwl", ".sr2", ".srf", ".srw", ".x3f"];

    /// <summary>The camera raw files of <paramref name="inputFolder"/> (names, in order), which a batch leaves alone.</summary>
    public static IReadOnlyList<string> CameraRawFiles(string inputFolder) =>
        Directory.Exists(inputFolder)
            ? Directory.EnumerateFiles(inputFolder).Select(Path.GetFileName).OfType<string>()
                .Where(n => !n.StartsWith('.') && CameraRawExtensions.Contains(Path.GetExtension(n).ToLowerInvariant()))
                .Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>Throws <see cref="ArgumentException"/> for a missing input folder, an output folder equal to it, or an unknown format.</summary>
    public static IReadOnlyList<BatchItem> Create(string inputFolder, string outputFolder, string? format)
    {
        var input = Path.GetFullPath(inputFolder);
        var output = Path.GetFullPath(outputFolder);
        if (!Directory.Exists(input)) throw new ArgumentException($"{inputFolder}: no such folder");
        if (string.Equals(input.TrimEnd(Path.DirectorySeparatorChar), output.TrimEnd(Path.DirectorySeparatorChar), StringComparison.Ordinal))
            throw new ArgumentException($"{outputFolder}: the output folder must differ from the input folder (results would overwrite or mix with the photos)");
        if (format is not null && !Formats.Contains(format.TrimStart('.').ToLowerInvariant()))
            throw new ArgumentException($"--format {format}: use one of {string.Join(", ", Formats)}");

        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var items = new List<BatchItem>();
        foreach (var file in Directory.EnumerateFiles(input).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var ext = Path.GetExtension(file).ToLowerInvariant();
            if (name.StartsWith('.') || !InputExtensions.Contains(ext)) continue;
            // A PSD stays a PSD and an .ora an .ora (their layers kept, ours on top); a format we cannot write becomes a JPEG.
            var outExt = format is not null ? "." + format.TrimStart('.').ToLowerInvariant()
                : ext is ".psd" or ".psb" or ".ora" || Imaging.ImageFormats.ForSaving(file) is not null ? ext : ".jpg";
            var outName = Path.GetFileNameWithoutExtension(name) + outExt;
            if (!taken.Add(outName)) { outName = name + outExt; taken.Add(outName); }
            items.Add(new BatchItem(file, Path.Combine(output, outName)));
        }
        return items;
    }

    /// <summary>
    /// Removes temporary files a hard-killed earlier run may have left in the output folder
    /// (<c>.&lt;name&gt;.&lt;guid&gt;.tmp.&lt;ext&gt;</c>, as <see cref="Shared.IO.AtomicFile"/> names them).
    /// </summary>
    public static int RemoveStaleTemporaries(string outputFolder)
    {
        if (!Directory.Exists(outputFolder)) return 0;
        int removed = 0;
        foreach (var file in Directory.EnumerateFiles(outputFolder, ".*.tmp*"))
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(file), @"^\..+\.[0-9a-f]{32}\.tmp(\.[A-Za-z0-9]+)?$")) continue;
            try { File.Delete(file); removed++; } catch (IOException) { } // in use by another run: leave it
        }
        return removed;
    }
}
