using System.Diagnostics;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Dewrinkle;

/// <summary>
/// The de-wrinkle's time at 24 MP after analysis: a photo scaled up (bilinear) to 6000 px wide, analysed once,
/// then rendered (automatic garment mask included) three times; the best time counts. In process, all cores.
/// </summary>
public static class DewrinkleSpeed
{
    public static (int Width, int Height, double AnalysisSeconds, double BestRenderSeconds) Measure(string photoPath, TextWriter log)
    {
        var photo = BenchImages.Load(photoPath);
        int width = 6000, height = (int)Math.Round(6000.0 * photo.Height / photo.Width);
        var big = Resample.BilinearUpsample(photo, width, height);
        using var analyzer = PortraitAnalyzer.Open();
        var watch = Stopwatch.StartNew();
        var analysis = analyzer.Analyze(big, CancellationToken.None);
        double analysisSeconds = watch.Elapsed.TotalSeconds;
        double best = double.MaxValue;
        for (int k = 0; k < 3; k++)
        {
            watch.Restart();
            GarmentDewrinkle.Render(big, analysis, new DewrinkleSettings());
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
        }
        log.WriteLine($"24 MP ({width}x{height}): analysis {analysisSeconds:F1} s, de-wrinkle render best of 3 {best:F2} s");
        return (width, height, analysisSeconds, best);
    }
}
