using System.Diagnostics;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Dewrinkle;

/// <summary>
/// The de-wrinkle's time at 24 MP after analysis: a photo scaled up (bilinear) to 6000 px wide, analysed,
/// then rendered (automatic garment mask included, and the masks the analysis builds on first use) three times, each
/// on a fresh analysis; the best render counts. In process, all cores.
/// </summary>
public static class DewrinkleSpeed
{
    public static (int Width, int Height, double AnalysisSeconds, double BestRenderSeconds) Measure(string photoPath, TextWriter log)
    {
        var photo = BenchImages.Load(photoPath);
        int width = 6000, height = (int)Math.Round(6000.0 * photo.Height / photo.Width);
        var big = Resample.BilinearUpsample(photo, width, height);
        using var analyzer = PortraitAnalyzer.Open();
        double analysisSeconds = 0, best = double.MaxValue, bestCpu = double.MaxValue;
        using var self = Process.GetCurrentProcess();
        for (int k = 0; k < 3; k++)
        {
            // A fresh analysis each time: the masks it builds on first use (person at full size, skin) are part of a
            // render as the command line runs it once; a second render on the same analysis would skip them.
            var watch = Stopwatch.StartNew();
            var analysis = analyzer.Analyze(big, CancellationToken.None);
            if (k == 0) analysisSeconds = watch.Elapsed.TotalSeconds;
            self.Refresh();
            var cpu = self.TotalProcessorTime;
            watch.Restart();
            GarmentDewrinkle.Render(big, analysis, new DewrinkleSettings());
            best = Math.Min(best, watch.Elapsed.TotalSeconds);
            self.Refresh();
            // Process CPU beside the wall time: on the shared machine it says what a change cost when the load swings.
            bestCpu = Math.Min(bestCpu, (self.TotalProcessorTime - cpu).TotalSeconds);
        }
        log.WriteLine($"24 MP ({width}x{height}): analysis {analysisSeconds:F1} s, de-wrinkle render best of 3 {best:F2} s (process CPU best of 3 {bestCpu:F2} s)");
        return (width, height, analysisSeconds, best);
    }
}
