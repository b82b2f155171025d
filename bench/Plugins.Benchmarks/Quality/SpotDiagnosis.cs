using System.Globalization;
using System.Text;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Benchmarks.Methods;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>
/// `spots [--out DIR]`: the quality run's painted spots (same seed, same photos) followed through blemish removal one by
/// one: in the face-skin mask? a detector candidate (score, kind, why rejected)? healed (attempts, how much it still
/// showed)? and the per-spot visibility left after the heal and after the whole skin pipeline. Writes spots.csv and
/// prints a count per cause, so the visibility that is left can be put down to misses, rejections or heals that show.
/// </summary>
public static class SpotDiagnosis
{
    public static int Run(CommandLine args)
    {
        string dir = args.ResultsDirectory();
        var source = BenchSetup.AnalysisSource();
        var generator = new BlemishGenerator(args.Option("seed", QualityRun.DefaultSeed));
        // The skin pipeline at its defaults, or with --set name=value,... (to try a setting against the same spots).
        var pipeline = EffectCatalog.Get("skin").Create();
        var pipelineSettings = args.WithSet(pipeline.Descriptor.DefaultSettings());
        double textureHeal = 0, texturePipeline = 0, psnrInput = 0, psnrHeal = 0, psnrPipeline = 0;
        var effect = EffectCatalog.Get("blemishes").Create();
        var settings = effect.Descriptor.DefaultSettings();
        var detector = new BlemishDetectorSettings(settings.GetFloat(BlemishRemovalEffect.Sensitivity),
            settings.GetFloat(BlemishRemovalEffect.MinSize) / 100, settings.GetFloat(BlemishRemovalEffect.MaxSize) / 100);
        var csv = new StringBuilder("image,zone,kind,x,y,radius,strength,skin,candidate,score,cand_kind,cand_radius,rejected,attempts,first_shows,best_shows,heal_method,mask,changed,v_before,v_heal,v_pipeline,cause,clean_contrast,err_r,err_g,err_b\n");
        var causes = new Dictionary<string, int>();
        var found = new StringBuilder("image,x,y,radius,score,kind,rejected,balance,plane_ratio,far_plane_ratio,true_spot,attempts,first_shows,best_shows\n");
        var worst = new List<(double Visible, PlanarImage[] Tiles)>();
        var photos = BenchSetup.Photos(args.Option("photos"));
        for (int index = 0; index < photos.Count; index++)
        {
            string name = Path.GetFileNameWithoutExtension(photos[index]);
            var clean = PlaneMath.Quantize8(BenchImages.Load(photos[index]));
            var analysis = source.Analyze(clean);
            var set = generator.Paint(clean, analysis, index);
            var healed = set.Blemished.Clone();
            var diagnostics = new BlemishDiagnostics();
            var mask = new PlanarImage(healed.Width, healed.Height, 1);
            foreach (var face in analysis.Faces)
                BlemishRemovalEffect.HealFace(healed, analysis, face, detector, mask, diagnostics: diagnostics);
            healed = PlaneMath.Quantize8(healed);
            var piped = PlaneMath.Quantize8(pipeline.Render(new EffectInput(set.Blemished, analysis), pipelineSettings).Image);
            textureHeal += QualityMetrics.TextureRetention(set.Clean, healed, set.CleanSkin) / photos.Count;
            texturePipeline += QualityMetrics.TextureRetention(set.Clean, piped, set.CleanSkin) / photos.Count;
            psnrInput += QualityMetrics.Psnr(set.Clean, set.Blemished, analysis.FaceSkinMask) / photos.Count;
            psnrHeal += QualityMetrics.Psnr(set.Clean, healed, analysis.FaceSkinMask) / photos.Count;
            psnrPipeline += QualityMetrics.Psnr(set.Clean, piped, analysis.FaceSkinMask) / photos.Count;
            var afterHeal = SpotVisibility.Measure(name, "heal", set, healed, analysis.FaceSkinMask);
            var afterPipeline = SpotVisibility.Measure(name, "pipeline", set, piped, analysis.FaceSkinMask);
            foreach (var c in diagnostics.Candidates)
            {
                var heal = diagnostics.Heals.FirstOrDefault(h => Distance(h.X, h.Y, c.X, c.Y) < 0.5f);
                bool painted = set.Blemishes.Any(p => p.Kind != BlemishKind.Redness && Distance(p.X, p.Y, c.X, c.Y) <= MathF.Max(3, p.Radius));
                found.AppendLine(string.Join(",", Invariant(name, c.X, c.Y, c.Radius, c.Score, c.Kind, c.Rejected, c.AxisBalance, c.PlaneRatio, c.FarPlaneRatio, painted ? 1 : 0, heal?.Attempts, heal?.FirstShows, heal?.BestShows)));
            }
            foreach (var (o, p) in afterHeal.Zip(afterPipeline))
            {
                float reach = MathF.Max(3, o.Radius);
                var candidate = diagnostics.Candidates.Where(c => Distance(c.X, c.Y, o.X, o.Y) <= reach).MaxBy(c => c.Score);
                var heal = diagnostics.Heals.Where(h => Distance(h.X, h.Y, o.X, o.Y) <= reach).MinBy(h => Distance(h.X, h.Y, o.X, o.Y));
                string cause = !o.StillVisible ? "gone"
                    : !o.InSkinMask ? "outside skin mask"
                    : candidate is null ? "no candidate"
                    : heal is null ? $"rejected: {(candidate.Rejected.Length == 0 ? "overlap" : candidate.Rejected)}"
                    : "healed, still shows";
                causes[cause] = causes.GetValueOrDefault(cause) + 1;
                var spot = set.Blemishes.First(q => q.X == o.X && q.Y == o.Y);
                var cleanContrast = SpotVisibility.Contrast(set.Clean, spot);
                if (cause != "gone" && cause.StartsWith(args.Option("cause", ""), StringComparison.Ordinal))
                    worst.Add((o.VisibleAfter, [.. new[] { clean, set.Blemished, healed, piped, Grey(mask) }.Select(i => Zoom(i, o.X, o.Y))]));
                csv.AppendLine(string.Join(",", Invariant(
                    name, o.Zone, o.Kind, o.X, o.Y, o.Radius, o.Strength, analysis.FaceSkinMask[0, (int)o.X, (int)o.Y],
                    candidate is null ? "" : "yes", candidate?.Score, candidate?.Kind, candidate?.Radius, candidate?.Rejected,
                    heal?.Attempts, heal?.FirstShows, heal?.BestShows, heal?.Method, mask[0, (int)o.X, (int)o.Y], 255 * MaxChange(set.Blemished, healed, o.X, o.Y, o.Radius), o.VisibleBefore, o.VisibleAfter, p.VisibleAfter, cause.Replace(',', ';'), 255 * cleanContrast.Length(), ErrorOf(piped, spot, cleanContrast))));
            }
            Console.WriteLine($"{name}: {afterHeal.Count} spots, heal removed {afterHeal.Average(o => o.Removed):P1}, pipeline {afterPipeline.Average(o => o.Removed):P1}");
        }
        File.WriteAllText(Path.Combine(dir, "spots.csv"), csv.ToString());
        File.WriteAllText(Path.Combine(dir, "candidates.csv"), found.ToString());
        var sheet = new Reporting.ContactSheet(["clean", "blemished", "healed", "pipeline", "heal mask"]);
        foreach (var (_, tiles) in worst.OrderByDescending(w => w.Visible).Take(args.Option("rows", 30))) sheet.AddRow(tiles);
        if (sheet.Rows > 0) sheet.Save(Path.Combine(dir, "spots-left.png"));
        Console.WriteLine($"texture retention: heal {textureHeal:F3}, pipeline {texturePipeline:F3}; PSNR skin: input {psnrInput:F2}, heal {psnrHeal:F2}, pipeline {psnrPipeline:F2}");
        foreach (var (cause, count) in causes.OrderByDescending(c => c.Value)) Console.WriteLine($"  {count,4}  {cause}");
        return 0;
    }

    private const int ZoomSource = 48, ZoomFactor = 4;

    /// <summary>A <see cref="ZoomSource"/> px square around a spot, enlarged <see cref="ZoomFactor"/>x (nearest).</summary>
    internal static PlanarImage Zoom(PlanarImage image, float cx, float cy)
    {
        int x0 = Math.Clamp((int)cx - ZoomSource / 2, 0, image.Width - ZoomSource), y0 = Math.Clamp((int)cy - ZoomSource / 2, 0, image.Height - ZoomSource);
        int size = ZoomSource * ZoomFactor;
        var tile = new PlanarImage(size, size, 3);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < size; y++)
                for (int x = 0; x < size; x++)
                    tile[c, x, y] = image[Math.Min(c, image.Channels - 1), x0 + x / ZoomFactor, y0 + y / ZoomFactor];
        return tile;
    }

    private static float MaxChange(PlanarImage a, PlanarImage b, float cx, float cy, float radius)
    {
        float most = 0;
        for (int c = 0; c < 3; c++)
            for (int y = (int)(cy - radius); y <= (int)(cy + radius); y++)
                for (int x = (int)(cx - radius); x <= (int)(cx + radius); x++)
                    if (x >= 0 && y >= 0 && x < a.Width && y < a.Height) most = MathF.Max(most, MathF.Abs(a[c, x, y] - b[c, x, y]));
        return most;
    }

    private static PlanarImage Grey(PlanarImage mask) => mask;

    /// <summary>
    /// The pipeline's core-vs-ring contrast minus the clean photo's, per channel (8-bit levels): its sign tells a spot left
    /// (dark spot: all negative, acne: green most) from the skin's own shading lost (a highlight flattened: all negative
    /// alike; a dip filled: all positive).
    /// </summary>
    private static string ErrorOf(PlanarImage result, PaintedBlemish spot, System.Numerics.Vector3 cleanContrast)
    {
        var e = 255 * (SpotVisibility.Contrast(result, spot) - cleanContrast);
        return string.Create(CultureInfo.InvariantCulture, $"{e.X:F1},{e.Y:F1},{e.Z:F1}");
    }

    private static float Distance(float ax, float ay, float bx, float by) => MathF.Sqrt((ax - bx) * (ax - bx) + (ay - by) * (ay - by));

    private static IEnumerable<string> Invariant(params object?[] values) =>
        values.Select(v => v switch
        {
            null => "",
            float f => f.ToString("0.###", CultureInfo.InvariantCulture),
            double d => d.ToString("0.###", CultureInfo.InvariantCulture),
            _ => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "",
        });
}
