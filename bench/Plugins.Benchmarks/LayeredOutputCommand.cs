using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Benchmarks.Reporting;
using RetouchPlugins.Benchmarks.Speed;

namespace RetouchPlugins.Benchmarks;

/// <summary>
/// `layers --retouch PATH [--label NAME] [--megapixels 24] [--repeat 2] [--out DIR]`: what a retoucher's layered result
/// costs. The close-up of issue 13 at the given size, as an 8-bit JPEG and as a 16-bit TIFF (a raw developer's
/// export), through `retouch skin IN -o OUT` to a flat JPEG (the baseline) and to each layered format, each its own
/// process under /usr/bin/time: wall time, the save stage `retouch` reports, peak memory and the file's size, best of
/// the repeats. Writes layers-NAME.json and layers.md with every label measured so far, so a build before a change
/// and one after are compared side by side on the same machine.
/// </summary>
public static partial class LayeredOutputCommand
{
    public sealed record Row(string Input, string Output, double WallSeconds, double SaveSeconds, double PeakMegabytes, double FileMegabytes);

    private static readonly (string Input, string Output, string[] Extra)[] Cases =
    [
        ("jpg", "jpg", []), ("jpg", "psd", []), ("jpg", "psb", []), ("jpg", "ora", []), ("jpg", "tif", ["--layers"]),
        ("tif16", "tif", []), ("tif16", "psd", []), ("tif16", "psb", []), ("tif16", "tif", ["--layers"]),
    ];

    public static int Run(CommandLine args)
    {
        string dir = args.ResultsDirectory();
        string retouch = args.Option("retouch") ?? throw new ArgumentException("--retouch PATH (the retouch executable to measure) is needed");
        if (!File.Exists(retouch)) throw new FileNotFoundException($"{retouch}: no such executable", retouch);
        string label = args.Option("label", "current");
        double megapixels = double.Parse(args.Option("megapixels", "24"), CultureInfo.InvariantCulture);
        int repeat = int.Parse(args.Option("repeat", "2"), CultureInfo.InvariantCulture);
        string work = Path.Combine(Path.GetTempPath(), $"bench-layers-{Guid.NewGuid():N}");
        Directory.CreateDirectory(work);
        try
        {
            var jpg = SpeedRun.WriteCloseUp(BenchSetup.Photos()[0], work, megapixels, "jpg").Path;
            var tif16 = Path.Combine(work, "closeup16.tif");
            GmicProcess.RunOrThrow(["-v", "-1", jpg, "*", "257", "o", tif16 + ",ushort"], TimeSpan.FromMinutes(3));
            var rows = new List<Row>();
            foreach (var (input, output, extra) in Cases)
            {
                string inPath = input == "jpg" ? jpg : tif16, outPath = Path.Combine(work, $"out.{output}");
                ChildMeasurement? best = null;
                double save = double.MaxValue;
                for (int r = 0; r < repeat; r++)
                {
                    File.Delete(outPath);
                    var m = ChildProcess.Measure(["env", "RETOUCH_WORKER=off", retouch, "skin", inPath, "-o", outPath, .. extra], TimeSpan.FromMinutes(10));
                    if (best is null || m.WallSeconds < best.WallSeconds) best = m;
                    save = Math.Min(save, SaveStage(m.Output));
                }
                var row = new Row(input == "jpg" ? "8-bit JPEG" : "16-bit TIFF", $".{output}{(extra.Length > 0 ? " " + string.Join(' ', extra) : "")}",
                    best!.WallSeconds, save, best.PeakMegabytes, new FileInfo(outPath).Length / 1e6);
                rows.Add(row);
                Console.WriteLine($"layers {label}: {row.Input} -> {row.Output}: {row.WallSeconds:0.00} s (save {row.SaveSeconds:0.00} s), peak {row.PeakMegabytes:0} MB, {row.FileMegabytes:0.0} MB");
            }
            LabelledRuns.Save(dir, "layers", label, rows);
            File.WriteAllText(Path.Combine(dir, "layers.md"), Report(dir, megapixels));
        }
        finally { Directory.Delete(work, recursive: true); }
        return 0;
    }

    /// <summary>The "save N s" of `retouch`'s stage line.</summary>
    private static double SaveStage(string stdout) =>
        SaveLine().Match(stdout) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;

    [GeneratedRegex(@"save (\d+(?:\.\d+)?) s")]
    private static partial Regex SaveLine();

    private static string Report(string dir, double megapixels)
    {
        var text = new StringBuilder();
        text.AppendLine("# Layered results: time, memory and size");
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"Written by `Plugins.Benchmarks layers` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC (bench/README.md): the close-up of issue 13 at");
        text.AppendLine(CultureInfo.InvariantCulture, $"{megapixels:0} MP as a JPEG and as a 16-bit TIFF, `retouch skin IN -o OUT` per format, best of the repeats, {Environment.ProcessorCount} cores.");
        text.AppendLine("The flat JPEG is the baseline; every label measured so far is listed, so builds compare side by side.");
        text.AppendLine();
        text.AppendLine("| build | input | output | wall | save stage | peak | file |");
        text.AppendLine("|---|---|---|---:|---:|---:|---:|");
        foreach (var (label, rows) in LabelledRuns.All<Row>(dir, "layers"))
            foreach (var r in rows)
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"| {label} | {r.Input} | `{r.Output}` | {r.WallSeconds:0.00} s | {r.SaveSeconds:0.00} s | {r.PeakMegabytes / 1024:0.00} GB | {r.FileMegabytes:0} MB |");
        return text.ToString();
    }
}
