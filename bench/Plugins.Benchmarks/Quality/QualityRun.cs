using System.Diagnostics;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Benchmarks.Methods;
using RetouchPlugins.Benchmarks.Reporting;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>
/// The quality half of the benchmark: for each photo, analyze, paint blemishes, run every method on the
/// blemished photo and score it against the clean one; collect 100 % face crops for the contact sheet.
/// </summary>
public sealed class QualityRun
{
    public const int DefaultSeed = 5;
    private const int SheetRows = 2, SheetTile = 300;

    private readonly IPortraitAnalysisSource _source;
    private readonly IReadOnlyList<IRetouchMethod> _methods;
    private readonly int _seed;

    public QualityRun(IPortraitAnalysisSource source, IReadOnlyList<IRetouchMethod> methods, int seed = DefaultSeed)
    {
        _source = source; _methods = methods; _seed = seed;
    }

    public QualityResults Run(IReadOnlyList<string> photos, string outputDirectory, TextWriter log)
    {
        var started = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var generator = new BlemishGenerator(_seed);
        var images = new List<QualityImage>();
        string outsideName = "outside the person mask";
        var rows = new List<QualityRow>();
        var crops = new List<(double FaceSize, string Label, List<PlanarImage> Tiles)>();
        var zoneCrops = new List<(string Label, List<PlanarImage> Tiles)>();
        var outcomes = new List<SpotOutcome>();
        for (int index = 0; index < photos.Count; index++)
        {
            string name = Path.GetFileNameWithoutExtension(photos[index]);
            var clean = PlaneMath.Quantize8(BenchImages.Load(photos[index]));
            var timer = Stopwatch.StartNew();
            var analysis = _source.Analyze(clean);
            double analysisSeconds = timer.Elapsed.TotalSeconds;
            var set = generator.Paint(clean, analysis, index);
            outsideName = OutsideRegionName(analysis);
            images.Add(new QualityImage(name, clean.Width, clean.Height, analysis.Faces.Count,
                set.Blemishes.Count(b => b.Kind == BlemishKind.DarkSpot), set.Blemishes.Count(b => b.Kind == BlemishKind.Acne),
                set.Blemishes.Count(b => b.Kind == BlemishKind.Redness), analysisSeconds));
            log.WriteLine($"{name}: {clean.Width}x{clean.Height}, {analysis.Faces.Count} faces, {set.Blemishes.Count} blemishes, analysis {analysisSeconds:F2} s");
            if (set.Blemishes.Count == 0) { log.WriteLine($"{name}: no face large enough for blemishes, skipped"); continue; }

            var face = LargestBlemishedFace(analysis, set);
            var (cx, cy, size) = face == null ? (0, 0, 0) : CropAround(face.Box, clean.Width, clean.Height);
            var tiles = new List<PlanarImage>();
            // Zoomed crops of the largest face's first hairline, chin and jaw spots: the zones the mask reached least.
            var zoneSpots = face == null ? [] : new[] { SpotZone.Hairline, SpotZone.Chin, SpotZone.Jaw }
                .Select(z => set.Blemishes.FirstOrDefault(b => b.Zone == z && b.X >= face.Box.X - face.Box.Width * 0.2f && b.X <= face.Box.Right + face.Box.Width * 0.2f
                    && b.Y >= face.Box.Y - face.Box.Height * 0.5f && b.Y <= face.Box.Bottom + face.Box.Height * 0.2f))
                .OfType<PaintedBlemish>().ToList();
            var zoneTiles = zoneSpots.Select(_ => new List<PlanarImage>()).ToList();
            void Keep(PlanarImage image)
            {
                if (face == null) return;
                tiles.Add(image.Crop(cx, cy, size, size));
                for (int z = 0; z < zoneSpots.Count; z++) zoneTiles[z].Add(ZoomedCrop(image, zoneSpots[z]));
            }
            Keep(clean); Keep(set.Blemished);
            rows.Add(Score(name, "blemished input (no retouch)", set, set.Blemished, analysis, 0));
            foreach (var method in _methods)
            {
                timer.Restart();
                var result = PlaneMath.Quantize8(method.Render(set.Blemished, analysis));
                double seconds = timer.Elapsed.TotalSeconds;
                Keep(result);
                var spots = SpotVisibility.Measure(name, method.Label, set, result, analysis.FaceSkinMask);
                outcomes.AddRange(spots);
                var row = Score(name, method.Label, set, result, analysis, seconds) with
                {
                    SpotVisibilityRemoved = spots.Count > 0 ? spots.Average(o => o.Removed) : null,
                    SpotsLeft = spots.Count(o => o.Verdict != "gone"),
                    Spots = spots.Count,
                };
                rows.Add(row);
                log.WriteLine($"  {method.Name,-9} PSNR {row.PsnrSkin:F2} SSIM {row.SsimSkin:F4} spots {row.SpotRemoved:P0} cores {row.SpotCoreRemoved:P0} visibility {row.SpotVisibilityRemoved:P0} ({row.SpotsLeft}/{row.Spots} left) redness {row.RednessRemoved:P0} texture {row.TextureRetention:F2} ({seconds:F2} s)");
                if (method.Name == "ours")
                    foreach (var o in spots.Where(o => o.Verdict != "gone"))
                        log.WriteLine($"    left: {o.Zone,-8} {o.Kind,-8} at ({o.X:F0}, {o.Y:F0}) r {o.Radius:F1} strength {o.Strength:F2}: visible {o.VisibleBefore:F1} -> {o.VisibleAfter:F1} levels; {o.Verdict}");
            }
            if (face != null) crops.Add((face.Box.Size, $"{name}: face at ({face.Box.X:F0}, {face.Box.Y:F0}), {face.Box.Size:F0} px; crop {size}x{size} at ({cx}, {cy})", tiles));
            if (index == 0)
                for (int z = 0; z < zoneSpots.Count; z++)
                    zoneCrops.Add(($"{name}: {zoneSpots[z].Zone.ToString().ToLowerInvariant()} spot ({zoneSpots[z].Kind}, r {zoneSpots[z].Radius:F1}, strength {zoneSpots[z].Strength:F2}) at ({zoneSpots[z].X:F0}, {zoneSpots[z].Y:F0}), {ZoomSource} px crop at {Zoom}x", zoneTiles[z]));
        }

        string? sheetPath = null;
        var sheetRows = new List<string>();
        if (crops.Count > 0)
        {
            var sheet = new ContactSheet(["clean", "blemished", .. _methods.Select(m => m.Label)]);
            foreach (var crop in crops.OrderByDescending(c => c.FaceSize).Take(SheetRows)) { sheet.AddRow(crop.Tiles); sheetRows.Add(crop.Label); }
            foreach (var crop in zoneCrops) { sheet.AddRow(crop.Tiles); sheetRows.Add(crop.Label); }
            sheetPath = Path.Combine(outputDirectory, ResultFiles.Sheet);
            sheet.Save(sheetPath);
        }
        return new QualityResults(started.ToString("yyyy-MM-dd HH:mm 'UTC'"), clock.Elapsed.TotalSeconds, _seed, _source.Description,
            _methods.Select(m => m.Label).ToArray(), outsideName, images, rows, sheetPath == null ? null : ResultFiles.Sheet, sheetRows, outcomes);
    }

    private static QualityRow Score(string image, string method, BlemishSet set, PlanarImage result, PortraitAnalysis analysis, double seconds)
    {
        var skin = analysis.FaceSkinMask;
        double? redness = set.RednessMask.Data.Any(v => v >= 0.5f)
            ? QualityMetrics.BlemishEnergyRemoved(set.Clean, set.Blemished, result, set.RednessMask) : null;
        // Without a person mask, the change where the analysis' skin mask is exactly 0 (hair, eyes, clothes, background).
        var (outsideMax, outsideMean) = QualityMetrics.ChangeOutside(set.Blemished, result, OutsideRegion(analysis));
        (double Max, double Mean)? outside = (outsideMax, outsideMean);
        return new QualityRow(image, method,
            QualityMetrics.Psnr(set.Clean, result, skin),
            QualityMetrics.Ssim(set.Clean, result, skin),
            QualityMetrics.BlemishEnergyRemoved(set.Clean, set.Blemished, result, set.SpotMask),
            QualityMetrics.BlemishEnergyRemoved(set.Clean, set.Blemished, result, set.SpotCoreMask),
            redness,
            QualityMetrics.TextureRetention(set.Clean, result, set.CleanSkin),
            outside?.Max, outside?.Mean, seconds);
    }

    /// <summary>What the outside-change metric reads: the person mask if the analysis has one, else any skin at all.</summary>
    public static string OutsideRegionName(PortraitAnalysis analysis) => analysis.PersonMask != null ? "outside the person mask" : "outside the skin mask (skin = 0)";

    private static PlanarImage OutsideRegion(PortraitAnalysis analysis)
    {
        if (analysis.PersonMask is { } person) return person;
        var anySkin = new PlanarImage(analysis.Width, analysis.Height, 1);
        var s = analysis.SkinMask.Data; var d = anySkin.Data;
        for (int i = 0; i < d.Length; i++) d[i] = s[i] > 0 ? 1 : 0;
        return anySkin;
    }

    private static AnalyzedFace? LargestBlemishedFace(PortraitAnalysis analysis, BlemishSet set) =>
        analysis.Faces.Where(f => set.Blemishes.Any(b => b.X >= f.Box.X && b.X <= f.Box.Right && b.Y >= f.Box.Y && b.Y <= f.Box.Bottom))
            .MaxBy(f => f.Box.Size);

    private const int Zoom = 3, ZoomSource = SheetTile / Zoom;

    /// <summary>A <see cref="ZoomSource"/> px square around a spot, enlarged <see cref="Zoom"/>x (nearest) to a sheet tile.</summary>
    private static PlanarImage ZoomedCrop(PlanarImage image, PaintedBlemish spot)
    {
        int x0 = Math.Clamp((int)spot.X - ZoomSource / 2, 0, image.Width - ZoomSource), y0 = Math.Clamp((int)spot.Y - ZoomSource / 2, 0, image.Height - ZoomSource);
        var tile = new PlanarImage(SheetTile, SheetTile, 3);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < SheetTile; y++)
                for (int x = 0; x < SheetTile; x++)
                    tile[c, x, y] = image[c, x0 + x / Zoom, y0 + y / Zoom];
        return tile;
    }

    /// <summary>A square of <see cref="SheetTile"/> px around the face centre (100 %), kept inside the photo.</summary>
    private static (int X, int Y, int Size) CropAround(PixelBox box, int width, int height)
    {
        int size = Math.Min(SheetTile, Math.Min(width, height));
        int x = Math.Clamp((int)(box.Center.X - size / 2f), 0, width - size);
        int y = Math.Clamp((int)(box.Center.Y - size / 2f), 0, height - size);
        return (x, y, size);
    }
}
