using System.Diagnostics;
using System.Globalization;
using System.Text;
using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Benchmarks.Reporting;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Benchmarks.Restore;

/// <summary>
/// `restore [--samples 1,2,3,4,5,6] [--out DIR]`: the face-restore benchmark. Each demo photo is degraded two ways
/// (<see cref="RestoreDegradation"/>), analysed as a host would, and restored by ours (auto, network only, classical
/// only) beside the unsharp and denoise+unsharp baselines. Inside our paste mask (≥ 0.5) against the clean photo:
/// PSNR, SSIM, GMSD. Also the time per face, the bare network time for a 128 → 512 face, a contact sheet
/// (restore-contact-sheet.png) and restore.md.
/// </summary>
public static class RestoreCommand
{
    private static readonly string[] Methods = ["degraded", "unsharp", "denoise+unsharp", "ours auto", "ours network", "ours classical"];

    public static int Run(CommandLine args)
    {
        var samples = args.Option("samples", "1,2,3,4,5,6").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        string outDir = args.ResultsDirectory();
        using var analyzer = PortraitAnalyzer.Open();
        var rows = new List<(string Set, string Method, double Psnr, double Ssim, double Gmsd)>();
        var timings = new List<(string Method, double SecondsPerFace)>();
        var log = new StringBuilder();
        var sheet = new ContactSheet(["clean", "degraded", "unsharp", "ours auto"]);
        foreach (var sample in samples)
        {
            var photo = ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", $"sample{sample}.jpg")).Pixels;
            foreach (var set in new[] { RestoreDegradation.Mixed(sample, photo), RestoreDegradation.Large(sample, photo) })
            {
                var analysis = analyzer.Analyze(set.Degraded, null);
                if (!analysis.HasFaces) { log.AppendLine($"- {set.Name}: no face found in the degraded photo, skipped"); continue; }
                var outputs = new Dictionary<string, PlanarImage> { ["degraded"] = set.Degraded };
                outputs["unsharp"] = UnsharpBaseline.Unsharp(set.Degraded);
                outputs["denoise+unsharp"] = UnsharpBaseline.DenoiseThenUnsharp(set.Degraded);
                PlanarImage? mask = null;
                foreach (var (method, route) in new[] { ("ours auto", "auto"), ("ours network", "network"), ("ours classical", "classical") })
                {
                    var effect = new FaceRestoreEffect();
                    var clock = Stopwatch.StartNew();
                    var result = effect.Render(set.Degraded, analysis, effect.Defaults().SetText(FaceRestoreEffect.Route.Name, route));
                    timings.Add((method, clock.Elapsed.TotalSeconds / analysis.Faces.Count));
                    outputs[method] = result.Image;
                    mask ??= result.Mask(FaceRestoreEffect.Mask);
                    if (route == "auto") log.AppendLine($"- {set.Name} ({set.Recipe}): {result.Message}");
                }
                foreach (var method in Methods)
                    rows.Add((set.Name.Split(' ')[1], method, QualityMetrics.Psnr(set.Clean, outputs[method], mask!), QualityMetrics.Ssim(set.Clean, outputs[method], mask!), Gmsd.Of(set.Clean, outputs[method], mask!)));
                var face = analysis.Faces.OrderByDescending(f => f.Score).First();
                sheet.AddRow([Tile(set.Clean, face), Tile(set.Degraded, face), Tile(outputs["unsharp"], face), Tile(outputs["ours auto"], face)]);
                Console.WriteLine($"{set.Name}: done");
            }
        }
        var networkTimes = NetworkTimes();
        sheet.Save(Path.Combine(outDir, "restore-contact-sheet.png"));
        File.WriteAllText(Path.Combine(outDir, "restore.md"), Report(rows, timings, networkTimes, log.ToString(), samples));
        Console.WriteLine($"restore benchmark: {Path.Combine(outDir, "restore.md")}");
        return 0;
    }

    /// <summary>Seconds for one 128 → 512 face through the bare network (median of 3 after a warm-up run).</summary>
    private static List<(string Network, double Seconds)> NetworkTimes()
    {
        var crop = new PlanarImage(128, 128, 3);
        var random = new Random(7);
        for (int i = 0; i < crop.Data.Length; i++) crop.Data[i] = (float)random.NextDouble();
        var times = new List<(string, double)>();
        foreach (var variant in RealEsrganNetwork.Variants)
        {
            using var network = new RealEsrganNetwork(variant, RealEsrganNetwork.ModelPath(variant));
            network.Restore(crop, default);
            var runs = new List<double>();
            for (int i = 0; i < 3; i++)
            {
                var clock = Stopwatch.StartNew();
                network.Restore(crop, default);
                runs.Add(clock.Elapsed.TotalSeconds);
            }
            runs.Sort();
            times.Add((variant, runs[1]));
        }
        return times;
    }

    /// <summary>A square 192 px tile around the face box (1.6× its size).</summary>
    private static PlanarImage Tile(PlanarImage image, AnalyzedFace face)
    {
        int side = Math.Min(Math.Min(image.Width, image.Height), (int)(face.Box.Size * 1.6f));
        int x = Math.Clamp((int)(face.Box.Center.X - side / 2f), 0, image.Width - side), y = Math.Clamp((int)(face.Box.Center.Y - side / 2f), 0, image.Height - side);
        return Resampler.Resize(image, x, y, side, side, 192, 192);
    }

    private static string Report(List<(string Set, string Method, double Psnr, double Ssim, double Gmsd)> rows,
        List<(string Method, double SecondsPerFace)> timings, List<(string Network, double Seconds)> network, string log, int[] samples)
    {
        var sb = new StringBuilder();
        sb.AppendLine("# Face restore benchmark");
        sb.AppendLine();
        sb.AppendLine($"`dotnet run -c Release --project bench/Plugins.Benchmarks -- restore` on samples {string.Join(", ", samples)}, {DateTime.UtcNow:yyyy-MM-dd}, {Environment.ProcessorCount} cores (shared).");
        sb.AppendLine("Metrics against the clean photo, inside our paste mask (>= 0.5), mean over photos: PSNR (dB, higher better), SSIM of the luma (higher better), GMSD (lower better).");
        sb.AppendLine();
        foreach (var set in rows.Select(r => r.Set).Distinct())
        {
            sb.AppendLine($"## {set}");
            sb.AppendLine();
            sb.AppendLine("| method | PSNR | SSIM | GMSD |");
            sb.AppendLine("|---|---:|---:|---:|");
            foreach (var method in Methods)
            {
                var r = rows.Where(x => x.Set == set && x.Method == method).ToArray();
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {method} | {r.Average(x => x.Psnr):0.00} | {r.Average(x => x.Ssim):0.0000} | {r.Average(x => x.Gmsd):0.0000} |"));
            }
            sb.AppendLine();
        }
        sb.AppendLine("## Time");
        sb.AppendLine();
        sb.AppendLine("| what | seconds |");
        sb.AppendLine("|---|---:|");
        foreach (var (n, s) in network) sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| Real-ESRGAN {n}, one 128 → 512 face (network alone, median of 3) | {s:0.00} |"));
        foreach (var m in timings.Select(t => t.Method).Distinct())
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {m}, whole effect per face (alignment, restore, paste; mean) | {timings.Where(t => t.Method == m).Average(t => t.SecondsPerFace):0.00} |"));
        sb.AppendLine();
        sb.AppendLine("## Photos");
        sb.AppendLine();
        sb.Append(log);
        sb.AppendLine();
        sb.AppendLine("Contact sheet: `restore-contact-sheet.png` (one row per photo and set, the highest-scoring face: clean, degraded, unsharp, ours).");
        return sb.ToString();
    }
}
