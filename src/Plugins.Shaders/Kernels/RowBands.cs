namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Splits rows [0, count) into contiguous bands and runs them in parallel. Bands (not single rows)
/// keep per-band setup (running sums, scratch buffers) cheap and the scheduling overhead low.
/// </summary>
internal static class RowBands
{
    public static void For(int count, KernelOptions? options, Action<int, int> band, int minRowsPerBand = 16)
    {
        if (count <= 0) return;
        var o = options ?? KernelOptions.AllCores;
        int workers = o.Workers;
        // A few bands per worker balance uneven progress on a shared machine.
        int bands = workers == 1 ? 1 : Math.Clamp(count / Math.Max(1, minRowsPerBand), 1, workers * 4);
        if (bands == 1)
        {
            band(0, count);
            return;
        }
        var po = new ParallelOptions { MaxDegreeOfParallelism = workers };
        Parallel.For(0, bands, po, i =>
        {
            int start = (int)((long)count * i / bands);
            int end = (int)((long)count * (i + 1) / bands);
            if (end > start) band(start, end);
        });
    }
}
