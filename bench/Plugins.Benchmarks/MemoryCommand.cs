using System.Globalization;
using System.Text;
using RetouchPlugins.Benchmarks.Reporting;
using RetouchPlugins.Benchmarks.Speed;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Benchmarks;

/// <summary>
/// `memory --retouch PATH [--label NAME] [--sizes 6,24,100] [--args "..."] [--out DIR]`: peak resident memory of
/// `retouch skin` on sample1.jpg scaled (bilinear) to each size in megapixels, each run its own process under
/// /usr/bin/time. Writes memory-NAME.json and memory.md (every label measured so far, side by side), so a build
/// from before a change and one after can be compared. Each size is one run: the peak is what matters, and it
/// does not vary by more than a few percent between runs.
/// </summary>
public static class MemoryCommand
{
    public sealed record Row(double Megapixels, int Width, int Height, double WallSeconds, double PeakMegabytes)
    {
        public double BytesPerPixel => PeakMegabytes * (1 << 20) / (Megapixels * 1e6);
    }

    public static int Run(CommandLine args)
    {
        string dir = args.ResultsDirectory();
        string retouch = args.Option("retouch") ?? throw new ArgumentException("--retouch PATH (the retouch executable to measure) is needed");
        if (!File.Exists(retouch)) throw new FileNotFoundException($"{retouch}: no such executable", retouch);
        string label = args.Option("label", "current");
        var sizes = args.Option("sizes", "6,24,100").Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var extra = (args.Option("args") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string work = Path.Combine(Path.GetTempPath(), $"bench-memory-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            var photo = ImageFile.Load(BenchSetup.Photos()[0]);
            var rows = new List<Row>();
            foreach (var mp in sizes)
            {
                int w = (int)Math.Round(Math.Sqrt(mp * 1e6 * photo.Width / photo.Height)), h = (int)Math.Round(mp * 1e6 / w);
                var input = Path.Combine(work, $"in-{mp:0}mp.jpg");
                ImageFile.Save(photo.WithPixels(Resample.BilinearUpsample(photo.Pixels, w, h)), input);
                GC.Collect();
                var m = ChildProcess.Measure([retouch, "skin", input, "-o", Path.Combine(work, $"out-{mp:0}mp.jpg"), .. extra], TimeSpan.FromMinutes(20));
                var row = new Row(w * (double)h / 1e6, w, h, m.WallSeconds, m.PeakMegabytes);
                rows.Add(row);
                Console.WriteLine($"memory {label}: {w} x {h} ({row.Megapixels:0.0} MP): peak {row.PeakMegabytes:0} MB, {row.BytesPerPixel:0} B/px, {row.WallSeconds:0.0} s");
            }
            LabelledRuns.Save(dir, "memory", label, rows);
            File.WriteAllText(Path.Combine(dir, "memory.md"), Report(dir));
            Console.WriteLine($"memory: {clock.Elapsed.TotalSeconds:0} s in all, results in {dir}");
        }
        finally { Directory.Delete(work, recursive: true); }
        return 0;
    }

    /// <summary>Every memory-*.json in the folder as one table: peak MB and bytes per pixel per size and label.</summary>
    private static string Report(string dir)
    {
        var text = new StringBuilder();
        text.AppendLine("# Peak memory of `retouch skin` per megapixel");
        text.AppendLine();
        text.AppendLine("Written by `Plugins.Benchmarks memory` (bench/README.md): sample1.jpg scaled up bilinearly, saved as JPEG q95,");
        text.AppendLine("`retouch skin IN -o OUT.jpg` in its own process, peak RSS from GNU time. B/px = peak / pixels (the runtime and");
        text.AppendLine("models, about 0.5 GB, are included, so small photos show more per pixel).");
        text.AppendLine();
        text.AppendLine("| build | size | megapixels | peak | B/px | wall |");
        text.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var (label, rows) in LabelledRuns.All<Row>(dir, "memory"))
            foreach (var r in rows)
                text.AppendLine(CultureInfo.InvariantCulture, $"| {label} | {r.Width} x {r.Height} | {r.Megapixels:0.0} | {r.PeakMegabytes / 1024:0.00} GB | {r.BytesPerPixel:0} | {r.WallSeconds:0} s |");
        return text.ToString();
    }
}
