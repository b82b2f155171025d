using System.Diagnostics;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Benchmarks.Reporting;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Benchmarks.Dewrinkle;

/// <summary>
/// The synthetic-fold run: for each photo, the automatic garment mask (the same for every method), folds and a
/// printed patch painted over the real fabric (<see cref="FoldGenerator"/>), every method on the folded photo,
/// scored against the clean reference. Writes each photo's images and one contact sheet (rows: photos; columns:
/// reference, folded, each method) of a 320 px crop around the most folded place.
/// </summary>
public sealed class DewrinkleRun(IPortraitAnalysisSource analysis, IReadOnlyList<IDewrinkleMethod> methods, int seed)
{
    public const int DefaultSeed = 17;
    public const int Tile = 320;
    /// <summary>The method name of the rows that score the folded input itself.</summary>
    public const string Unchanged = "input";

    public List<DewrinkleScore> Run(IReadOnlyList<string> photos, string outDir, TextWriter log)
    {
        Directory.CreateDirectory(outDir);
        var scores = new List<DewrinkleScore>();
        var sheet = new ContactSheet(["reference", "folded", .. methods.Select(m => m.Name), "garment mask", "fold band in", $"fold band {methods[0].Name}"]);
        var generator = new FoldGenerator(seed);
        for (int k = 0; k < photos.Count; k++)
        {
            string name = Path.GetFileNameWithoutExtension(photos[k]);
            var photo = BenchImages.Load(photos[k]);
            var a = analysis.Analyze(photo);
            var garment = GarmentMask.FromAnalysis(photo, a);
            if (garment is null) { log.WriteLine($"{name}: no person/garment, skipped"); continue; }
            float hp = PersonScale.PersonHeight(a, photo.Height, photo.Height);
            // The folds' seed follows the photo's name, so `--only sampleN` paints the same folds as the full run.
            var set = generator.Paint(photo, garment, hp, name.Aggregate(0, (h, ch) => unchecked(h * 31 + ch)));
            log.WriteLine($"{name}: person height {hp:F0} px, {set.Folds.Count} folds over {set.FoldMask.Data.Count(v => v >= 0.5f)} px, garment {garment.Data.Count(v => v >= 0.5f)} px");
            var tiles = new List<PlanarImage>();
            PlanarImage? firstResult = null;
            var (cx, cy) = MostFolded(set);
            tiles.Add(CropTile(set.Reference, cx, cy)); tiles.Add(CropTile(set.Folded, cx, cy));
            // The folded photo as it is: what doing nothing scores (e.g. the pattern SSIM a fold painted across the print costs before any method).
            var unchanged = DewrinkleMetrics.Score(Unchanged, name, set, set.Folded, set.Reference, 0);
            scores.Add(unchanged);
            log.WriteLine($"{name} {Unchanged,-7} texture {unchanged.TextureRatio:F3}  pattern SSIM {unchanged.PatternEdgeSsim:F3}");
            foreach (var method in methods)
            {
                var watch = Stopwatch.StartNew();
                var result = method.Render(set.Folded, a, garment, hp);
                watch.Stop();
                var onClean = method.Render(set.Reference, a, garment, hp);
                var score = DewrinkleMetrics.Score(method.Name, name, set, result, onClean, watch.Elapsed.TotalSeconds);
                scores.Add(score);
                log.WriteLine($"{name} {method.Name,-7} fold shape removed {score.FoldShapeRemoved:P0} (single folds {score.SingleFoldShapeRemoved:P0}, overlaps {score.OverlapShapeRemoved:P0} = {score.OverlapShare:P0} of the shape; energy vs clean {score.FoldEnergyRemoved:P0}, vs itself on clean {score.PaintedFoldRemoved:P0})  texture {score.TextureRatio:F3}  pattern SSIM {score.PatternEdgeSsim:F3}  outside {score.MaxChangeOutside:F1}  {score.Seconds:F2} s");
                BenchImages.SavePng(Path.Combine(outDir, $"{name}-{method.Name}.png"), result);
                tiles.Add(CropTile(result, cx, cy));
                firstResult ??= result;
            }
            tiles.Add(Grey(CropTile(garment, cx, cy)));
            // The fold band (what the fold measures integrate) of the folded photo and of the first method's result,
            // mid grey = the clean photo, white and black = a change of ln 0.5: what stays of each painted fold (core, flanks) is seen here, not in the photo.
            tiles.Add(Grey(Band(CropTile(DewrinkleMetrics.FoldBand(set, set.Folded), cx, cy))));
            if (firstResult is not null) tiles.Add(Grey(Band(CropTile(DewrinkleMetrics.FoldBand(set, firstResult), cx, cy))));
            sheet.AddRow(tiles);
            BenchImages.SavePng(Path.Combine(outDir, $"{name}-reference.png"), set.Reference);
            BenchImages.SavePng(Path.Combine(outDir, $"{name}-folded.png"), set.Folded);
            BenchImages.SavePng(Path.Combine(outDir, $"{name}-garment-mask.png"), garment);
            if (GarmentDewrinkle.Render(set.Folded, a, new DewrinkleSettings(), garment).FoldWeight is { } weight)
                BenchImages.SavePng(Path.Combine(outDir, $"{name}-fold-weight.png"), weight);
        }
        if (sheet.Rows > 0) sheet.Save(Path.Combine(outDir, "dewrinkle-contact-sheet.png"));
        return scores;
    }

    /// <summary>The centre of the tile-sized window holding the most fold pixels (coarse search on a 32 px grid).</summary>
    private static (int X, int Y) MostFolded(FoldSet set)
    {
        var m = set.FoldMask;
        int best = -1, bx = m.Width / 2, by = m.Height / 2;
        for (int y = Tile / 2; y <= m.Height - Tile / 2; y += 32)
            for (int x = Tile / 2; x <= m.Width - Tile / 2; x += 32)
            {
                int count = 0;
                for (int yy = y - Tile / 2; yy < y + Tile / 2; yy += 4)
                    for (int xx = x - Tile / 2; xx < x + Tile / 2; xx += 4)
                        if (m[0, xx, yy] >= 0.5f) count++;
                if (count > best) { best = count; bx = x; by = y; }
            }
        return (bx, by);
    }

    public static PlanarImage CropTile(PlanarImage image, int cx, int cy)
    {
        int size = Math.Min(Tile, Math.Min(image.Width, image.Height));
        int x = Math.Clamp(cx - size / 2, 0, image.Width - size), y = Math.Clamp(cy - size / 2, 0, image.Height - size);
        return image.Crop(x, y, size, size);
    }

    private static PlanarImage Band(PlanarImage band)
    {
        for (int i = 0; i < band.Data.Length; i++) band.Data[i] = Math.Clamp(0.5f + band.Data[i], 0f, 1f);
        return band;
    }

    private static PlanarImage Grey(PlanarImage mask)
    {
        var rgb = new PlanarImage(mask.Width, mask.Height, 3);
        for (int c = 0; c < 3; c++) mask.Plane(0).CopyTo(rgb.Plane(c));
        return rgb;
    }
}
