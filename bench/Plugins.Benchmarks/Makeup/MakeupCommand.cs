using System.Diagnostics;
using System.Globalization;
using System.Text;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Benchmarks.Reporting;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Makeup;

/// <summary>
/// `Plugins.Benchmarks makeup [--out DIR]`: the makeup transfer on five target faces (sample6's four, sample3's
/// middle one) with three references, against the per-region histogram-matching baseline; removal; synthetic
/// lipstick removal; time per face at 1 and 4 MP. Writes makeup.md and makeup-contact-sheet.png.
/// </summary>
public static class MakeupCommand
{
    private static readonly MakeupSettings Full = new() { Foundation = 1, Lips = 1, EyeShadow = 1, Blush = 1, Shading = 1 };
    private static readonly MakeupZone[] Measured = [MakeupZone.Foundation, MakeupZone.Lips, MakeupZone.EyeShadow, MakeupZone.Blush];
    /// <summary>Targets: photo and a point inside the face.</summary>
    private static readonly (int Sample, float X, float Y)[] Targets = [(6, 330, 560), (6, 740, 420), (6, 1230, 400), (6, 1550, 350), (3, 1150, 300)];
    private const int Tile = 200;

    public static int Run(CommandLine args)
    {
        string results = args.ResultsDirectory();
        var total = Stopwatch.StartNew();
        using var analyzer = PortraitAnalyzer.Open();
        var options = new AnalyzerOptions { PersonMask = false, BodySkin = false };
        PortraitAnalysis Analyze(PlanarImage image) => analyzer.Analyze(image, options);
        string Photo(int i) => Path.Combine(AppContext.BaseDirectory, "testdata", $"sample{i}.jpg");
        var photos = new Dictionary<int, (PlanarImage Image, PortraitAnalysis Analysis)>();
        (PlanarImage Image, PortraitAnalysis Analysis) Sample(int i)
        {
            if (!photos.TryGetValue(i, out var p)) photos[i] = p = (BenchImages.Load(Photo(i)), Analyze(BenchImages.Load(Photo(i))));
            return p;
        }
        var references = MakeupReferences.Faces.Keys.ToDictionary(n => n, n =>
        {
            var s = Sample(MakeupReferences.Faces[n].Sample);
            return MakeupReferences.Make(n, s.Image, s.Analysis, Analyze, Directory.CreateTempSubdirectory("retouch-makeup-").FullName);
        });

        var report = new StringBuilder();
        report.AppendLine("# Makeup transfer benchmark").AppendLine();
        report.AppendLine($"Written by `Plugins.Benchmarks makeup` on {DateTime.UtcNow:yyyy-MM-dd} ({Environment.ProcessorCount} cores). Every number below comes from this run.").AppendLine();
        report.AppendLine("Targets: five faces (sample6's four, sample3's middle one). References (single-face crops of demo faces):");
        foreach (var (name, f) in MakeupReferences.Faces) report.AppendLine($"- **{name}**: sample{f.Sample}, {f.Makeup}");
        report.AppendLine().AppendLine("All sliders at 1 (foundation, lips, eye shadow, blush, shading). Share = the part of the ΔE2000 distance between the target zone's mean colour and the reference zone's mean that the method closed (1 = reached it; negative = moved away). Lips, lids and cheeks are measured against the reference colour re-exposed to the target (its L moved by the two faces' skin-L difference), foundation against the reference skin as it is; \"colour\" is the same share at equal L. SSIM: CIELAB lightness over the face patch, result against input (identity and structure kept).").AppendLine();

        // Transfer: ours and the baseline, per reference, over the targets.
        var rendered = new Dictionary<(string Method, string Reference, int Sample), PlanarImage>();
        var times = new List<double>();
        foreach (var (name, reference) in references)
            foreach (int sample in Targets.Select(t => t.Sample).Distinct())
            {
                var (image, analysis) = Sample(sample);
                var sw = Stopwatch.StartNew();
                rendered[("ours", name, sample)] = new MakeupRenderer().Render(image, analysis, reference, Full).Image;
                times.Add(sw.Elapsed.TotalSeconds / analysis.Faces.Count(f => f.Mesh is not null));
                rendered[("baseline", name, sample)] = HistogramMatchBaseline.Render(image, analysis, reference);
            }

        report.AppendLine("## Per-zone ΔE2000 share (mean over the five targets)").AppendLine();
        report.AppendLine("| reference | method | foundation | foundation colour | lips | eye shadow | blush | lightness SSIM |");
        report.AppendLine("|---|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (name, reference) in references)
        {
            var refFace = reference.Analysis.Faces.Where(f => f.Mesh is not null).OrderByDescending(f => f.Box.Size).First();
            var (refArea, refZones) = MakeupMetrics.Zones(reference.Image, refFace);
            var refSkin = MakeupMetrics.MeanLab(reference.Image, refArea, refZones.Skin);
            foreach (var method in new[] { "ours", "baseline" })
            {
                var shares = Measured.ToDictionary(z => z, _ => new List<double>());
                var colour = new List<double>(); var ssim = new List<double>();
                foreach (var (sample, x, y) in Targets)
                {
                    var (image, analysis) = Sample(sample);
                    var result = rendered[(method, name, sample)];
                    var face = MakeupReferences.FaceAt(analysis, x, y);
                    var (area, zones) = MakeupMetrics.Zones(image, face);
                    var skin = MakeupMetrics.MeanLab(image, area, zones.Skin);
                    foreach (var zone in Measured)
                    {
                        var weights = MakeupMetrics.ZoneWeights(zones, zone);
                        var target = MakeupMetrics.ZoneTarget(zone, MakeupMetrics.MeanLab(reference.Image, refArea, MakeupMetrics.ZoneWeights(refZones, zone)), refSkin, skin);
                        var before = MakeupMetrics.MeanLab(image, area, weights); var after = MakeupMetrics.MeanLab(result, area, weights);
                        shares[zone].Add(MakeupMetrics.ShareClosed(before, after, target));
                        if (zone == MakeupZone.Foundation) colour.Add(MakeupMetrics.ShareClosed(before, after with { L = before.L }, target with { L = before.L }));
                    }
                    ssim.Add(MakeupMetrics.LightnessSsim(image, result, area.X, area.Y, area.Width, area.Height));
                }
                report.AppendLine(Inv($"| {name} | {method} | {shares[MakeupZone.Foundation].Average():0.00} | {colour.Average():0.00} | {shares[MakeupZone.Lips].Average():0.00} | {shares[MakeupZone.EyeShadow].Average():0.00} | {shares[MakeupZone.Blush].Average():0.00} | {ssim.Average():0.000} |"));
            }
        }

        // Removal: the photos as they are, and synthetic lipstick painted on and taken off.
        var removed = Targets.Select(t => t.Sample).Distinct().ToDictionary(s => s, s => new MakeupRenderer().Render(Sample(s).Image, Sample(s).Analysis, null, new MakeupSettings { Remove = true }).Image);
        report.AppendLine().AppendLine("## Removal of synthetic lipstick").AppendLine();
        report.AppendLine("A plum lipstick, CIELAB (35, 45, −12), painted at 90 % over each target's lips (their shading kept), then `--remove` with lips only. ΔE2000 of the lips' mean colour from the original lips:").AppendLine();
        report.AppendLine("| target | painted | after removal |").AppendLine("|---|---:|---:|");
        var errors = new List<double>();
        foreach (int sample in Targets.Select(t => t.Sample).Distinct())
        {
            var (image, analysis) = Sample(sample);
            var painted = image.Clone();
            foreach (var face in analysis.Faces.Where(f => f.Mesh is not null)) SyntheticLipstick.Paint(painted, face);
            var back = new MakeupRenderer().Render(painted, analysis, null, new MakeupSettings { Remove = true, EyeShadow = 0, Blush = 0 }).Image;
            foreach (var (s, x, y) in Targets.Where(t => t.Sample == sample))
            {
                var face = MakeupReferences.FaceAt(analysis, x, y);
                var (area, zones) = MakeupMetrics.Zones(image, face);
                var original = MakeupMetrics.MeanLab(image, area, zones.Lips);
                double before = DeltaE2000.Between(MakeupMetrics.MeanLab(painted, area, zones.Lips), original);
                double after = DeltaE2000.Between(MakeupMetrics.MeanLab(back, area, zones.Lips), original);
                errors.Add(after);
                report.AppendLine(Inv($"| sample{s} face at x {face.Box.X:0} | {before:0.0} | {after:0.0} |"));
            }
        }
        report.AppendLine(Inv($"| mean | | {errors.Average():0.0} |"));

        // Time per face at 1 and 4 MP: one face, scaled.
        report.AppendLine().AppendLine("## Time per face").AppendLine();
        report.AppendLine("One face (sample6, first) cropped square and resampled to 1 and 4 MP, analysed once; render only (analysis apart), best of three.").AppendLine();
        report.AppendLine("| size | transfer (red-lips) | removal |").AppendLine("|---|---:|---:|");
        var (s6, a6) = Sample(6);
        var box = MakeupReferences.FaceAt(a6, Targets[0].X, Targets[0].Y).Box;
        foreach (int side in new[] { 1000, 2000 })
        {
            var portrait = MakeupMetrics.FaceTile(s6, box, side, scale: 2.2f);
            var analysis = Analyze(portrait);
            double Best(Func<MakeupResult> run) => Enumerable.Range(0, 3).Select(_ => { var sw = Stopwatch.StartNew(); run(); return sw.Elapsed.TotalSeconds; }).Min();
            double transfer = Best(() => new MakeupRenderer().Render(portrait, analysis, references["red-lips"], Full));
            double removal = Best(() => new MakeupRenderer().Render(portrait, analysis, null, new MakeupSettings { Remove = true }));
            report.AppendLine(Inv($"| {side}x{side} ({side * side / 1e6:0} MP) | {transfer:0.00} s | {removal:0.00} s |"));
        }
        report.AppendLine().AppendLine(Inv($"Transfer on the group photos: {times.Average():0.00} s per face on average (1920 px photos, 3-4 faces)."));

        // Contact sheet: a header row of the references, then each target: original, ours x3, baseline x3, removed.
        string[] columns = ["original", .. references.Keys.Select(n => $"ours: {n}"), .. references.Keys.Select(n => $"baseline: {n}"), "removed"];
        var sheet = new ContactSheet(columns);
        var blank = new PlanarImage(Tile, Tile, 3);
        Array.Fill(blank.Data, 0.12f);
        var refTiles = references.Values.Select(r => MakeupMetrics.FaceTile(r.Image, r.Analysis.Faces.Where(f => f.Mesh is not null).OrderByDescending(f => f.Box.Size).First().Box, Tile)).ToArray();
        sheet.AddRow([blank, .. refTiles, .. refTiles, blank]);
        foreach (var (sample, x, y) in Targets)
        {
            var (image, analysis) = Sample(sample);
            var b = MakeupReferences.FaceAt(analysis, x, y).Box;
            sheet.AddRow([MakeupMetrics.FaceTile(image, b, Tile),
                .. references.Keys.Select(n => MakeupMetrics.FaceTile(rendered[("ours", n, sample)], b, Tile)),
                .. references.Keys.Select(n => MakeupMetrics.FaceTile(rendered[("baseline", n, sample)], b, Tile)),
                MakeupMetrics.FaceTile(removed[sample], b, Tile)]);
        }
        sheet.Save(Path.Combine(results, "makeup-contact-sheet.png"));
        report.AppendLine().AppendLine("Contact sheet: `makeup-contact-sheet.png` (first row: the references; then each target: original, ours with each reference, the baseline with each reference, removal).");
        File.WriteAllText(Path.Combine(results, "makeup.md"), report.ToString());
        Console.WriteLine($"makeup benchmark done in {total.Elapsed.TotalSeconds:0} s: {Path.Combine(results, "makeup.md")}");
        return 0;
    }

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
