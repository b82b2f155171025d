using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Shared.Running;

/// <summary>
/// How many photos may be in flight at once: at most one per core, and few enough that their estimated
/// working memory (from the header: width × height) fits in 80 % of the memory available now.
/// </summary>
public static class MemoryBudget
{
    /// <summary>Face models and their sessions (RetinaFace, face mesh, u2netp, runtime arenas), loaded once and shared by the workers.</summary>
    public const long ModelBytes = 200L << 20;
    /// <summary>
    /// Bytes per pixel for one photo in flight, measured: `retouch batch` over three 1920×1280 photos
    /// (2.5 MP) peaked at 1.07 GB resident with one worker and 2.08 GB with two (PSD output), i.e. about
    /// 1 GB, 400 B/px, per photo (float planes of the photo, analysis masks, effect masks and pyramid
    /// scratch, plus garbage the GC has not yet collected).
    /// </summary>
    public const int BytesPerPixel = 400;
    /// <summary>A layered write adds 4-plane float copies of each layer plus the composite.</summary>
    public const int ExtraBytesPerPixelLayered = 96;

    public static long Estimate(ImageInfo info, bool layered) =>
        (long)info.Width * info.Height * (BytesPerPixel + (layered ? ExtraBytesPerPixelLayered : 0));

    /// <summary>
    /// Workers for photos needing <paramref name="estimates"/> bytes each: min(cores, requested, photos),
    /// then fewer until the largest <c>n</c> photos together, plus the models, fit in 80 % of <paramref name="available"/>.
    /// Never less than one (a photo too big for memory still gets its try, alone).
    /// </summary>
    public static int Workers(IReadOnlyList<long> estimates, int cores, long available, int? requested = null)
    {
        int n = Math.Min(Math.Max(1, requested ?? cores), Math.Max(1, estimates.Count));
        var largest = estimates.OrderDescending().ToArray();
        long budget = (long)(available * 0.8);
        while (n > 1 && largest.Take(n).Sum() + ModelBytes > budget) n--;
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
