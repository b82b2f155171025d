using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Shared.Running;

/// <summary>What a photo is loaded for: its cost per pixel differs.</summary>
public enum MemoryUse
{
    /// <summary>Decoded only (`retouch info --decode`): the float planes and the decoder's buffer.</summary>
    Decode,
    /// <summary>An effect run written flat.</summary>
    Effect,
    /// <summary>An effect run written as layers (.ora, .psd, layered .tif).</summary>
    LayeredEffect,
}

/// <summary>
/// The memory a run will need, estimated from the header (width × height) before any pixel is decoded, and
/// the two decisions made from it: refuse a photo that cannot fit (<see cref="Check"/>: a clear error instead
/// of an out-of-memory kill), and how many photos a batch runs at once (<see cref="Workers"/>).
/// </summary>
public static class MemoryBudget
{
    /// <summary>
    /// What a process running an effect holds whatever the photo's size: the runtime, the face models and their
    /// ONNX Runtime sessions and arenas (about 0.3-0.5 GB measured; rounded up).
    /// </summary>
    public const long FixedBytes = 600L << 20;

    /// <summary>
    /// Bytes per pixel of one photo through an effect, measured (bench/results/memory.md): peak RSS of
    /// `retouch skin` (the heaviest entry: all three steps) was 0.81 GB at 6 MP, 1.95 GB at 24 MP and 7.16 GB at
    /// 100 MP, i.e. 70 MB per extra megapixel; 75 B/px with <see cref="FixedBytes"/> lies above all three. The
    /// photo's float planes, its copy for the result, the analysis masks, the effect's masks and pyramid scratch.
    /// Lighter effects are estimated with it too: erring high only refuses a photo that was close to the edge anyway.
    /// Since a flat run renders into the decoded photo (twenty-second session) the skin retouch is no longer the heaviest:
    /// at 24 MP, flat, stylize peaked at 1.91 GB (55 B/px over the fixed part), face restore at 1.79 GB, the skin
    /// retouch at 1.12 GB; 75 B/px still lies above every catalog effect measured.
    /// </summary>
    public const int EffectBytesPerPixel = 75;

    /// <summary>
    /// What a layered write adds over a flat one: the original kept beside the result (a flat run renders into it) and
    /// the encoders' buffers; the layers are the run's own planes (<c>Layer.Over</c>), no longer 4-plane copies (96 B/px
    /// before). Measured at 24 MP from a 16-bit TIFF, `--layers` against flat (twenty-sixth session): skin +42 B/px
    /// (1.96 GB), restore +37 (2.09 GB), whiten +30 (2.13 GB), dewrinkle +20, stylize +18 (2.43 GB, the highest peak).
    /// </summary>
    public const int ExtraBytesPerPixelLayered = 48;

    /// <summary>Decoding alone: 4 float planes (16 B/px), the decoder's interleaved buffer and libvips' own lines.</summary>
    public const int DecodeBytesPerPixel = 24;

    /// <summary>The share of the available memory a run may plan to use; the rest absorbs estimate error and other processes.</summary>
    public const double Headroom = 0.9;

    /// <summary>Bytes per pixel for <paramref name="use"/>.</summary>
    public static int BytesPerPixel(MemoryUse use) => use switch
    {
        MemoryUse.Decode => DecodeBytesPerPixel,
        MemoryUse.Effect => EffectBytesPerPixel,
        _ => EffectBytesPerPixel + ExtraBytesPerPixelLayered,
    };

    /// <summary>The memory one photo adds while in flight (the fixed part not included).</summary>
    public static long Estimate(long pixels, MemoryUse use) => pixels * BytesPerPixel(use);

    public static long Estimate(ImageInfo info, MemoryUse use) => Estimate((long)info.Width * info.Height, use) + info.SourceBytesHeld;

    /// <summary>
    /// Throws <see cref="ImageFileException"/> (<see cref="ImageFileProblem.NotEnoughMemory"/>) naming the file,
    /// the memory it needs, what is available, and the largest photo that would fit, when <paramref name="info"/>
    /// cannot be processed within <paramref name="available"/> bytes. <paramref name="held"/>: what this process
    /// already holds of <see cref="FixedBytes"/> (a long-lived host, the web host or Paint.NET, has its runtime and
    /// models loaded, and they are already missing from the available memory: counting them again refused small photos).
    /// </summary>
    public static void Check(string path, ImageInfo info, MemoryUse use, long available, string raiseHint, long held = 0)
    {
        if (Fits(info, use, available, held)) return;
        long pixels = (long)info.Width * info.Height;
        long fixedPart = FixedStillNeeded(held);
        long need = fixedPart + Estimate(info, use);
        long budget = (long)(available * Headroom);
        long fits = Math.Max(0, (budget - fixedPart) / BytesPerPixel(use));
        string what = use == MemoryUse.Decode ? "to decode" : "to retouch";
        throw new ImageFileException(path, ImageFileProblem.NotEnoughMemory,
            $"{info.Width} x {info.Height} ({pixels / 1e6:0.#} megapixels) needs about {Gb(need)} of memory {what}, but {Gb(available)} is available " +
            $"(photos up to about {fits / 1e6:0.#} megapixels fit); free memory, use a smaller image, or raise the limit with {raiseHint} " +
            $"(e.g. {raiseHint} {Math.Ceiling(need / Headroom / (1L << 30)):0}G) if more memory or swap is really there");
    }

    /// <summary>
    /// <see cref="Check"/> with the limits a run was given: their memory (a budget for the whole run, fixed part
    /// included), or what is available now beside what this process already holds. Before refusing on the latter,
    /// garbage is collected once and the memory measured again: a host that has run photos before holds their
    /// freed planes until the next collection, and they are no one else's.
    /// </summary>
    public static void Check(string path, ImageInfo info, MemoryUse use, RunLimits limits)
    {
        if (limits.MemoryBytes is long given) { Check(path, info, use, given, limits.MemoryLimitHint); return; }
        long held = Environment.WorkingSet;
        if (Fits(info, use, Available(), held)) return;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        Check(path, info, use, Available(), limits.MemoryLimitHint, Environment.WorkingSet);
    }

    /// <summary>The part of <see cref="FixedBytes"/> a process holding <paramref name="held"/> bytes has still to allocate.</summary>
    public static long FixedStillNeeded(long held) => Math.Max(0, FixedBytes - Math.Max(0, held));

    private static bool Fits(ImageInfo info, MemoryUse use, long available, long held) =>
        FixedStillNeeded(held) + Estimate(info, use) <= (long)(available * Headroom);

    /// <summary>
    /// Workers for photos needing <paramref name="estimates"/> bytes each: min(cores, requested, photos),
    /// then fewer until the largest <c>n</c> photos together, plus the fixed part, fit in the headroom of
    /// <paramref name="available"/>. Never less than one (photos that cannot fit alone were refused by <see cref="Check"/>).
    /// </summary>
    public static int Workers(IReadOnlyList<long> estimates, int cores, long available, int? requested = null)
    {
        int n = Math.Min(Math.Max(1, requested ?? cores), Math.Max(1, estimates.Count));
        var largest = estimates.OrderDescending().ToArray();
        long budget = (long)(available * Headroom);
        while (n > 1 && largest.Take(n).Sum() + FixedBytes > budget) n--;
        return n;
    }

    /// <summary>
    /// Memory available to this process now: the smaller of the OS's available memory (/proc/meminfo
    /// MemAvailable on Linux) and the runtime's limit (container limit aware) minus what the heap holds.
    /// </summary>
    public static long Available()
    {
        var gc = GC.GetGCMemoryInfo();
        long runtime = gc.TotalAvailableMemoryBytes - GC.GetTotalMemory(false);
        long? os = ReadMemAvailable();
        return os is long o ? Math.Min(o, runtime) : runtime;
    }

    /// <summary>Parses a size the user typed: "24G", "24GB", "512M", "2048MB" or plain bytes. Null when it is not one.</summary>
    public static long? ParseSize(string text)
    {
        var t = text.Trim().ToUpperInvariant().TrimEnd('B');
        long unit = t.EndsWith('G') ? 1L << 30 : t.EndsWith('M') ? 1L << 20 : t.EndsWith('K') ? 1L << 10 : 1;
        if (unit != 1) t = t[..^1];
        return double.TryParse(t, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var v) && v > 0 && v * unit < long.MaxValue
            ? (long)(v * unit) : null;
    }

    private static string Gb(long bytes) => $"{bytes / (double)(1L << 30):0.0} GB";

    private static long? ReadMemAvailable()
    {
        try
        {
            if (!File.Exists("/proc/meminfo")) return null;
            foreach (var line in File.ReadLines("/proc/meminfo"))
                if (line.StartsWith("MemAvailable:", StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException) { }
        return null;
    }
}
