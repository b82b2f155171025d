using System.Globalization;
using System.Text;

namespace RetouchPlugins.Benchmarks.Dewrinkle;

/// <summary>The synthetic-fold report: per method the mean over photos, then every photo's row.</summary>
public static class DewrinkleReport
{
    public static void Write(string path, IReadOnlyList<DewrinkleScore> scores, IReadOnlyList<IDewrinkleMethod> methods,
        (int Width, int Height, double AnalysisSeconds, double BestRenderSeconds)? speed)
    {
        var s = new StringBuilder();
        var inv = CultureInfo.InvariantCulture;
        s.AppendLine("# Garment de-wrinkle: synthetic folds on the demo photos' clothing");
        s.AppendLine();
        s.AppendLine("Targets (issue 17): fold energy removed >= 70 %, fine-band texture ratio 0.9-1.1, pattern edge SSIM >= 0.95, change outside the mask 0.");
        s.AppendLine();
        s.AppendLine("Fold energy removed is measured against the clean photo (the issue's measure: the photo's own creases, which every method also flattens, count against it); painted fold removed runs the method on the clean photo too and counts only the painted folds.");
        s.AppendLine();
        s.AppendLine("| method | fold energy removed (vs clean) | painted fold removed | texture ratio | pattern edge SSIM | max change outside mask (levels) | time per photo |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var m in methods)
        {
            var rows = scores.Where(x => x.Method == m.Name).ToList();
            if (rows.Count == 0) continue;
            s.AppendLine(string.Create(inv, $"| {m.Label} | {rows.Average(r => r.FoldEnergyRemoved):P0} | {rows.Average(r => r.PaintedFoldRemoved):P0} | {rows.Average(r => r.TextureRatio):F3} | {rows.Where(r => !double.IsNaN(r.PatternEdgeSsim)).Select(r => r.PatternEdgeSsim).DefaultIfEmpty(double.NaN).Average():F3} | {rows.Max(r => r.MaxChangeOutside):F1} | {rows.Average(r => r.Seconds):F2} s |"));
        }
        s.AppendLine();
        s.AppendLine("| photo | method | fold energy removed | painted fold removed | texture ratio | pattern edge SSIM | max change outside | time |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var r in scores)
            s.AppendLine(string.Create(inv, $"| {r.Photo} | {r.Method} | {r.FoldEnergyRemoved:P0} | {r.PaintedFoldRemoved:P0} | {r.TextureRatio:F3} | {r.PatternEdgeSsim:F3} | {r.MaxChangeOutside:F1} | {r.Seconds:F2} s |"));
        if (speed is { } t)
        {
            s.AppendLine();
            s.AppendLine(string.Create(inv, $"Speed ({Environment.ProcessorCount} cores): {t.Width}x{t.Height} ({t.Width * (double)t.Height / 1e6:F0} MP, the first photo scaled up), analysis {t.AnalysisSeconds:F1} s, de-wrinkle after analysis (garment mask included) best of 3: {t.BestRenderSeconds:F2} s (target <= 2 s: {(t.BestRenderSeconds <= 2 ? "met" : "not met")})."));
        }
        File.WriteAllText(path, s.ToString());
    }
}
