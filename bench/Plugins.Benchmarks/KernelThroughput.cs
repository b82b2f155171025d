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

        var rows = new List<(string Kernel, string Detail, double OneCore, double AllCores)>();
        void Measure(string kernel, string detail, double megapixels, Action<KernelOptions> body)
        {
            if (only is not null && !kernel.Contains(only, StringComparison.OrdinalIgnoreCase)) return;
            double one = megapixels / Median(runs, () => body(KernelOptions.SingleCore));
            double all = megapixels / Median(runs, () => body(KernelOptions.AllCores));
            rows.Add((kernel, detail, one, all));
            Console.WriteLine($"{kernel,-34} {detail,-44} 1 core {one,8:F1} MP/s   all cores {all,8:F1} MP/s");
        }

        Measure("box filter", "3 planes, r = 8", mp, o => BoxFilter.Apply(image, 8, o));
        Measure("box filter", "3 planes, r = 64 (same cost: O(1))", mp, o => BoxFilter.Apply(image, 64, o));
        Measure("guided filter", "grey guide, 3 planes, r = 8, eps = 1e-3", mp, o => GuidedFilter.Apply(grey, image, 8, 1e-3f, o));
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
        double naive = 1.0 / Median(Math.Min(runs, 3), () => NaiveBox(crop, 8));
        double ours = 1.0 / Median(runs, () => BoxFilter.Apply(crop, 8, KernelOptions.SingleCore));
        Console.WriteLine($"peer: direct (2r+1)^2 box filter r = 8, 1 plane, 1 core: {naive:F1} MP/s; ours {ours:F1} MP/s ({ours / naive:F1}x)");

        var md = new StringBuilder();
        md.AppendLine("# Kernel throughput");
        md.AppendLine();
        md.AppendLine($"Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC. Machine: {BenchReport.MachineLine()}.");
        md.AppendLine($"Image: {Width} x {Height} (24 MP), photo-like synthetic planes in [0, 1]. One warm-up run, then the median of {runs} runs.");
        md.AppendLine("MP/s counts output megapixels (all planes of a pixel count once). \"All cores\" = every core the process sees;");
        md.AppendLine("the build machine is shared with other jobs, so all-core figures are a lower bound.");
        md.AppendLine();
        md.AppendLine("| kernel | case | 1 core MP/s | all cores MP/s | speed-up |");
        md.AppendLine("|---|---|---:|---:|---:|");
        foreach (var row in rows)
            md.AppendLine($"| {row.Kernel} | {row.Detail} | {row.OneCore:F1} | {row.AllCores:F1} | {row.AllCores / row.OneCore:F2}x |");
        md.AppendLine();
        md.AppendLine("Peer, same process: the direct box filter summing all (2r+1)^2 window pixels, r = 8, one plane of 1000 x 1000, one core:");
        md.AppendLine($"{naive:F1} MP/s; ours on the same crop {ours:F1} MP/s, {ours / naive:F1}x faster (the gap grows with r^2).");
        md.AppendLine();
        md.AppendLine("Run: `dotnet run -c Release --project bench/Plugins.Benchmarks -- kernels [runs] [kernel-name-filter]` (a filter skips the report).");
        string path = Path.Combine(BenchReport.ResultsDirectory(), "kernels.md");
        BenchReport.WriteAtomically(path, md.ToString());
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    private static double Median(int runs, Action body)
    {
        body(); // warm-up: JIT, page faults, pooled buffers
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            body();
            times[i] = sw.Elapsed.TotalSeconds;
        }
        Array.Sort(times);
        return times[runs / 2];
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
