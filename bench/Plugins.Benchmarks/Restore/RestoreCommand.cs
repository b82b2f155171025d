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
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Benchmarks.Restore;

/// <summary>
/// `restore [--samples 1,2,3,4,5,6] [--sets mixed,large] [--identity yes|no] [--x4plus yes|no] [--out DIR]`: the face-restore benchmark.
/// Each demo photo is degraded two ways (<see cref="RestoreDegradation"/>), saved as the JPEG the effect reads (as a
/// host would: its quantisation tables), analysed as a host would, and restored by ours (auto, network only,
/// classical only) beside bicubic and Lanczos re-upscaling and a G'MIC denoise+sharpen chain
/// (<see cref="GmicBaselines"/>), Real-ESRGAN x4fast on the whole photo (<see cref="WholePhotoEsrgan"/>), and the
/// unsharp and denoise+unsharp baselines. Inside our paste mask (≥ 0.5) against the clean photo: PSNR, SSIM, GMSD,
/// and a no-reference sharpness; on the mixed set the identity (our face mesh on the result against the clean
/// photo's, RMS as % of the face width). Also the time per face, the bare network time for a 128 → 512 face, a
/// contact sheet (restore-contact-sheet.png) and restore.md.
/// </summary>
public static class RestoreCommand
{
    private const string Bicubic = "bicubic", Lanczos = "Lanczos", GmicChain = "G'MIC denoise+sharpen", Esrgan = "Real-ESRGAN x4fast, whole photo";
    private static readonly string[] Methods = ["degraded", Bicubic, Lanczos, GmicChain, Esrgan, "unsharp", "denoise+unsharp", "ours auto", "ours network", "ours classical"];
    private static readonly string[] IdentityMethods = ["degraded", Bicubic, GmicChain, Esrgan, "ours auto", "ours network"];

    private sealed record Row(string Set, string Method, double Psnr, double Ssim, double Gmsd, double Sharpness);

    public static int Run(CommandLine args)
    {
        var samples = args.Option("samples", "1,2,3,4,5,6").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        bool identity = args.Option("identity", "yes") == "yes", x4plus = args.Option("x4plus", "no") == "yes";
        var sets = args.Option("sets", "mixed,large").Split(',');
        string outDir = args.ResultsDirectory();
        string work = Directory.CreateTempSubdirectory("bench-restore-").FullName;
        var total = Stopwatch.StartNew();
        try
        {
            using var analyzer = PortraitAnalyzer.Open();
            using var meshEnvironment = new OnnxRuntimeEnvironment();
            using var landmarker = new FaceMeshLandmarker(meshEnvironment);
            using var esrgan = new RealEsrganNetwork("x4fast", RealEsrganNetwork.ModelPath("x4fast"));
            var whole = new WholePhotoEsrgan(esrgan);
            var rows = new List<Row>();
            var identities = new List<IdentityResult>();
            var timings = new List<(string Method, double SecondsPerFace)>();
            var log = new StringBuilder();
            var sheet = new ContactSheet(["clean", "degraded", Bicubic, "G'MIC", "ESRGAN whole", "ours auto"]);
            foreach (var sample in samples)
            {
                var photo = ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", $"sample{sample}.jpg")).Pixels;
                foreach (var set in sets.Select(name => name == "mixed" ? RestoreDegradation.Mixed(sample, photo, work) : RestoreDegradation.Large(sample, photo, work)))
                {
                    var analysis = analyzer.Analyze(set.Degraded, null);
                    if (!analysis.HasFaces) { log.AppendLine($"- {set.Name}: no face found in the degraded photo, skipped"); continue; }
                    var outputs = new Dictionary<string, PlanarImage> { ["degraded"] = set.Degraded };
                    PlanarImage? mask = null;
                    foreach (var (method, route) in new[] { ("ours auto", "auto"), ("ours network", "network"), ("ours classical", "classical") })
                    {
                        var effect = new FaceRestoreEffect();
                        var clock = Stopwatch.StartNew();
                        var result = effect.Render(new EffectInput(set.Degraded, analysis) { SourceFile = set.File },
                            effect.Defaults().SetText(FaceRestoreEffect.Route.Name, route));
                        timings.Add((method, clock.Elapsed.TotalSeconds / analysis.Faces.Count));
                        outputs[method] = result.Image;
                        mask ??= result.Mask(FaceRestoreEffect.Mask);
                        if (route == "auto") log.AppendLine($"- {set.Name} ({set.Recipe}): {result.Message}");
                    }
                    var region = Region(mask!, 16);
                    outputs[Bicubic] = GmicBaselines.Resampled(set.Degraded, set.Factor, 5, work);
                    outputs[Lanczos] = GmicBaselines.Resampled(set.Degraded, set.Factor, 6, work);
                    outputs[GmicChain] = GmicBaselines.Chain(set.Degraded, region, work);
                    var esrganClock = Stopwatch.StartNew();
                    outputs[Esrgan] = whole.Apply(set.Degraded, set.Factor, region);
                    timings.Add((Esrgan, esrganClock.Elapsed.TotalSeconds / analysis.Faces.Count));
                    outputs["unsharp"] = UnsharpBaseline.Unsharp(set.Degraded);
                    outputs["denoise+unsharp"] = UnsharpBaseline.DenoiseThenUnsharp(set.Degraded);
                    string setName = set.Name.Split(' ')[1];
                    foreach (var method in Methods)
                        rows.Add(new Row(setName, method, QualityMetrics.Psnr(set.Clean, outputs[method], mask!), QualityMetrics.Ssim(set.Clean, outputs[method], mask!),
                            Gmsd.Of(set.Clean, outputs[method], mask!), RestoreMetrics.Sharpness(outputs[method], mask!)));
                    rows.Add(new Row(setName, "clean", double.PositiveInfinity, 1, 0, RestoreMetrics.Sharpness(set.Clean, mask!)));
                    if (identity && setName == "mixed")
                    {
                        var cleanAnalysis = analyzer.Analyze(set.Clean, null);
                        outputs[IdentityReport.Resaved] = RestoreDegradation.Resaved(set.Clean, 75, work);
                        var cleanMeshes = RestoreMetrics.CleanCropMeshes(set.Clean, cleanAnalysis, landmarker);
                        foreach (var method in IdentityMethods.Prepend(IdentityReport.Resaved))
                        {
                            var (rms, missing) = RestoreMetrics.MeshDistance(cleanAnalysis, analyzer.Analyze(outputs[method], null));
                            var (all, features) = RestoreMetrics.MeshDistanceOnCleanCrop(cleanMeshes, outputs[method], landmarker);
                            identities.Add(new IdentityResult(method, set.Name, set.Factor, rms, missing, all, features));
                        }
                    }
                    var face = analysis.Faces.OrderByDescending(f => f.Score).First();
                    sheet.AddRow([Tile(set.Clean, face), Tile(set.Degraded, face), Tile(outputs[Bicubic], face), Tile(outputs[GmicChain], face), Tile(outputs[Esrgan], face), Tile(outputs["ours auto"], face)]);
                    Console.WriteLine($"{set.Name}: done ({total.Elapsed.TotalSeconds:0} s)");
                }
            }
            var networkTimes = NetworkTimes(x4plus ? RealEsrganNetwork.Variants : ["x4fast"]);
            sheet.Save(Path.Combine(outDir, "restore-contact-sheet.png"));
            string command = $"dotnet run -c Release --project bench/Plugins.Benchmarks -- restore --samples {string.Join(",", samples)}{(sets.Length == 2 ? "" : " --sets " + string.Join(",", sets))}{(identity ? "" : " --identity no")}{(x4plus ? " --x4plus yes" : "")}";
            File.WriteAllText(Path.Combine(outDir, "restore.md"), Report(command, rows, identities, timings, networkTimes, log.ToString(), total.Elapsed.TotalSeconds));
            Console.WriteLine($"restore benchmark: {Path.Combine(outDir, "restore.md")} ({total.Elapsed.TotalSeconds:0} s)");
            return 0;
        }
        finally { Directory.Delete(work, true); }
    }

    /// <summary>The bounding box of the mask's positive pixels, widened by <paramref name="margin"/> and clipped.</summary>
    private static PixelRect Region(PlanarImage mask, int margin)
    {
        int x0 = mask.Width, y0 = mask.Height, x1 = -1, y1 = -1;
        for (int y = 0; y < mask.Height; y++)
            for (int x = 0; x < mask.Width; x++)
                if (mask.Data[y * mask.Width + x] > 0) { x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); x1 = Math.Max(x1, x); y1 = Math.Max(y1, y); }
        if (x1 < 0) throw new InvalidOperationException("the paste mask is empty");
        x0 = Math.Max(0, x0 - margin); y0 = Math.Max(0, y0 - margin);
        x1 = Math.Min(mask.Width - 1, x1 + margin); y1 = Math.Min(mask.Height - 1, y1 + margin);
        return new PixelRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1);
    }

    /// <summary>Seconds for one 128 → 512 face through the bare network (median of 3 after a warm-up run).</summary>
    private static List<(string Network, double Seconds)> NetworkTimes(IEnumerable<string> variants)
    {
        var crop = new PlanarImage(128, 128, 3);
        var random = new Random(7);
        for (int i = 0; i < crop.Data.Length; i++) crop.Data[i] = (float)random.NextDouble();
        var times = new List<(string, double)>();
        foreach (var variant in variants)
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

    private static string Report(string command, List<Row> rows, List<IdentityResult> identities,
        List<(string Method, double SecondsPerFace)> timings, List<(string Network, double Seconds)> network, string log, double seconds)
    {
        var sb = new StringBuilder();
        string load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
        sb.AppendLine("# Face restore benchmark");
        sb.AppendLine();
        sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"`{command}`, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {load} at the end, {seconds:0} s in all."));
        sb.AppendLine("Metrics against the clean photo, inside our paste mask (>= 0.5), mean over photos: PSNR (dB, higher better), SSIM of the luma (higher better), GMSD (lower better), sharpness (mean Sobel gradient magnitude of the luma, no reference: compare with the clean row; noise raises it too).");
        sb.AppendLine($"Baselines: bicubic / Lanczos = `gmic IN r W/f,H/f,1,3,2 r W,H,1,3,5` (6 for Lanczos), f the set's downscale factor (the large set has none, so they are the degraded photo); G'MIC = `gmic IN {GmicBaselines.ChainCommand}` on the faces' region; Real-ESRGAN x4fast on the whole photo brought down by d = clamp(f, 2, 4), 96 px tiles, x4 output resized to the photo (no alignment, no paste); unsharp σ 1.5 amount 1; denoise+unsharp = self-guided filter then unsharp.");
        sb.AppendLine();
        foreach (var set in rows.Select(r => r.Set).Distinct())
        {
            sb.AppendLine($"## {set}");
            sb.AppendLine();
            sb.AppendLine("| method | PSNR | SSIM | GMSD | sharpness |");
            sb.AppendLine("|---|---:|---:|---:|---:|");
            foreach (var method in Methods.Append("clean"))
            {
                var r = rows.Where(x => x.Set == set && x.Method == method).ToArray();
                string psnr = method == "clean" ? "—" : r.Average(x => x.Psnr).ToString("0.00", CultureInfo.InvariantCulture);
                sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {method} | {psnr} | {r.Average(x => x.Ssim):0.0000} | {r.Average(x => x.Gmsd):0.0000} | {r.Average(x => x.Sharpness):0.0000} |"));
            }
            sb.AppendLine();
        }
        if (identities.Count > 0) sb.Append(IdentityReport.Markdown(identities, IdentityMethods, "ours auto"));
        sb.AppendLine("## Time");
        sb.AppendLine();
        sb.AppendLine("| what | seconds |");
        sb.AppendLine("|---|---:|");
        foreach (var (n, s) in network) sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| Real-ESRGAN {n}, one 128 → 512 face (network alone, median of 3) | {s:0.00} |"));
        foreach (var m in timings.Select(t => t.Method).Distinct())
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {m}, per face (mean) | {timings.Where(t => t.Method == m).Average(t => t.SecondsPerFace):0.00} |"));
        sb.AppendLine();
        sb.AppendLine("## Photos");
        sb.AppendLine();
        sb.Append(log);
        sb.AppendLine();
        sb.AppendLine("Contact sheet: `restore-contact-sheet.png` (one row per photo and set, the highest-scoring face: clean, degraded, bicubic, G'MIC, Real-ESRGAN whole photo, ours auto).");
        return sb.ToString();
    }
}
