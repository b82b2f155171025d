using System.Diagnostics;
using System.Text;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Benchmarks;

/// <summary>
/// Megapixels per second of each pixel kernel on a 24 MP (6000 x 4000) image, on one core and on all cores:
/// one warm-up run, then the median of several timed runs. Megapixels count output pixels per plane-set
/// (a 3-plane 24 MP image is 24 MP). Writes bench/results/kernels.md.
/// </summary>
internal static class KernelThroughput
{
    private const int Width = 6000, Height = 4000;

    public static int Run(string[] args)
    {
        int runs = args.Length > 0 && int.TryParse(args[0], out var r) ? r : 5;
        string? only = args.Length > 1 ? args[1] : null; // substring of a kernel name: a quick partial run, no report
        Console.WriteLine($"kernels: {Width}x{Height}, {runs} timed runs after one warm-up; {BenchReport.MachineLine()}");

        var image = MakePhotoLike(Width, Height, 3);
        var grey = image.ExtractPlane(1);
        var half = Resample.AreaDownsample(image, Width / 2, Height / 2);
        var working = Resample.AreaDownsample(image, 750, 500);
        var retouched = Smoothed(working);
        var blend = BlendModes.InverseAbm(working, retouched);
        var fullBlend = BlendPyramid.UpsampleBlendLayer(image, working, blend);
        double mp = Width * (double)Height / 1e6;

        var rows = new List<(string Kernel, string Detail, double OneCore, double OneCoreCpu, double AllCores)>();
        void Measure(string kernel, string detail, double megapixels, Action<KernelOptions> body)
        {
            if (only is not null && !kernel.Contains(only, StringComparison.OrdinalIgnoreCase)) return;
            var (wallOne, cpuOne) = Time(runs, () => body(KernelOptions.SingleCore));
            double one = megapixels / wallOne, oneCpu = megapixels / cpuOne;
            double all = megapixels / Time(runs, () => body(KernelOptions.AllCores)).Wall;
            rows.Add((kernel, detail, one, oneCpu, all));
            Console.WriteLine($"{kernel,-24} {detail,-46} 1 core {one,7:F1} MP/s (by CPU time {oneCpu,7:F1})   all cores {all,7:F1} MP/s");
        }

        Measure("box filter", "3 planes, r = 8", mp, o => BoxFilter.Apply(image, 8, o));
        Measure("box filter", "3 planes, r = 64 (same cost: O(1))", mp, o => BoxFilter.Apply(image, 64, o));
        Measure("guided filter", "grey guide, 3 planes, r = 8, eps = 1e-3", mp, o => GuidedFilter.Apply(grey, image, 8, 1e-3f, o));
        Measure("colour guided filter", "RGB guide, 1 plane, r = 8, eps = 1e-3", mp, o => ColorGuidedFilter.Apply(image, grey, 8, 1e-3f, o));
        Measure("area downsample", "3 planes, to 1500 x 1000 (x4)", mp, o => Resample.AreaDownsample(image, 1500, 1000, o));
        Measure("area downsample", "3 planes, to 1024 x 683 (non-integer)", mp, o => Resample.AreaDownsample(image, 1024, 683, o));
        Measure("bilinear upsample", "3 planes, 3000 x 2000 to 6000 x 4000", mp, o => Resample.BilinearUpsample(half, Width, Height, o));
        Measure("fast guided upsampling", "3 planes, 3000 x 2000 to 6000 x 4000, r = 2", mp, o => FastGuidedUpsampler.Apply(half, half, image, 2, 1e-4f, o));
        Measure("ABM", "3 planes", mp, o => BlendModes.Abm(image, fullBlend, o));
        Measure("R-ABM", "3 planes", mp, o => BlendModes.InverseAbm(image, fullBlend, 1f, o));
        Measure("blend pyramid apply", "3 planes, 750 x 500 retouch to 24 MP", mp,
            o => BlendPyramid.Apply(image, retouched, working, null, new BlendPyramidOptions { Kernel = o }));

        if (only is not null) return 0;

        // Peer in the same process: the direct O(r^2) box filter, on a 1 MP crop of one plane.
        var crop = grey.Crop(0, 0, 1000, 1000);
        double naive = 1.0 / Time(Math.Min(runs, 3), () => NaiveBox(crop, 8)).Cpu;
        double ours = 1.0 / Time(runs, () => BoxFilter.Apply(crop, 8, KernelOptions.SingleCore)).Cpu;
        Console.WriteLine($"peer: direct (2r+1)^2 box filter r = 8, 1 plane, 1 core: {naive:F1} MP/s; ours {ours:F1} MP/s ({ours / naive:F1}x)");

        var md = new StringBuilder();
        md.AppendLine("# Kernel throughput");
        md.AppendLine();
        md.AppendLine($"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Machine: {BenchReport.MachineLine()}.");
        md.AppendLine($"Image: {Width} x {Height} (24 MP), photo-like synthetic planes in [0, 1]. One warm-up run, then the median of {runs} runs.");
        md.AppendLine("MP/s counts output megapixels (all planes of a pixel count once). \"All cores\" = every core the process sees.");
        md.AppendLine("\"By CPU time\" divides by the process CPU time of the one-core run instead of the wall clock: on a shared,");
        md.AppendLine($"overloaded machine (load average {Reporting.MachineInfo.LoadAverage(1)} when this report was written) it estimates the unloaded one-core speed;");
        md.AppendLine("wall-clock figures there are lower bounds.");
        md.AppendLine();
        md.AppendLine("| kernel | case | 1 core MP/s | 1 core MP/s by CPU time | all cores MP/s | speed-up (wall) |");
        md.AppendLine("|---|---|---:|---:|---:|---:|");
        foreach (var row in rows)
            md.AppendLine($"| {row.Kernel} | {row.Detail} | {row.OneCore:F1} | {row.OneCoreCpu:F1} | {row.AllCores:F1} | {row.AllCores / row.OneCore:F2}x |");
        md.AppendLine();
        md.AppendLine("Peer, same process: the direct box filter summing all (2r+1)^2 window pixels, r = 8, one plane of 1000 x 1000, one core, by CPU time:");
        md.AppendLine($"{naive:F1} MP/s; ours on the same crop {ours:F1} MP/s, {ours / naive:F1}x faster (the gap grows with r^2).");
        md.AppendLine();
        md.AppendLine("Run: `dotnet run -c Release --project bench/Plugins.Benchmarks -- kernels [runs] [kernel-name-filter]` (a filter skips the report).");
        string path = Path.Combine(BenchReport.ResultsDirectory(), "kernels.md");
        BenchReport.WriteAtomically(path, md.ToString());
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    /// <summary>Median wall-clock and median process-CPU seconds of <paramref name="runs"/> runs after one warm-up.</summary>
    private static (double Wall, double Cpu) Time(int runs, Action body)
    {
        body(); // warm-up: JIT, page faults, pooled buffers
        var wall = new double[runs];
        var cpu = new double[runs];
        using var process = Process.GetCurrentProcess();
        for (int i = 0; i < runs; i++)
        {
            process.Refresh();
            var cpu0 = process.TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            body();
            wall[i] = sw.Elapsed.TotalSeconds;
            process.Refresh();
            cpu[i] = (process.TotalProcessorTime - cpu0).TotalSeconds;
        }
        Array.Sort(wall);
        Array.Sort(cpu);
        return (wall[runs / 2], cpu[runs / 2]);
    }

    private static PlanarImage MakePhotoLike(int w, int h, int channels)
    {
        var img = new PlanarImage(w, h, channels);
        Parallel.For(0, h, y =>
        {
            var rng = new Random(y);
            for (int c = 0; c < channels; c++)
            {
                var row = img.Row(c, y);
                for (int x = 0; x < w; x++)
                    row[x] = Math.Clamp(0.45f + 0.25f * MathF.Sin(x * 0.003f + c) * MathF.Cos(y * 0.004f) + 0.05f * (rng.NextSingle() - 0.5f), 0f, 1f);
            }
        });
        return img;
    }

    /// <summary>A stand-in retouch at the working size: an edge-aware smoothing of the image.</summary>
    private static PlanarImage Smoothed(PlanarImage working) => GuidedFilter.Apply(working, working, 4, 1e-2f);

    private static PlanarImage NaiveBox(PlanarImage plane, int r)
    {
        int w = plane.Width, h = plane.Height;
        var q = new PlanarImage(w, h, 1);
        var p = plane.Data;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                float s = 0; int n = 0;
                for (int yy = Math.Max(0, y - r); yy <= Math.Min(h - 1, y + r); yy++)
                    for (int xx = Math.Max(0, x - r); xx <= Math.Min(w - 1, x + r); xx++) { s += p[yy * w + xx]; n++; }
                q.Data[y * w + x] = s / n;
            }
        return q;
    }
}
