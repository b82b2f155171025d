using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Benchmarks.Reporting;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.StyleBlit;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Stylize;

/// <summary>
/// `Plugins.Benchmarks stylize [--out DIR]`: exemplar stylize speed per face at about 0.25, 1 and 4 MP of head
/// region beside a brute-force patch search on the same guides (the ratio), and a contact sheet of 3 styles ×
/// 4 faces. Writes stylize.md and stylize-contact-sheet.png. Analysis is timed apart (the effect renders after it).
/// </summary>
internal static class StylizeCommand
{
    private static readonly string[] SheetStyles = ["painting", "pencil", "cartoon"];

    /// <summary>Faces of the contact sheet: (photo, face index in our analysis, ordered left to right).</summary>
    private static readonly (int Sample, int Face)[] SheetFaces = [(1, 0), (4, 0), (5, 3), (2, 2)];

    private const int Tile = 320;

    public static int Run(CommandLine args)
    {
        string results = args.ResultsDirectory();
        string root = RepoRoot();
        var report = new StringBuilder();
        report.AppendLine("# Exemplar stylize: speed and contact sheet").AppendLine();
        report.AppendLine($"Machine: {BenchReport.MachineLine()}.").AppendLine();
        report.AppendLine("Written by `bench/Plugins.Benchmarks stylize` (`bash bench/run-stylize.sh`); observations: bench/OBSERVATIONS.md.").AppendLine();
        report.AppendLine($"Load average (1 / 5 / 15 min, {Environment.ProcessorCount} cores) at the start: {Reporting.MachineInfo.LoadAverage()}; at the end: LOAD_AT_END.").AppendLine();

        using var analyzer = PortraitAnalyzer.Open();
        var facesOnly = new AnalyzerOptions { PersonMask = false, BodySkin = false };
        var photos = new Dictionary<int, (PlanarImage Image, PortraitAnalysis Analysis, double Seconds)>();
        (PlanarImage, PortraitAnalysis, double) Photo(int sample)
        {
            if (!photos.TryGetValue(sample, out var entry))
            {
                var image = BenchImages.Load(Path.Combine(AppContext.BaseDirectory, "testdata", $"sample{sample}.jpg"));
                var clock = Stopwatch.StartNew();
                var analysis = analyzer.Analyze(image, facesOnly);
                photos[sample] = entry = (image, SortedLeftToRight(analysis), clock.Elapsed.TotalSeconds);
            }
            return entry;
        }
        var styles = SheetStyles.ToDictionary(s => s, s => LoadStyle(root, s, analyzer, facesOnly));

        Photo(1); // warm-up of the analyzer (JIT, sessions) before the analysis time is read
        photos.Clear();
        var (photo1, analysis1, analysisSeconds) = Photo(1);
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"Analysis (faces and mesh, no person mask) of sample1.jpg ({photo1.Width}x{photo1.Height}, {analysis1.Faces.Count} faces): {analysisSeconds:F2} s.")).AppendLine();

        // --part speed|sheet (default both), or profile (--size MP; writes stylize-profile.md instead): the speed table alone is the quick check after a kernel change.
        string part = args.Option("part", "all");
        if (part is "all" or "speed")
            Speed(report, photo1, analysis1, styles["painting"],
                args.Option("sizes", "0.25,1,4").Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray());
        if (part is "profile")
        {
            var profile = new StringBuilder(report.ToString());
            StylizeProfile.Run(profile, photo1, analysis1.Faces[0].Mesh!.Select(p => new Vector2(p.X, p.Y)).ToArray(), styles["painting"],
                double.Parse(args.Option("size", "1"), CultureInfo.InvariantCulture), HeadAt);
            BenchReport.WriteAtomically(Path.Combine(results, "stylize-profile.md"), profile.Replace("LOAD_AT_END", Reporting.MachineInfo.LoadAverage()).ToString());
            Console.WriteLine($"stylize: {Path.Combine(results, "stylize-profile.md")}");
            return 0;
        }
        if (part is "all" or "sheet")
        {
            Sheet(report, results, Photo, styles);
            FieldResolutionSheet(report, results, photo1, analysis1, styles);
        }
        BenchReport.WriteAtomically(Path.Combine(results, "stylize.md"), report.Replace("LOAD_AT_END", Reporting.MachineInfo.LoadAverage()).ToString());
        Console.WriteLine($"stylize: {Path.Combine(results, "stylize.md")}");
        return 0;
    }

    private static void Speed(StringBuilder report, PlanarImage photo, PortraitAnalysis analysis, StyleExemplar style, double[] sizes)
    {
        report.AppendLine("## Speed per face").AppendLine();
        report.AppendLine("sample1's first face, its head region scaled (the photo resampled around it) to about 0.25, 1 and 4 MP; " +
                          "the style is scaled to the face as the effect does. *Render* is the whole effect for that face after analysis " +
                          "(target guides, synthesis, voting, compositing; the style's crop and guides are made by the warm-up and kept by the style, " +
                          "as for a second face of that size or a re-render: their one-time cost is in the stage table), median of 9 runs after one warm-up (3 at 4 MP) with their range in brackets; " +
                          "*synthesis* is the StyleBlit kernel alone (a field made at half resolution is voted on as it is, `NnfVoting.VoteUpsampled`). *Brute force*: every target pixel's 5×5 guide patch against every style " +
                          "patch within the same search radius (square window) around its positional prediction, same error, all cores, " +
                          "timed on about 300 evenly spread pixels and scaled to the region. Wall times; the render's process CPU time " +
                          "(all threads, mean per run) beside it shows how much of the wall time was waiting for a shared machine.").AppendLine();
        report.AppendLine("| head region | pixels | face width | render | synthesis | brute force (estimated) | brute / synthesis |");
        report.AppendLine("|---|---|---|---|---|---|---|");
        var mesh = analysis.Faces[0].Mesh!.Select(p => new Vector2(p.X, p.Y)).ToArray();
        var settings = new StylizeSettings();
        var stages = new List<string>();
        foreach (double megapixels in sizes)
        {
            var (image, scaledMesh) = HeadAt(photo, mesh, megapixels);
            var scaled = new PortraitAnalysis(image.Width, image.Height,
                [new AnalyzedFace(new PixelBox(0, 0, 1, 1), 1, [], scaledMesh.Select(p => new Vector3(p, 0)).ToArray())],
                new PlanarImage(image.Width, image.Height, 1), new PlanarImage(image.Width, image.Height, 1), new PlanarImage(image.Width, image.Height, 1), null);
            // A shared machine swings a 100 ms render by ±30 % from run to run: the render's median is over 9 runs (3 at 4 MP), its range beside it.
            int runs = megapixels >= 4 ? 2 : 3, renderRuns = megapixels >= 4 ? 3 : 9;
            ExemplarStylizer.Render(image, scaled, style, settings); // warm-up
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var renders = Enumerable.Range(0, renderRuns).Select(_ => Time(() => ExemplarStylizer.Render(image, scaled, style, settings))).ToArray();
            var render = Median(renders);
            double renderCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / renderRuns;
            var job = ExemplarStylizer.Prepare(image, scaledMesh, style, settings);
            // Synthesis is the kernel alone: the effect votes on a half-resolution field as it is.
            int[] Synthesis(StyleGuide guide) => StyleBlitSynthesis.Synthesize(job.Target, guide, job.Options);
            cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var synth = Median(Enumerable.Range(0, runs).Select(_ => Time(() => Synthesis(job.Style))));
            double synthCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds / runs;
            // The same with the style's lookup table empty (and its packing redone): a style's first face of this size.
            var cold = Median(Enumerable.Range(0, runs).Select(_ => Time(() => Synthesis(job.Style.Fresh()))));
            // The field at the crop's full resolution (the effect's path for faces up to HalfResolutionFaceWidth), for comparison.
            var fullSettings = settings with { HalfResolutionAbove = float.PositiveInfinity };
            var fullJob = ExemplarStylizer.Prepare(image, scaledMesh, style, fullSettings);
            string fullResolution = "same";
            if (job.Options.TargetStride != 1)
            {
                StyleBlitSynthesis.Synthesize(fullJob.Target, fullJob.Style, fullJob.Options); // its lookup table
                var fullSynth = Median(Enumerable.Range(0, runs).Select(_ => Time(() => StyleBlitSynthesis.Synthesize(fullJob.Target, fullJob.Style, fullJob.Options))));
                var fullPrepare = Median(Enumerable.Range(0, runs).Select(_ => Time(() => ExemplarStylizer.Prepare(image, scaledMesh, style, fullSettings))));
                fullResolution = string.Create(CultureInfo.InvariantCulture, $"{fullPrepare * 1000:F0} ms + {fullSynth * 1000:F0} ms");
            }
            // Where the render's time goes: the style's crop and guides, the target's guides (Prepare includes the style's), voting.
            var crop = Median(Enumerable.Range(0, runs).Select(_ => Time(() => new StyleCrop(style, new HeadShape(scaledMesh).EyeSpan))));
            var prepare = Median(Enumerable.Range(0, runs).Select(_ => Time(() => ExemplarStylizer.Prepare(image, scaledMesh, style, settings)))); // style crop cached
            var field = Synthesis(job.Style);
            var shown = Array.ConvertAll(job.Head.Data, w => w > 0);
            var votedInto = image.Clone();
            var vote = Median(Enumerable.Range(0, runs).Select(_ => Time(() =>
            {
                if (job.Options.TargetStride == 2) NnfVoting.VoteUpsampledInto(field, job.Crop.Colours, votedInto, job.Rect, job.Head); // the effect's path: compositing included
                else NnfVoting.Vote(field, job.Rect.Width, job.Rect.Height, job.Crop.Colours, settings.BlendRadius, region: shown);
            })));
            stages.Add(string.Create(CultureInfo.InvariantCulture,
                $"| {job.Rect.Width * job.Rect.Height / 1e6:F2} MP | {(job.Options.TargetStride == 1 ? "full" : "half")} | {crop * 1000:F0} ms | {prepare * 1000:F0} ms | {synth * 1000:F0} ms | {cold * 1000:F0} ms | {vote * 1000:F0} ms | {fullResolution} |"));
            // The brute force searches every pixel at the crop's full resolution, whatever the effect's field resolution.
            var (bruteSample, searched) = new BruteForcePatchSearch(fullJob.Target, fullJob.Style, fullJob.Options).TimeSample(300);
            double pixels = (double)job.Rect.Width * job.Rect.Height;
            double brute = bruteSample * pixels / searched;
            string line = string.Create(CultureInfo.InvariantCulture,
                $"| {job.Rect.Width}x{job.Rect.Height} | {pixels / 1e6:F2} MP | {job.FaceWidth:F0} px | {render * 1000:F0} ms ({renders.Min() * 1000:F0}–{renders.Max() * 1000:F0}; {renderCpu * 1000:F0} ms CPU) | {synth * 1000:F0} ms ({synthCpu * 1000:F0} ms CPU) | {brute:F0} s ({searched} px in {bruteSample:F1} s) | {brute / synth:F0}× |");
            report.AppendLine(line);
            Console.WriteLine(line);
        }
        report.AppendLine();
        report.AppendLine("Stages (medians, wall): the field's resolution (half: faces wider than " +
                          $"{ExemplarStylizer.HalfResolutionFaceWidth:F0} px, docs/stylize.md), the style's crop and guides (once per style and face size; the effect keeps them), the target's guides " +
                          "(appearance, segmentation, MLS positional guide), synthesis (the style's lookup table filled by the runs before, as for a second face " +
                          "of that size), synthesis with the table empty (the first face of that size: its entries are made as pixels ask), voting (for a half-resolution field straight into the photo, compositing included); " +
                          "last, the target's guides + synthesis with the field at full resolution (the path before the half-resolution field) on the same face. " +
                          "The table is an 8 MiB hash kept with the style's crop.").AppendLine();
        report.AppendLine("| head region | field | style crop | target guides | synthesis | synthesis, empty lookup table | voting | full-resolution field: guides + synthesis |");
        report.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var s in stages) { report.AppendLine(s); Console.WriteLine(s); }
        report.AppendLine();
    }

    /// <summary>The photo resampled so the face's head region (as the effect cuts it) holds about <paramref name="megapixels"/>.</summary>
    private static (PlanarImage Image, Vector2[] Mesh) HeadAt(PlanarImage photo, Vector2[] mesh, double megapixels)
    {
        var rect = new HeadShape(mesh).Bounds(photo.Width, photo.Height);
        // A frame 30% larger than the head region, so the head is not cut by the frame's edge.
        int fw = Math.Min(photo.Width, (int)(rect.Width * 1.3)), fh = Math.Min(photo.Height, (int)(rect.Height * 1.3));
        int fx = Math.Clamp(rect.X - (fw - rect.Width) / 2, 0, photo.Width - fw), fy = Math.Clamp(rect.Y - (fh - rect.Height) / 2, 0, photo.Height - fh);
        float k = (float)Math.Sqrt(megapixels * 1e6 / ((double)rect.Width * rect.Height));
        int w = (int)MathF.Round(fw * k), h = (int)MathF.Round(fh * k);
        var image = Resampler.Resize(photo, fx, fy, fw, fh, w, h);
        var scale = new Vector2((float)w / fw, (float)h / fh);
        return (image, mesh.Select(p => (p - new Vector2(fx, fy)) * scale).ToArray());
    }

    private static void Sheet(StringBuilder report, string results, Func<int, (PlanarImage, PortraitAnalysis, double)> photo, Dictionary<string, StyleExemplar> styles)
    {
        var sheet = new ContactSheet(["photo / style", .. SheetStyles]);
        sheet.AddRow([Blank(), .. SheetStyles.Select(s => SquareTile(styles[s].Image, new HeadShape(styles[s].Mesh).Bounds(styles[s].Image.Width, styles[s].Image.Height)))]);
        report.AppendLine("## Contact sheet").AppendLine();
        report.AppendLine("`stylize-contact-sheet.png`: first row the styles (bundled library, styles/), then one row per face: the photo's head and the " +
                          "three stylized heads (default settings, background kept), squares around the head region scaled to 320 px.").AppendLine();
        foreach (var (sample, index) in SheetFaces)
        {
            var (image, analysis, _) = photo(sample);
            var mesh = analysis.Faces[index].Mesh!;
            var single = new PortraitAnalysis(image.Width, image.Height, [analysis.Faces[index]], analysis.SkinMask, analysis.FaceSkinMask, analysis.FeatureMask, null);
            var rect = new HeadShape(mesh.Select(p => new Vector2(p.X, p.Y)).ToArray()).Bounds(image.Width, image.Height);
            var row = new List<PlanarImage> { SquareTile(image, rect) };
            foreach (var s in SheetStyles)
            {
                var clock = Stopwatch.StartNew();
                var result = ExemplarStylizer.Render(image, single, styles[s], new StylizeSettings());
                row.Add(SquareTile(result.Image, rect));
                report.AppendLine(string.Create(CultureInfo.InvariantCulture, $"- sample{sample} face {index + 1} × {s}: {clock.Elapsed.TotalMilliseconds:F0} ms{(result.Message is null ? "" : "; " + result.Message)}"));
            }
            sheet.AddRow(row);
        }
        sheet.Save(Path.Combine(results, "stylize-contact-sheet.png"));
        report.AppendLine();
    }

    /// <summary>
    /// sample1's first face scaled to a 1 MP head region (face about 570 px wide, where the effect makes the field at
    /// half resolution): a 480 px square around its eyes and nose at 100 %, per style the field at full and at half
    /// resolution side by side. What the half-resolution field costs in look.
    /// </summary>
    private static void FieldResolutionSheet(StringBuilder report, string results, PlanarImage photo, PortraitAnalysis analysis, Dictionary<string, StyleExemplar> styles)
    {
        const int Side = 480;
        var mesh = analysis.Faces[0].Mesh!.Select(p => new Vector2(p.X, p.Y)).ToArray();
        var (image, scaled) = HeadAt(photo, mesh, 1);
        var face = new PortraitAnalysis(image.Width, image.Height,
            [new AnalyzedFace(new PixelBox(0, 0, 1, 1), 1, [], scaled.Select(p => new Vector3(p, 0)).ToArray())],
            new PlanarImage(image.Width, image.Height, 1), new PlanarImage(image.Width, image.Height, 1), new PlanarImage(image.Width, image.Height, 1), null);
        var centre = new HeadShape(scaled).Centre;
        int x = Math.Clamp((int)centre.X - Side / 2, 0, image.Width - Side), y = Math.Clamp((int)centre.Y - Side / 2, 0, image.Height - Side);
        PlanarImage Cut(PlanarImage i) => new(Side, Side, 3, i.Crop(x, y, Side, Side).Data.AsSpan(0, 3 * Side * Side).ToArray());
        var sheet = new ContactSheet(["photo", .. SheetStyles.SelectMany(s => new[] { $"{s}, full", $"{s}, half" })]);
        var row = new List<PlanarImage> { Cut(image) };
        foreach (var s in SheetStyles)
            foreach (float above in new[] { float.PositiveInfinity, 0f })
                row.Add(Cut(ExemplarStylizer.Render(image, face, styles[s], new StylizeSettings { HalfResolutionAbove = above }).Image));
        sheet.AddRow(row);
        sheet.Save(Path.Combine(results, "stylize-field-resolution.png"));
        report.AppendLine("`stylize-field-resolution.png`: sample1's first face at a 1 MP head region, a 480 px square at 100 %: the photo, then per style the " +
                          "field at full resolution and at half resolution (the effect's choice for faces wider than " +
                          $"{ExemplarStylizer.HalfResolutionFaceWidth:F0} px).").AppendLine();
    }

    private static PlanarImage Blank()
    {
        var tile = new PlanarImage(Tile, Tile, 3);
        Array.Fill(tile.Data, 0.12f);
        return tile;
    }

    /// <summary>A square around the rectangle's centre (side: its longer side), clipped to the image and scaled to the tile size.</summary>
    private static PlanarImage SquareTile(PlanarImage image, PixelRect rect)
    {
        int side = Math.Min(Math.Min(image.Width, image.Height), Math.Max(rect.Width, rect.Height));
        int x = Math.Clamp(rect.X + rect.Width / 2 - side / 2, 0, image.Width - side), y = Math.Clamp(rect.Y + rect.Height / 2 - side / 2, 0, image.Height - side);
        var rgb = image.Channels > 3 ? new PlanarImage(image.Width, image.Height, 3, image.Data.AsSpan(0, 3 * image.PlaneSize).ToArray()) : image;
        return Resampler.Resize(rgb, x, y, side, side, Tile, Tile);
    }

    private static StyleExemplar LoadStyle(string root, string name, PortraitAnalyzer analyzer, AnalyzerOptions options)
    {
        string path = Path.Combine(root, "styles", name + ".jpg"), landmarks = Path.ChangeExtension(path, ".json");
        var image = BenchImages.Load(path);
        return File.Exists(landmarks) ? StyleExemplar.Create(path, image, null, landmarks) : StyleExemplar.Create(path, image, analyzer.Analyze(image, options));
    }

    private static PortraitAnalysis SortedLeftToRight(PortraitAnalysis a) =>
        new(a.Width, a.Height, a.Faces.OrderBy(f => f.Box.X).ToArray(), a.SkinMask, a.FaceSkinMask, a.FeatureMask, a.PersonMask);

    private static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "RetouchPlugins.sln"))) return d.FullName;
        throw new InvalidOperationException("cannot find the repository (RetouchPlugins.sln) above the bench binary: the styles live in its styles/ folder");
    }


    private static double Time(Action action)
    {
        var clock = Stopwatch.StartNew();
        action();
        return clock.Elapsed.TotalSeconds;
    }

    private static double Median(IEnumerable<double> values)
    {
        var v = values.Order().ToArray();
        return v[v.Length / 2];
    }
}
