using System.Globalization;
using System.Text;
using RetouchPlugins.Benchmarks.Methods;
using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Benchmarks.Speed;

namespace RetouchPlugins.Benchmarks.Reporting;

/// <summary>
/// Writes bench/results/REPORT.md from one run's quality and speed results. Every number comes from those
/// results; the only hand-written text is bench/OBSERVATIONS.md (what the contact sheet looks like), quoted as is.
/// </summary>
public static class ReportWriter
{
    /// <summary>Texture retention under this reads as plastic skin.</summary>
    public const double PlasticBelow = 0.7;

    private static readonly double SpotVisibilityLevels = RetouchPlugins.Benchmarks.Quality.SpotVisibility.VisibleLevel * 255;

    /// <summary>Issue 4's targets on 2 cores: retouch of a 4K photo and of a 24 MP photo, analysis and render together.</summary>
    public const double Target4KSeconds = 1.5, Target24MpSeconds = 4.0;

    /// <summary>Issue 13: a 24 MP close-up and a 24 MP group photo, analysis + render.</summary>
    public const double Target13Seconds = 2.0;

    /// <summary>Issue 13: a 1920 px photo's model-loading overhead on runs after the first.</summary>
    public const double TargetStartupSeconds = 0.5;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <param name="sections">Tables of other runs, as markdown whose title becomes a section: the `seeds` run's (seeds.md, the
    /// per-spot figure on seeds no setting was chosen on) and the `oracle` run's (oracle.md, the most a heal can reach).</param>
    public static string Write(QualityResults? quality, SpeedResults? speed, MachineInfo machine, string? observations = null,
        IReadOnlyList<string>? sections = null)
    {
        var s = new StringBuilder();
        s.AppendLine("# Retouch benchmark: quality and speed against peers");
        s.AppendLine();
        s.AppendLine("Written by `bash bench/run.sh` (see bench/README.md); every number below comes from that one run.");
        s.AppendLine();
        s.AppendLine($"- Run: quality started {quality?.Started ?? "-"} ({F(quality?.WallSeconds, 0)} s), speed started {speed?.Started ?? "-"} ({F(speed?.WallSeconds, 0)} s)");
        s.AppendLine($"- Machine: {machine.Cores} cores, {machine.Cpu}, {machine.MemoryGb.ToString("F1", Inv)} GB memory; {machine.Os}; {machine.Runtime}; transparent huge pages: {machine.HugePages}");
        s.AppendLine($"- G'MIC: {machine.Gmic}");
        if (quality != null) s.AppendLine($"- Faces and skin masks: {quality.AnalysisSource}");
        s.AppendLine();
        Headline(s, quality, speed);
        if (quality != null) Quality(s, quality);
        foreach (var section in sections ?? [])
        {
            // The table's own title becomes a section of this report.
            s.AppendLine("#" + section.Trim());
            s.AppendLine();
        }
        if (observations != null)
        {
            s.AppendLine("### What the contact sheet shows (written by hand after looking at it)");
            s.AppendLine();
            s.AppendLine(observations.Trim());
            s.AppendLine();
        }
        if (speed != null) Speed(s, speed);
        Definitions(s);
        return s.ToString();
    }

    private static void Headline(StringBuilder s, QualityResults? quality, SpeedResults? speed)
    {
        s.AppendLine("## Headline");
        s.AppendLine();
        if (quality != null)
        {
            foreach (var method in quality.Methods)
            {
                var rows = quality.Rows.Where(r => r.Method == method).ToList();
                if (rows.Count == 0) continue;
                s.AppendLine($"- {method}: spots and acne removed {P(rows.Average(r => r.SpotRemoved))} (visible cores {P(rows.Average(r => r.SpotCoreRemoved))}), redness removed {P(rows.Where(r => r.RednessRemoved != null).Select(r => r.RednessRemoved!.Value).DefaultIfEmpty().Average())}, texture retention {F(rows.Average(r => r.TextureRetention), 2)}" +
                    $"{(rows.Average(r => r.TextureRetention) < PlasticBelow ? " (plastic)" : "")}, PSNR in skin {F(rows.Average(r => r.PsnrSkin), 2)} dB (mean of {rows.Count} photos)");
            }
            var analysis = quality.Images.Select(i => i.AnalysisSeconds).Order().ToArray();
            if (analysis.Length > 0)
                s.AppendLine($"- Issue 3, analysis of a 1920 px photo on {Environment.ProcessorCount} cores: median {F(analysis[analysis.Length / 2], 2)} s over {analysis.Length} photos " +
                    $"(range {F(analysis[0], 2)}-{F(analysis[^1], 2)} s; the first includes model loading and JIT)");
        }
        if (speed != null)
        {
            s.AppendLine($"- Timing conditions: load average {speed.LoadAverage} (1 / 5 / 15 min) on {Environment.ProcessorCount} cores shared with other work, " +
                "so every time below is inflated and noisy (see the spread under the speed table); ratios against G'MIC come from the same conditions.");
            var ours = speed.Rows.Where(r => r.Method == BenchSetup.OursLabel).ToList();
            if (ours.FirstOrDefault(r => r.Size == SpeedRun.PhotoSize) is { } own)
                s.AppendLine($"- Issue 3, analysis of {speed.Photo} ({own.Width}x{own.Height}) in the speed run, warm: {F(own.AnalysisSeconds, 2)} s (no target set; stated as asked)");
            foreach (var (size, target) in new[] { ("4K (8.3 MP)", Target4KSeconds), ("24 MP", Target24MpSeconds) })
            {
                var row = ours.FirstOrDefault(r => r.Size == size);
                if (row == null) { s.AppendLine($"- Issue 4, {size} retouch: ours not measured in this run"); continue; }
                double total = (row.AnalysisSeconds ?? 0) + row.RenderSeconds;
                s.AppendLine($"- Issue 4, {size} retouch in at most {F(target, 1)} s: {(total <= target ? "**met**" : "**not met**")}, " +
                    $"{F(total, 2)} s = analysis {F(row.AnalysisSeconds, 2)} s + render {F(row.RenderSeconds, 2)} s, peak memory {F(row.PeakMegabytes, 0)} MB");
            }
            foreach (var (size, what) in new[] { (SpeedRun.CloseUpName(24), "a 24 MP close-up"), ("24 MP", "a 24 MP group photo") })
            {
                var row = ours.FirstOrDefault(r => r.Size == size);
                if (row == null) { s.AppendLine($"- Issue 13, {what}: ours not measured in this run"); continue; }
                double total = Total(row);
                var gmic = Gmic(speed, size);
                string ratio = gmic == null ? "G'MIC not run" : $"{F(gmic.ProcessSeconds / total, 1)}x faster than G'MIC ({F(gmic.ProcessSeconds, 2)} s), target 5x: {(gmic.ProcessSeconds / total >= 5 ? "**met**" : "**not met**")}";
                s.AppendLine($"- Issue 13, {what} in at most {F(Target13Seconds, 1)} s: {(total <= Target13Seconds ? "**met**" : "**not met**")}, {F(total, 2)} s " +
                    $"(analysis {F(row.AnalysisSeconds, 2)} + render {F(row.RenderSeconds, 2)}); {ratio}; peak memory {F(row.PeakMegabytes, 0)} MB (target 2048: {(row.PeakMegabytes <= 2048 ? "met" : "not met")})");
            }
            if (speed.Startup is { Count: > 0 } startup && startup.Where(r => r.Cache == "cached").ToList() is { Count: > 0 } cached)
            {
                var best = cached.MinBy(r => r.OverheadSeconds)!;
                var first = startup.FirstOrDefault(r => r.Cache == "first run");
                var off = startup.FirstOrDefault(r => r.Cache == "off");
                s.AppendLine($"- Issue 13, model-loading overhead of a 1920 px photo on runs after the first in at most {F(TargetStartupSeconds, 1)} s: " +
                    $"{(best.OverheadSeconds <= TargetStartupSeconds ? "**met**" : "**not met**")}, {F(best.OverheadSeconds, 2)} s with the optimised-model cache " +
                    $"(best of {cached.Count}: {string.Join(", ", cached.Select(r => F(r.OverheadSeconds, 2)))} s; of it models open {F(best.OpenSeconds, 2)} s); " +
                    $"first run, writing the cache: {F(first?.OverheadSeconds, 2)} s (open {F(first?.OpenSeconds, 2)} s); cache off: {F(off?.OverheadSeconds, 2)} s (open {F(off?.OpenSeconds, 2)} s)");
            }
            foreach (var row in ours)
            {
                var gmic = Gmic(speed, row.Size);
                if (gmic == null) continue;
                double ratio = gmic.ProcessSeconds / Total(row);
                s.AppendLine($"- Speed against G'MIC at {row.Size}: ours {F(Total(row), 2)} s (analysis + render), G'MIC {F(gmic.ProcessSeconds, 2)} s: " +
                    (ratio >= 1 ? $"ours {F(ratio, 1)}x faster" : $"ours {F(1 / ratio, 1)}x slower"));
            }
        }
        s.AppendLine();
    }

    /// <summary>Mean per-spot visibility removed over all spots of all photos (not a mean of photo means: photos differ in spot count).</summary>
    private static string VisibilityCell(QualityResults q, string method)
    {
        var spots = q.SpotOutcomes?.Where(o => o.Method == method).ToList();
        return spots is { Count: > 0 } ? P(spots.Average(o => o.Removed)) : "-";
    }

    private static void Quality(StringBuilder s, QualityResults q)
    {
        s.AppendLine("## Quality: synthetic blemishes on the six demo photos");
        s.AppendLine();
        s.AppendLine($"Seed {q.Seed}. Per photo: " + string.Join("; ", q.Images.Select(i =>
            $"{i.Image} {i.Width}x{i.Height}, {i.Faces} faces, {i.DarkSpots} dark spots, {i.Acne} acne, {i.Patches} redness patches")) + ".");
        s.AppendLine();
        s.AppendLine("### Means over the photos");
        s.AppendLine();
        s.AppendLine($"| method | PSNR skin (dB) | SSIM skin | spots+acne removed | spot cores removed | per-spot visibility removed | spots still visible | redness removed | texture retention | change {q.OutsideRegion}: max / mean (8-bit levels) | seconds per photo |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var method in q.Rows.Select(r => r.Method).Distinct())
        {
            var rows = q.Rows.Where(r => r.Method == method).ToList();
            double texture = rows.Average(r => r.TextureRetention);
            var redness = rows.Where(r => r.RednessRemoved != null).Select(r => r.RednessRemoved!.Value).ToList();
            var outside = rows.Where(r => r.OutsideMax != null).ToList();
            s.AppendLine($"| {method} | {F(rows.Average(r => r.PsnrSkin), 2)} | {F(rows.Average(r => r.SsimSkin), 4)} | {P(rows.Average(r => r.SpotRemoved))} | {P(rows.Average(r => r.SpotCoreRemoved))} | " +
                $"{VisibilityCell(q, method)} | {(rows.All(r => r.Spots != null) ? $"{rows.Sum(r => r.SpotsLeft)} / {rows.Sum(r => r.Spots)}" : "-")} | " +
                $"{(redness.Count > 0 ? P(redness.Average()) : "-")} | {F(texture, 2)}{(texture < PlasticBelow ? " plastic" : "")} | " +
                $"{(outside.Count > 0 ? $"{F(outside.Max(r => r.OutsideMax), 0)} / {F(outside.Average(r => r.OutsideMean), 3)}" : "n/a (no person mask)")} | {F(rows.Average(r => r.Seconds), 2)} |");
        }
        s.AppendLine();
        s.AppendLine("How to read the removal columns: they compare with the clean photo pixel by pixel, so a heal that fills a spot with " +
            "nearby skin texture (not the original pixels), tone evening over the whole face, and texture lost or added all count as " +
            "blemish left. A method that changes nothing scores 0; a blur that smears a spot over its surroundings can score below 0. " +
            "The first row (the blemished input, untouched) is the yardstick for PSNR and SSIM.");
        s.AppendLine();
        if (q.SpotOutcomes is { Count: > 0 } outcomes)
        {
            s.AppendLine("Per-spot visibility removed: for each painted spot and acne mark, its contrast C = mean RGB of the core (radius max(1.5, r/2)) " +
                "minus mean RGB of a ring just outside what it changed (from reach + 1 to reach + 1 + max(2, r); reach 1.6 r for a dark spot, 3.5 r for acne); " +
                "visibility V = |C(image) − C(clean photo)|; removed = 1 − V(result) / V(blemished), clamped to [−1, 1], averaged over all spots. " +
                $"A spot is still visible when V(result) ≥ {SpotVisibilityLevels} levels (8-bit, RGB distance).");
            s.AppendLine();
            s.AppendLine("### Per-spot visibility by zone");
            s.AppendLine();
            var zones = outcomes.Select(o => o.Zone).Distinct().OrderBy(z => z).ToList();
            s.AppendLine("| method | " + string.Join(" | ", zones.Select(z => $"{z.ToString().ToLowerInvariant()}: removed, left")) + " |");
            s.AppendLine("|---|" + string.Concat(zones.Select(_ => "---:|")));
            foreach (var method in outcomes.Select(o => o.Method).Distinct())
                s.AppendLine($"| {method} | " + string.Join(" | ", zones.Select(z =>
                {
                    var of = outcomes.Where(o => o.Method == method && o.Zone == z).ToList();
                    return $"{P(of.Average(o => o.Removed))}, {of.Count(o => o.Verdict != "gone")} / {of.Count}";
                })) + " |");
            s.AppendLine();
        }
        s.AppendLine("### Per photo");
        s.AppendLine();
        s.AppendLine("| photo | method | PSNR | SSIM | spots removed | cores removed | redness removed | texture | outside: max / mean |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in q.Rows)
            s.AppendLine($"| {r.Image} | {r.Method} | {F(r.PsnrSkin, 2)} | {F(r.SsimSkin, 4)} | {P(r.SpotRemoved)} | {P(r.SpotCoreRemoved)} | {(r.RednessRemoved is { } v ? P(v) : "-")} | " +
                $"{F(r.TextureRetention, 2)} | {(r.OutsideMax is { } m ? $"{F(m, 0)} / {F(r.OutsideMean, 3)}" : "n/a")} |");
        s.AppendLine();
        if (q.ContactSheet != null)
        {
            s.AppendLine("### Contact sheet");
            s.AppendLine();
            s.AppendLine($"![contact sheet]({q.ContactSheet})");
            s.AppendLine();
            s.AppendLine("100 % crops, columns: clean, blemished, " + string.Join(", ", q.Methods) + ". Rows: " + string.Join("; ", q.ContactSheetRows) + ".");
            s.AppendLine();
        }
    }

    private static void Speed(StringBuilder s, SpeedResults speed)
    {
        s.AppendLine($"## Speed: {speed.Photo} at its own size, at 4K-class and at 24 MP; one face of it as close-ups of {string.Join(", ", SpeedRun.CloseUpMegapixels.Select(m => $"{m:0}"))} MP");
        s.AppendLine();
        s.AppendLine($"The close-ups are the face at x {SpeedRun.CloseUp.X}, y {SpeedRun.CloseUp.Y}, {SpeedRun.CloseUp.Width}x{SpeedRun.CloseUp.Height} of {speed.Photo}, scaled up with G'MIC's Lanczos; the group sizes are the whole photo scaled up with bicubic.");
        s.AppendLine();
        s.AppendLine("Each method in its own process; peak memory is that process's peak RSS (GNU time %M). " +
            "Ours and the baselines: analysis and render timed inside the process after a warm-up run on the photo (JIT and model loading excluded), best of the repetitions. " +
            "G'MIC: the whole `gmic` process (interpreter start and PPM read/write included), best of the repetitions.");
        s.AppendLine();
        s.AppendLine("| size | pixels | method | analysis (s) | render (s) | total (s) | s per MP | process wall (s) | peak memory (MB) | runs | G'MIC time / this |");
        s.AppendLine("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in speed.Rows)
        {
            double mp = r.Width * (double)r.Height / 1e6;
            var gmic = Gmic(speed, r.Size);
            s.AppendLine($"| {r.Size} | {r.Width}x{r.Height} ({F(mp, 1)} MP) | {r.Method} | {F(r.AnalysisSeconds, 2)} | {F(r.RenderSeconds, 2)} | {F(Total(r), 2)} | " +
                $"{F(Total(r) / mp, 3)} | {F(r.ProcessSeconds, 2)} | {F(r.PeakMegabytes, 0)} | {r.Repetitions} | {(gmic != null ? F(gmic.ProcessSeconds / Total(r), 2) + "x" : "-")} |");
        }
        s.AppendLine();
        s.AppendLine($"Load average (1 / 5 / 15 min) on the {Environment.ProcessorCount}-core machine: {speed.LoadAverage}. " +
            "The analysis is the same work in each of our and the baselines' processes, so its spread shows the timing noise of this run: " +
            string.Join("; ", speed.Rows.Where(r => r.AnalysisSeconds != null).GroupBy(r => r.Size)
                .Select(g => $"{g.Key} {F(g.Min(r => r.AnalysisSeconds), 2)}-{F(g.Max(r => r.AnalysisSeconds), 2)} s")) + ".");
        s.AppendLine();
        foreach (var skip in speed.Skipped) s.AppendLine($"- Skipped: {skip}");
        if (speed.Skipped.Count > 0) s.AppendLine();
        if (speed.Startup is { Count: > 0 } startup) Startup(s, speed.Photo, startup);
    }

    private static void Startup(StringBuilder s, string photo, IReadOnlyList<StartupRow> rows)
    {
        s.AppendLine($"### Model loading: {photo} retouched by a fresh process, with and without the optimised-model cache");
        s.AppendLine();
        s.AppendLine("Each row is its own process (`Plugins.Benchmarks startup`): it opens the three networks (RetinaFace, face mesh, u2netp), then analyses and " +
            "retouches the photo twice. Overhead = opening + (first analysis - second analysis): what a run pays for its models (the networks' first " +
            "inferences and the JIT of the analysis code included; the cache shortens only the opening). The render's own first-run extra (JIT of the " +
            "effect code, no model) is shown apart. " +
            "Cache: off (`RETOUCH_ORT_CACHE=off`), first run (an empty cache folder, which it writes), cached (later runs on that folder). " +
            "Process wall includes .NET start and reading the JPEG.");
        s.AppendLine();
        s.AppendLine("| cache | models open (s) | first analysis (s) | second analysis (s) | overhead (s) | render first-run extra (s) | process wall (s) | peak memory (MB) | cache files before / after |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in rows)
            s.AppendLine($"| {r.Cache} | {F(r.OpenSeconds, 2)} | {F(r.FirstAnalysisSeconds, 2)} | {F(r.SecondAnalysisSeconds, 2)} | {F(r.OverheadSeconds, 2)} | {F(r.RenderWarmUpSeconds, 2)} | {F(r.ProcessSeconds, 2)} | {F(r.PeakMegabytes, 0)} | {r.CachedBefore} / {r.CachedAfter} |");
        s.AppendLine();
    }

    private static void Definitions(StringBuilder s)
    {
        s.AppendLine("## What the numbers mean");
        s.AppendLine();
        s.AppendLine("- The clean photo is the reference. The blemished photo is 8-bit; every result is rounded to 8 bits before scoring.");
        s.AppendLine("- PSNR (peak 1, RGB) and SSIM (luma, Gaussian window sigma 1.5) over face skin (face-skin mask >= 0.5), blemishes included.");
        s.AppendLine("- Spots+acne removed = 1 - sum|result - clean| / sum|blemished - clean| over the pixels the spots and acne changed by more than one 8-bit level (their whole footprint, acne halos included); spot cores: the same over the pixels they changed by more than 8 levels (the visible part); redness removed, the same over the redness patches. 1 = fully removed, 0 = untouched, negative = worse than the input. Every difference from the clean photo counts, so texture lost or tone shifted inside the mask lowers the score as much as blemish left behind.");
        s.AppendLine($"- Texture retention = band-pass energy (sum of squares of a difference of Gaussians, sigma {F(QualityMetrics.PoreSigmaFine, 1)} and {F(QualityMetrics.PoreSigmaCoarse, 1)} px, of the luma) of the result / of the clean photo, on face skin at least 3 px away from any spot. 1.0 ideal; under {F(PlasticBelow, 1)} reads as plastic; above 1 means added grain.");
        s.AppendLine("- Outside: largest and mean absolute change from the method's input where the person mask is below 0.5 (or, when the analysis has no person mask, where the skin mask is exactly 0), in 8-bit levels (0 is right).");
        s.AppendLine("- G'MIC: `gmic IN fx_smooth_skin " + GmicSmoothSkin.Parameters + " o OUT`. Baselines use the same face-skin mask as ours, sizes from the median face: Gaussian sigma 2.5 % of the face; guided filter radius 3 %, eps 0.01.");
    }

    private static SpeedRow? Gmic(SpeedResults speed, string size) => speed.Rows.FirstOrDefault(r => r.Size == size && r.Method.StartsWith("G'MIC", StringComparison.Ordinal));
    private static double Total(SpeedRow r) => r.AnalysisSeconds is { } a ? a + r.RenderSeconds : r.ProcessSeconds;
    private static string F(double? v, int digits) => v is { } x ? x.ToString("F" + digits, Inv) : "-";
    private static string P(double v) => (v * 100).ToString("F1", Inv) + " %";
}
