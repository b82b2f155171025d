using System.Globalization;
using System.Text;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>
/// `seeds [--seeds 5,3,7,11,13,17,19,23] [--set name=value,...] [--out DIR]`: the per-spot visibility removed by the skin pipeline (defaults) on the same
/// six photos painted with several seeds. The quality run and every setting chosen with `spots` use seed 5 alone, so a
/// setting can fit that seed's 179 spots and no others; the other seeds' spots are the held-out check. Each photo is
/// analysed once (the analysis reads only the clean photo) and painted, rendered and measured once per seed. Writes
/// seeds.md, which `report` takes into REPORT.md.
/// </summary>
public static class SeedSpread
{
    public const string DefaultSeeds = "5,3,7,11,13,17,19,23";

    /// <summary>The table's file in the results directory, which `report` takes into REPORT.md.</summary>
    public const string Report = "seeds.md";

    /// <summary>100 % crops of seed 5's spots that the pipeline left unhealed: clean, painted, the pipeline's result, and with the click.</summary>
    public const string ClickSheet = "clicks-contact-sheet.png";

    public static int Run(CommandLine args)
    {
        string dir = args.ResultsDirectory();
        var seeds = SeededSets.Seeds(args);
        var pipeline = EffectCatalog.Get("skin").Create();
        var settings = args.WithSet(pipeline.Descriptor.DefaultSettings());
        var perSeed = seeds.ToDictionary(s => s, _ => new SeedTotals());
        var clicked = seeds.ToDictionary(s => s, _ => new SeedTotals());
        var started = DateTime.UtcNow;
        ByCleanStructure heldOut = new(), heldOutClicked = new();
        var sheet = new Reporting.ContactSheet(["clean", "blemished", "pipeline", "pipeline + click"]);
        foreach (var (name, seed, set, analysis) in SeededSets.Paint(args, seeds))
        {
            var result = PlaneMath.Quantize8(pipeline.Render(new EffectInput(set.Blemished, analysis), settings).Image);
            var outcomes = perSeed[seed].Tally(SpotVisibility.Measure(name, "pipeline", set, result, analysis.FaceSkinMask), set, result, analysis);

            // The retoucher's second look: a click on each spot still visible, the run done again with those points.
            var clicks = RetoucherClicks.OnVisible(outcomes, seed, result.Width, result.Height);
            var second = clicks.Length == 0 ? result : PlaneMath.Quantize8(pipeline.Render(new EffectInput(set.Blemished, analysis),
                settings.For(settings.Parameters).SetText(BlemishRemovalEffect.Spots.Name, clicks)).Image);
            var afterClicks = clicked[seed].Tally(SpotVisibility.Measure(name, "pipeline + clicks", set, second, analysis.FaceSkinMask), set, second, analysis);
            if (seed != QualityRun.DefaultSeed)
            {
                foreach (var o in outcomes) heldOut.Add(o);
                foreach (var o in afterClicks) heldOutClicked.Add(o);
            }
            // The spots the first run did not heal at all, as a retoucher sees them before and after the click (seed 5).
            if (seed == QualityRun.DefaultSeed)
                for (int k = 0; k < outcomes.Count; k++)
                    if (outcomes[k].StillVisible && outcomes[k].Verdict == SpotVisibility.NotHealed)
                        sheet.AddRow([.. new[] { set.Clean, set.Blemished, result, second }.Select(i => SpotDiagnosis.Zoom(i, outcomes[k].X, outcomes[k].Y))]);
        }

        var report = new StringBuilder();
        report.AppendLine("# Per-spot visibility removed by seed (skin pipeline, defaults)");
        report.AppendLine();
        report.AppendLine($"Six photos, painted with each seed (`seeds --seeds {string.Join(',', seeds)}`). Seed {QualityRun.DefaultSeed} is the quality run's, on which the blemish settings were chosen; the others are held out. Measured as in REPORT.md's per-spot column (dark spots and acne also apart). Run started {started:yyyy-MM-dd HH:mm} UTC.");
        report.AppendLine();
        Table(report, perSeed, clicks: null);
        if (sheet.Rows > 0) sheet.Save(Path.Combine(dir, ClickSheet));
        report.AppendLine();
        report.AppendLine($"With the retoucher's clicks: the same run again with the blemish effect's `spots` set to one point on each spot that the first run left visible (>= 4 levels), {RetoucherClicks.Describe}; what a retoucher reaches after one look at 100 %. {ClickSheet}: seed 5's spots the first run did not heal, before and after the click.");
        report.AppendLine();
        Table(report, clicked, clicks: perSeed);
        ByCleanStructure.Section(report, "By the clean photo's own contrast where each spot was painted (core against ring, as the spot is measured; 8-bit levels), held-out seeds together: on plain skin a spot can be removed whole, on a crease, a highlight or a pore's edge the spot hid structure that no heal reading the skin around it gives back (`oracle.md` has the same split for the oracle).",
            ("pipeline", heldOut), ("pipeline + clicks", heldOutClicked));
        string path = Path.Combine(dir, Report);
        File.WriteAllText(path + ".tmp", report.ToString());
        File.Move(path + ".tmp", path, overwrite: true);
        Console.Write(report);
        return 0;
    }

    /// <summary>
    /// One row per seed and one for the held-out seeds together; with <paramref name="clicks"/> (the first run's totals), a
    /// column of the clicks given (the spots that run left visible).
    /// </summary>
    private static void Table(StringBuilder report, Dictionary<int, SeedTotals> perSeed, Dictionary<int, SeedTotals>? clicks)
    {
        string clickColumn = clicks is null ? "" : " clicks |";
        report.AppendLine($"| seed | spots |{clickColumn} per-spot visibility removed | dark spots | acne | still visible (>= 4 levels) | skin PSNR input / pipeline (dB) |");
        report.AppendLine($"|---|---|{(clicks is null ? "" : "---|")}---|---|---|---|---|");
        foreach (var (seed, t) in perSeed)
            report.AppendLine(Row(seed.ToString(CultureInfo.InvariantCulture) + (seed == QualityRun.DefaultSeed ? " (quality run)" : ""), t, clicks?[seed].Visible));
        var heldOut = perSeed.Keys.Where(k => k != QualityRun.DefaultSeed).ToList();
        if (heldOut.Count > 0)
            report.AppendLine(Row("held-out seeds together", SeedTotals.Sum(heldOut.Select(k => perSeed[k]).ToList()), clicks is null ? null : heldOut.Sum(k => clicks[k].Visible)));
    }

    private static string Row(string label, SeedTotals t, int? clicks = null) => string.Create(CultureInfo.InvariantCulture,
        $"| {label} | {t.Count} | {(clicks is { } c ? $"{c} | " : "")}{t.MeanRemoved:P1} | {t.Dark.Mean:P1} | {t.Acne.Mean:P1} | {t.Visible} | {t.PsnrInput:F2} / {t.PsnrPipeline:F2} |");

    /// <summary>One seed's spots, summed over the photos.</summary>
    private sealed class SeedTotals
    {
        public int Count, Visible;
        public double Removed, PsnrInput, PsnrPipeline;
        public KindTotals Dark = new(), Acne = new();
        public double MeanRemoved => Count == 0 ? 0 : Removed / Count;

        /// <summary>Adds one photo's spots and skin PSNR (input and <paramref name="result"/>); returns the spots.</summary>
        public IReadOnlyList<SpotOutcome> Tally(IReadOnlyList<SpotOutcome> outcomes, BlemishSet set, PlanarImage result, PortraitAnalysis analysis)
        {
            foreach (var o in outcomes) Add(o);
            PsnrInput += QualityMetrics.Psnr(set.Clean, set.Blemished, analysis.FaceSkinMask) / BenchSetup.PhotoCount;
            PsnrPipeline += QualityMetrics.Psnr(set.Clean, result, analysis.FaceSkinMask) / BenchSetup.PhotoCount;
            return outcomes;
        }

        public void Add(SpotOutcome o)
        {
            Count++;
            Removed += o.Removed;
            if (o.StillVisible) Visible++;
            var kind = o.Kind == BlemishKind.Acne ? Acne : Dark;
            kind.Count++;
            kind.Removed += o.Removed;
        }

        /// <summary>Several seeds as one set of spots; PSNR as the mean of the seeds'.</summary>
        public static SeedTotals Sum(IReadOnlyList<SeedTotals> seeds) => new()
        {
            Count = seeds.Sum(s => s.Count), Visible = seeds.Sum(s => s.Visible), Removed = seeds.Sum(s => s.Removed),
            PsnrInput = seeds.Average(s => s.PsnrInput), PsnrPipeline = seeds.Average(s => s.PsnrPipeline),
            Dark = new() { Count = seeds.Sum(s => s.Dark.Count), Removed = seeds.Sum(s => s.Dark.Removed) },
            Acne = new() { Count = seeds.Sum(s => s.Acne.Count), Removed = seeds.Sum(s => s.Acne.Removed) },
        };
    }

    /// <summary>One kind of spot (dark spots, acne) of a seed.</summary>
    private sealed class KindTotals
    {
        public int Count;
        public double Removed;
        public double Mean => Count == 0 ? 0 : Removed / Count;
    }
}
