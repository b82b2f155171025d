using System.Diagnostics;
using System.Globalization;
using System.Text;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Benchmarks;

/// <summary>
/// `preview [--photo PATH] [--screen 1920x1080] [--repeat N] [--effects ID,ID] [--out DIR]`: what a slider move costs in the web
/// host. As the host does it: the photo is analysed once at full size, fitted into the screen (a 3:2 photo on a
/// 1080p screen: 1620x1080), the analysis carried to that size (AnalysisScaling), then every catalog effect
/// renders there N times with its defaults, and the result layer is PNG-encoded as the page fetches it.
/// Writes preview.md; the goal is 150 ms per preview render of the skin effect on 2 cores.
/// </summary>
public static class PreviewCommand
{
    public static int Run(CommandLine args)
    {
        string photoPath = args.Option("photo") ?? BenchSetup.Photos()[0];
        var screen = args.Option("screen", "1920x1080").Split('x').Select(int.Parse).ToArray();
        int repeat = args.Option("repeat", 7);
        var photo = ImageFile.Load(photoPath).Pixels;
        double scale = Math.Min(1.0, Math.Min((double)screen[0] / photo.Width, (double)screen[1] / photo.Height));
        int w = (int)Math.Round(photo.Width * scale), h = (int)Math.Round(photo.Height * scale);

        using var provider = new PortraitAnalysisProvider();
        var clock = Stopwatch.StartNew();
        var analysis = provider.Analyze(photo, AnalysisRequest.Portrait);
        double analyseMs = clock.Elapsed.TotalMilliseconds;
        clock.Restart();
        var image = Resampler.Resize(photo, w, h);
        var scaled = analysis.Scaled(w, h);
        double fitMs = clock.Elapsed.TotalMilliseconds;

        var report = new StringBuilder();
        report.AppendLine("# Web host preview: one slider move").AppendLine();
        report.AppendLine(CultureInfo.InvariantCulture, $"Photo {Path.GetFileName(photoPath)} {photo.Width}x{photo.Height}, screen {screen[0]}x{screen[1]}, preview {w}x{h} ({w * h / 1e6:0.00} MP), {Environment.ProcessorCount} cores (load average then: {Reporting.MachineInfo.LoadAverage(1)}), {repeat} renders per effect after one warm-up. ");
        report.AppendLine(CultureInfo.InvariantCulture, $"Once per photo: analysis {analyseMs:0} ms (full size, including opening the models), fitting photo and analysis to the preview {fitMs:0} ms.").AppendLine();
        report.AppendLine("| effect | render median | render p95 | render min | PNG of the result layer (best of 3) | raw RGBA, what the page fetches (best of 3) | goal (skin: 150 ms) |");
        report.AppendLine("|---|---:|---:|---:|---:|---:|---|");
        var only = args.Option("effects")?.Split(',') ?? [];
        foreach (var entry in EffectCatalog.All.Where(e => only.Length == 0 || only.Contains(e.Id)))
        {
            var settings = entry.Descriptor.DefaultSettings();
            var input = new EffectInput(image, scaled);
            var result = entry.Create().Render(input, settings); // warm-up: JIT and first-use allocations
            var times = new List<double>();
            for (int i = 0; i < repeat; i++)
            {
                // A new instance each time: the whole render, nothing kept from the last one (the slider table below has that).
                var effect = entry.Create();
                clock.Restart();
                result = effect.Render(input, settings);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            // Encodings: best of 3 (the first call also compiles them).
            double pngMs = Best(3, () => ImageFile.EncodePng(result.Image));
            double rawMs = Best(3, () => InterleavedRgba.Encode(result.Image));
            times.Sort();
            double median = times[times.Count / 2], p95 = times[(int)Math.Ceiling(times.Count * 0.95) - 1];
            string goal = entry.Id == "skin" ? (median <= 150 ? "met" : "not met") : "";
            report.AppendLine(CultureInfo.InvariantCulture, $"| {entry.Id} | {median:0} ms | {p95:0} ms | {times[0]:0} ms | {pngMs:0} ms | {rawMs:0} ms | {goal} |");
            Console.WriteLine($"{entry.Id}: median {median:0} ms, p95 {p95:0} ms, min {times[0]:0} ms, png {pngMs:0} ms, raw {rawMs:0} ms");
        }
        SliderMoves(report, image, scaled, repeat);
        var file = Path.Combine(args.ResultsDirectory(), "preview.md");
        File.WriteAllText(file, report.ToString());
        Console.WriteLine($"preview: results in {file}");
        return 0;
    }

    /// <summary>
    /// What the web host does on a slider move: one effect instance per session renders the same preview again with
    /// one value changed. For the skin recipe a move of strength (the evening step) resumes after the blemish step.
    /// </summary>
    private static void SliderMoves(StringBuilder report, Shaders.PlanarImage image, Shared.Faces.PortraitAnalysis? scaled, int repeat)
    {
        report.AppendLine().AppendLine("Slider moves as the web host renders them (one skin instance per session, the same preview image, one value changed each time):").AppendLine();
        report.AppendLine("| slider moved | render median | render min |").AppendLine("|---|---:|---:|");
        foreach (var (slider, low, high) in new[] { ("strength", 0.3, 0.8), ("tone", 0.3, 0.7), ("sensitivity", 0.3, 0.7) })
        {
            var effect = EffectCatalog.Get("skin").Create();
            var input = new EffectInput(image, scaled) { LivePreview = true };
            var times = new List<double>();
            for (int i = 0; i <= repeat; i++)
            {
                var settings = effect.Descriptor.DefaultSettings().Set(slider, i % 2 == 0 ? low : high);
                var clock = Stopwatch.StartNew();
                effect.Render(input, settings);
                if (i > 0) times.Add(clock.Elapsed.TotalMilliseconds); // the first render fills the checkpoints
            }
            times.Sort();
            report.AppendLine(CultureInfo.InvariantCulture, $"| skin {slider} | {times[times.Count / 2]:0} ms | {times[0]:0} ms |");
            Console.WriteLine($"skin, {slider} moved: median {times[times.Count / 2]:0} ms, min {times[0]:0} ms");
        }
        report.AppendLine().AppendLine(CultureInfo.InvariantCulture, $"Load average after: {Reporting.MachineInfo.LoadAverage(1)}.");
    }

    private static double Best(int runs, Action work)
    {
        double best = double.MaxValue;
        for (int i = 0; i < runs; i++)
        {
            var clock = Stopwatch.StartNew();
            work();
            best = Math.Min(best, clock.Elapsed.TotalMilliseconds);
        }
        return best;
    }
}
