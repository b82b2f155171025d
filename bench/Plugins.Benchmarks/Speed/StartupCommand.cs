using System.Diagnostics;
using System.Text.Json;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Benchmarks.Speed;

/// <summary>
/// `startup PHOTO`: the child process of the model-loading measurement (issue 13: a 1920 px photo's model-loading
/// overhead). Opens the analyzer's models (in the cache state RETOUCH_ORT_CACHE gives it), then analyses and renders the
/// photo twice, the analysis and the render timed apart. Prints one JSON line.
/// </summary>
public static class StartupCommand
{
    public static int Run(CommandLine args)
    {
        if (args.Positional.Count != 1) throw new ArgumentException("usage: startup PHOTO");
        var method = BenchSetup.Method("ours");
        var photo = BenchImages.Load(args.Positional[0]);
        var cache = OptimizedModelCache.FromEnvironment();
        int cachedBefore = CachedModels(cache);
        var clock = Stopwatch.StartNew();
        using var analyzer = PortraitAnalyzer.Open();
        double open = clock.Elapsed.TotalSeconds;
        (double Analysis, double Render) Pass()
        {
            clock.Restart();
            var analysis = analyzer.Analyze(photo, CancellationToken.None);
            double analysed = clock.Elapsed.TotalSeconds;
            clock.Restart();
            method.Render(photo, analysis);
            return (analysed, clock.Elapsed.TotalSeconds);
        }
        var first = Pass();
        var second = Pass();
        Console.WriteLine(JsonSerializer.Serialize(new StartupTimings(open, first.Analysis, second.Analysis, first.Render, second.Render,
            cachedBefore, CachedModels(cache))));
        return 0;
    }

    private static int CachedModels(OptimizedModelCache? cache) =>
        cache is not null && Directory.Exists(cache.Directory) ? Directory.GetFiles(cache.Directory, "*.onnx").Length : 0;
}

/// <summary>What the `startup` child prints: seconds to open the models, of the first and second analysis and render, and the cache's files before and after.</summary>
public sealed record StartupTimings(double OpenSeconds, double FirstAnalysisSeconds, double SecondAnalysisSeconds,
    double FirstRenderSeconds, double SecondRenderSeconds, int CachedBefore, int CachedAfter)
{
    /// <summary>
    /// What a run pays for its models: opening them, and the first analysis's extra over a warm one (the networks'
    /// first inferences, and the JIT of the analysis code, which the cache cannot touch).
    /// </summary>
    public double OverheadSeconds => OpenSeconds + Math.Max(0, FirstAnalysisSeconds - SecondAnalysisSeconds);

    /// <summary>The first render's extra over a warm one: JIT of the effect code, no model involved.</summary>
    public double RenderWarmUpSeconds => Math.Max(0, FirstRenderSeconds - SecondRenderSeconds);
}
