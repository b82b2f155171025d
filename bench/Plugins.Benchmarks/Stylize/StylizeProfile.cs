using System.Diagnostics;
using System.Globalization;
using System.Numerics;
using System.Text;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.StyleBlit;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Stylize;

/// <summary>
/// `stylize --part profile`: where one face's render goes, stage by stage (the steps of ExemplarStylizer's
/// Prepare, the synthesis's setup and levels, voting, compositing), as process CPU time (all threads) and wall
/// time per run, mean over a few runs. CPU time is the figure that survives a shared machine.
/// </summary>
internal sealed class StylizeProfile
{
    private readonly Dictionary<string, (double Cpu, double Wall, double Bytes)> _totals = [];
    private readonly List<string> _order = [];

    private void Time(string stage, Action action)
    {
        // A collection now, not inside the stage: a stage should not pay for the garbage of the ones before it.
        if (!stage.StartsWith("  ")) GC.Collect(); // (not inside the synthesis, whose stages are indented)
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        action();
        double wall = clock.Elapsed.TotalSeconds, used = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        double bytes = GC.GetTotalAllocatedBytes() - allocated;
        if (!_totals.TryGetValue(stage, out var t)) _order.Add(stage);
        _totals[stage] = (t.Cpu + used, t.Wall + wall, t.Bytes + bytes);
    }

    /// <summary>One render of the face with mesh <paramref name="mesh"/>, cut into stages as ExemplarStylizer does it.</summary>
    private void RenderOnce(PlanarImage image, Vector2[] mesh, StyleExemplar style, StylizeSettings settings, ExemplarStylizer.FaceJob prepared)
    {
        var shape = new HeadShape(mesh);
        var rect = shape.Bounds(image.Width, image.Height);
        var origin = new Vector2(rect.X, rect.Y);
        var local = mesh.Select(p => p - origin).ToArray();
        var localShape = new HeadShape(local);
        var crop = style.CropFor(shape.EyeSpan);
        int stride = prepared.Options.TargetStride;
        PlanarImage head = null!, guideColours = null!, guideHead = null!, appearance = null!, position = null!;
        PlanarImage[] segments = [];
        var guideMesh = local.Select(p => p / stride).ToArray();
        Time("guide colours (crop, or reduced in place)", () => guideColours = stride == 1 ? image.Crop(rect.X, rect.Y, rect.Width, rect.Height) : HalfResolution.Reduce(image, rect));
        Time("head mask", () => head = localShape.Mask(0, 0, rect.Width, rect.Height));
        Time("head mask at the guides' resolution", () => guideHead = stride == 1 ? head : HalfResolution.Reduce(head));
        Time("appearance guide", () => appearance = FaceGuides.Appearance(guideColours, localShape.Width / stride));
        Time("histogram match", () => FaceGuides.MatchHistogram(appearance, guideHead, stride == 1 ? crop.Appearance : crop.FootprintAppearance, crop.Head));
        Time("segmentation guide", () => segments = FaceGuides.Segmentation(guideMesh, guideColours.Width, guideColours.Height));
        Time("positional guide (MLS)", () => position = ExemplarStylizer.PositionalGuide(guideMesh, crop.Mesh, guideColours.Width, guideColours.Height, localShape.Width / stride, default, stride));
        var target = new TargetGuide(position, new GuideFeatures([appearance, .. segments]), prepared.Target.Region);
        int[] field = [];
        Time("synthesis (all)", () => field = StyleBlitSynthesis.Profile(target, prepared.Style, prepared.Options, (name, act) => Time("  synthesis " + name, act)));
        var output = image.Clone();
        if (stride == 2 && settings.BlendRadius == 1)
            // As the effect does with the background kept: the half-resolution field voted straight into the photo.
            Time("voting into the photo (compositing included)", () => NnfVoting.VoteUpsampledInto(field, crop.Colours, output, rect, head));
        else
        {
            PlanarImage voted = null!;
            Time("voting", () => voted = NnfVoting.Vote(field, rect.Width, rect.Height, crop.Colours, settings.BlendRadius, region: Array.ConvertAll(head.Data, w => w > 0)));
            Time("compositing", () => ExemplarStylizer.Composite(output, voted, head, rect));
        }
    }

    public static void Run(StringBuilder report, PlanarImage photo, Vector2[] mesh, StyleExemplar style, double megapixels,
        Func<PlanarImage, Vector2[], double, (PlanarImage, Vector2[])> headAt, int runs = 5)
    {
        var (image, scaled) = headAt(photo, mesh, megapixels);
        var settings = new StylizeSettings();
        var profile = new StylizeProfile();
        var prepared = ExemplarStylizer.Prepare(image, scaled, style, settings); // the style's crop (kept), the options and region
        profile.RenderOnce(image, scaled, style, settings, prepared); // warm-up (JIT, the style's lookup table)
        profile._totals.Clear(); profile._order.Clear();
        var rect = new HeadShape(scaled).Bounds(image.Width, image.Height);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++) profile.RenderOnce(image, scaled, style, settings, prepared);
        double totalWall = clock.Elapsed.TotalSeconds / runs, totalCpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds / runs;
        report.AppendLine(string.Create(CultureInfo.InvariantCulture,
            $"## Profile of one render ({rect.Width}x{rect.Height}, {rect.Width * rect.Height / 1e6:F2} MP head region, painting style, mean of {runs} runs)")).AppendLine();
        report.AppendLine("Process CPU time (all threads) and wall time per stage, after a warm-up render (the style's crop and lookup table made). " +
                          "A garbage collection runs before each top-level stage, outside its time. The load average is in the header: " +
                          "on a shared machine the CPU column is the one to read. *Allocated*: managed memory the stage allocates (fresh large arrays cost page faults).").AppendLine();
        report.AppendLine("| stage | CPU ms | wall ms | allocated MB |").AppendLine("|---|---|---|---|");
        foreach (var stage in profile._order)
        {
            var (c, w, b) = profile._totals[stage];
            string line = string.Create(CultureInfo.InvariantCulture, $"| {stage} | {c * 1000 / runs:F1} | {w * 1000 / runs:F1} | {b / runs / 1e6:F1} |");
            report.AppendLine(line);
            Console.WriteLine(line);
        }
        string all = string.Create(CultureInfo.InvariantCulture, $"| whole render as profiled | {totalCpu * 1000:F1} | {totalWall * 1000:F1} | {(GC.GetTotalAllocatedBytes() - allocated) / runs / 1e6:F1} |");
        report.AppendLine(all).AppendLine();
        Console.WriteLine(all);
        // The effect runs the four target guides (colours and appearance, head mask, segmentation, MLS) side by side.
        var prepareCpu = Process.GetCurrentProcess().TotalProcessorTime;
        var prepareClock = Stopwatch.StartNew();
        for (int i = 0; i < runs; i++) ExemplarStylizer.Prepare(image, scaled, style, settings);
        string side = string.Create(CultureInfo.InvariantCulture,
            $"The effect's own preparation (crop colours through the positional guide, the four guides side by side, the histogram match after them): {(Process.GetCurrentProcess().TotalProcessorTime - prepareCpu).TotalMilliseconds / runs:F1} ms CPU, {prepareClock.Elapsed.TotalMilliseconds / runs:F1} ms wall.");
        report.AppendLine(side).AppendLine();
        Console.WriteLine(side);

    }
}
