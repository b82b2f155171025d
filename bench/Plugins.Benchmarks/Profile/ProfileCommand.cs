using System.Diagnostics;
using System.Globalization;
using System.Text;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Masks;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Benchmarks.Profile;

/// <summary>
/// `profile [--out DIR] [--repeat N]`: where the time of one skin retouch goes, stage by stage, on the 24 MP
/// close-up and the 24 MP group photo (issue 13, item 1). The analysis stages are re-run here one at a time on the
/// analyzer's own public parts (working copy, detector, mesh, regions, u2netp, guided upsampling), beside the
/// analyzer's own Analyze for the total; the render is the catalog's "skin" recipe and its steps alone. Writes
/// profile.md. Times are the best of N repetitions (wall) after a warm-up on sample1,
/// with the process CPU time of that repetition (less sensitive to a loaded machine); load average stated.
/// `--case PREFIX` keeps the cases whose name starts with it; `--stages render` analyses each case once and repeats
/// only the render steps (a quicker before/after of a render change; profile.md is then written as profile-render.md).
/// </summary>
public static class ProfileCommand
{
    public static int Run(CommandLine args)
    {
        string outDir = args.Option("out") ?? Path.Combine("bench", "results");
        int repeat = Math.Max(1, args.Option("repeat", 2));
        string? only = args.Option("case");
        bool renderOnly = args.Option("stages", "all") switch
        {
            "all" => false,
            "render" => true,
            var other => throw new ArgumentException($"--stages {other}: expected all or render"),
        };
        Directory.CreateDirectory(outDir);
        var md = new StringBuilder();
        md.AppendLine("# Where the time goes: one skin retouch, stage by stage (issue 13)").AppendLine();
        md.AppendLine($"Written by `Plugins.Benchmarks profile` on {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, load average {Reporting.MachineInfo.LoadAverage()} at the start; best of {repeat} after a warm-up.").AppendLine();

        var env = new OnnxRuntimeEnvironment();
        var catalog = AssetCatalog.ForApplication();
        var open = Stopwatch.StartNew();
        var detector = new RetinaFaceDetector(env, catalog);
        double tDetector = Lap(open);
        var landmarker = new FaceMeshLandmarker(env, catalog.ModelPath(FaceMeshLandmarker.ModelFileName));
        double tMesh = Lap(open);
        var segmenter = new PersonSegmenter(env, catalog);
        double tSeg = Lap(open);
        md.AppendLine($"Model opening, one after the other in this process (first open, cache state as found): RetinaFace {tDetector:F2} s, face mesh {tMesh:F2} s, u2netp {tSeg:F2} s.").AppendLine();

        using var analyzer = new PortraitAnalyzer(env, catalog);
        var photo = BenchImages.Load(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg"));
        var skin = EffectCatalog.Get("skin").Create();
        var steps = new[] { "blemishes", "even" }.Where(id => EffectCatalog.All.Any(e => e.Id == id))
            .Select(id => EffectCatalog.Get(id).Create()).ToList();
        Render(skin, photo, analyzer.Analyze(photo, CancellationToken.None)); // warm-up: JIT, first runs

        var cases = new (string Name, PlanarImage Image)[]
        {
            ("close-up 24 MP", Resampler.Resize(photo, 673, 250, 520, 693, 4244, 5655)),
            ("group 24 MP", Resampler.Resize(photo, 6000, 4000)),
        };
        foreach (var (name, image) in cases.Where(c => only is null || c.Name.StartsWith(only, StringComparison.OrdinalIgnoreCase)))
        {
            var analysed = renderOnly ? analyzer.Analyze(image, CancellationToken.None) : null;
            var best = new Dictionary<string, (double Wall, double Cpu, long Faults)>();
            var order = new List<string>();
            var cpu = Process.GetCurrentProcess();
            double cpuMark = CpuSeconds(cpu);
            long faultMark = MinorFaults();
            void Keep(string stage, double s)
            {
                double now = CpuSeconds(cpu), used = now - cpuMark;
                long faults = MinorFaults(), faulted = faults - faultMark;
                cpuMark = now;
                faultMark = faults;
                if (!best.TryGetValue(stage, out var b)) { order.Add(stage); best[stage] = (s, used, faulted); }
                else if (s < b.Wall) best[stage] = (s, used, faulted);
            }
            void RenderSteps(PortraitAnalysis analysis, Stopwatch c)
            {
                foreach (var step in steps)
                {
                    Render(step, image, analysis);
                    Keep($"render: '{step.Descriptor.Id}' alone", Lap(c));
                }
                Render(skin, image, analysis);
                Keep("TOTAL render: 'skin' recipe (blemishes, even tone)", Lap(c));
            }
            for (int r = 0; r < repeat; r++)
            {
                GC.Collect();
                cpuMark = CpuSeconds(cpu);
                faultMark = MinorFaults();
                long gcBefore = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2);
                var pauseBefore = GC.GetTotalPauseDuration();
                var c = Stopwatch.StartNew();
                if (analysed is not null)
                {
                    RenderSteps(analysed, c);
                    continue;
                }
                var work = Resample.AreaDownsample(image, Scaled(image.Width, image), Scaled(image.Height, image));
                Keep("analysis: working copy (area downsample to 2048)", Lap(c));
                var faces = detector.Detect(work);
                Keep($"analysis: RetinaFace, whole view + tiles ({faces.Count} face(s))", Lap(c));
                var meshes = faces.Select(f => landmarker.Detect(work, f)).ToList();
                Keep("analysis: face mesh", Lap(c));
                var faceSkin = new PlanarImage(work.Width, work.Height, 1);
                var features = new PlanarImage(work.Width, work.Height, 1);
                foreach (var m in meshes)
                {
                    var regions = new FaceRegions(m);
                    regions.AddTo(faceSkin, FaceRegion.Skin);
                    foreach (var region in new[] { FaceRegion.Eyes, FaceRegion.Brows, FaceRegion.Lips, FaceRegion.InnerMouth, FaceRegion.Nostrils })
                        regions.AddTo(features, region);
                }
                MaskPlanes.Grow(features);
                MaskPlanes.Without(faceSkin, features);
                Keep("analysis: face regions rasterised at the working size", Lap(c));
                var low = segmenter.SegmentAtNetworkSize(work);
                Keep("analysis: u2netp person mask", Lap(c));
                var guide = LumaPlane.Of(work);
                var up = GuidedMaskUpsampler.Upsample(faceSkin, guide, image);
                Keep("analysis: one mask carried to full size (guided upsampling; the analyzer carries 4)", Lap(c));
                GC.KeepAlive(up); GC.KeepAlive(low);

                c.Restart();
                var analysis = analyzer.Analyze(image, CancellationToken.None);
                Keep("TOTAL analysis (PortraitAnalyzer.Analyze, lazy masks not yet built)", Lap(c));
                _ = analysis.SkinMask; _ = analysis.PersonMask;
                Keep("lazy masks built on first use (skin incl. body, person)", Lap(c));
                RenderSteps(analysis, c);
                long gcs = GC.CollectionCount(0) + GC.CollectionCount(1) + GC.CollectionCount(2) - gcBefore;
                Console.WriteLine($"{name}, repetition {r + 1}: {gcs} garbage collections, {(GC.GetTotalPauseDuration() - pauseBefore).TotalSeconds:F3} s paused");
            }
            md.AppendLine($"## {name} ({image.Width}x{image.Height})").AppendLine();
            md.AppendLine("| stage | wall (s) | process CPU (s) | page faults (thousands) |").AppendLine("|---|---:|---:|---:|");
            foreach (var stage in order)
                md.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {stage} | {best[stage].Wall:F3} | {best[stage].Cpu:F3} | {best[stage].Faults / 1000.0:F1} |"));
            md.AppendLine();
            Console.WriteLine($"{name}: done");
        }
        md.AppendLine($"Load average at the end: {Reporting.MachineInfo.LoadAverage()}.");
        File.WriteAllText(Path.Combine(outDir, renderOnly ? "profile-render.md" : "profile.md"), md.ToString());
        Console.Write(md);
        detector.Dispose(); landmarker.Dispose(); segmenter.Dispose();
        return 0;
    }

    private static int Scaled(int side, PlanarImage image) =>
        Math.Max(1, (int)Math.Round(side * Math.Min(1.0, 2048.0 / Math.Max(image.Width, image.Height))));

    private static void Render(IPortraitEffect effect, PlanarImage image, PortraitAnalysis analysis) =>
        effect.Render(new EffectInput(image, analysis), effect.Descriptor.DefaultSettings());

    /// <summary>CPU seconds the whole process has used (all threads): less sensitive than wall time to other work on a shared machine.</summary>
    private static double CpuSeconds(Process process)
    {
        process.Refresh();
        return process.TotalProcessorTime.TotalSeconds;
    }

    /// <summary>
    /// The process's minor page faults so far (Linux: /proc/self/stat, the 10th field; 0 elsewhere): every full-size plane
    /// on fresh memory costs a fault per 4 kB page, a large share of a 24 MP run's system time (OBSERVATIONS).
    /// </summary>
    private static long MinorFaults()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        var stat = File.ReadAllText("/proc/self/stat");
        // The command name (field 2) may hold spaces; the fields after its closing parenthesis start at field 3.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[10 - 3], CultureInfo.InvariantCulture);
    }

    private static double Lap(Stopwatch clock)
    {
        double s = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return s;
    }
}
