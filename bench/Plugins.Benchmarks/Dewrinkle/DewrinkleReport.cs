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
        s.AppendLine("Targets (issue 17): fold removed >= 70 % (here: fold shape removed), fine-band texture ratio 0.9-1.1, pattern edge SSIM >= 0.95, change outside the mask 0.");
        s.AppendLine();
        s.AppendLine("Folds are painted so that each is visible on its cloth (valley 10-28 sRGB levels darker than the clean cloth there: a luminance ratio of 0.3-0.9). All fold measures use only the painted folds' support (painted shade |ln k| >= 0.02) and the fold band d = G(ln(Y + 0.01) of an image minus that of the clean photo), G a Gaussian at 0.25 % of the person's height (drops weave and 8-bit noise); d_in for the folded photo, d_out for the result, s = G(painted shade).");
        s.AppendLine();
        s.AppendLine("- **fold shape removed** = 1 - sum d_out s / sum d_in s: how much of the painted fold's own profile is gone (a projection; what a method does to the photo's own creases under the fold does not follow the painted profile, so it neither helps nor hurts on average). The target's measure.");
        s.AppendLine("- **fold energy removed (vs clean)** = 1 - sum d_out^2 / sum d_in^2: every change under the fold counts, so flattening the photo's own creases there counts against a method.");
        s.AppendLine("- **painted fold removed (vs itself on clean)**: the energy measure with d_out taken against the same method's result on the clean photo (a method that flattens everything scores high here; the texture and pattern columns and the contact sheet catch that).");
        s.AppendLine();
        s.AppendLine("| method | fold shape removed | fold energy removed (vs clean) | painted fold removed (vs itself on clean) | texture ratio | pattern edge SSIM | max change outside mask (levels) | time per photo |");
        s.AppendLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, label) in methods.Select(m => (m.Name, m.Label)).Prepend((DewrinkleRun.Unchanged, "the folded input, unchanged (what doing nothing scores)")))
        {
            var rows = scores.Where(x => x.Method == name).ToList();
            if (rows.Count == 0) continue;
            s.AppendLine(string.Create(inv, $"| {label} | {rows.Average(r => r.FoldShapeRemoved):P0} | {rows.Average(r => r.FoldEnergyRemoved):P0} | {rows.Average(r => r.PaintedFoldRemoved):P0} | {rows.Average(r => r.TextureRatio):F3} | {rows.Where(r => !double.IsNaN(r.PatternEdgeSsim)).Select(r => r.PatternEdgeSsim).DefaultIfEmpty(double.NaN).Average():F3} | {rows.Max(r => r.MaxChangeOutside):F1} | {rows.Average(r => r.Seconds):F2} s |"));
        }
        s.AppendLine();
        s.AppendLine("Per photo, the fold shape removed is also split by where the painted folds lie alone (single) and where two or more overlap (a blob; the share of the painted shape there in brackets).");
        s.AppendLine();
        s.AppendLine("| photo | method | fold shape removed | single folds | overlaps (share) | fold energy removed (vs clean) | painted fold removed (vs itself on clean) | texture ratio | pattern edge SSIM | max change outside | time |");
        s.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var r in scores)
            s.AppendLine(string.Create(inv, $"| {r.Photo} | {r.Method} | {r.FoldShapeRemoved:P0} | {r.SingleFoldShapeRemoved:P0} | {r.OverlapShapeRemoved:P0} ({r.OverlapShare:P0}) | {r.FoldEnergyRemoved:P0} | {r.PaintedFoldRemoved:P0} | {r.TextureRatio:F3} | {r.PatternEdgeSsim:F3} | {r.MaxChangeOutside:F1} | {r.Seconds:F2} s |"));
        if (speed is { } t)
        {
            s.AppendLine();
            s.AppendLine(string.Create(inv, $"Speed ({Environment.ProcessorCount} cores): {t.Width}x{t.Height} ({t.Width * (double)t.Height / 1e6:F0} MP, the first photo scaled up), analysis {t.AnalysisSeconds:F1} s, de-wrinkle after analysis (garment mask included) best of 3: {t.BestRenderSeconds:F2} s (target <= 2 s: {(t.BestRenderSeconds <= 2 ? "met" : "not met")}); load average at the end: {Reporting.MachineInfo.LoadAverage()}."));
        }
        File.WriteAllText(path, s.ToString());
    }
}
