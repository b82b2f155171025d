using System.Diagnostics;
using System.Text.Json;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Benchmarks.Speed;

namespace RetouchPlugins.Benchmarks;

/// <summary>
/// `method NAME IN OUT [--warmup PHOTO] [--repeat N]`: the child process of the speed run. Runs one method
/// (analysis, then render) and prints the seconds of each repetition as one JSON line.
/// </summary>
public static class MethodCommand
{
    public static int Run(CommandLine args)
    {
        if (args.Positional.Count != 3) throw new ArgumentException("usage: method NAME IN OUT [--warmup PHOTO] [--repeat N]");
        var method = BenchSetup.Method(args.Positional[0]);
        var source = BenchSetup.AnalysisSource();
        if (args.Option("warmup") is { } warm)
        {
            var small = BenchImages.Load(warm);
            method.Render(small, source.Analyze(small));
        }
        var input = BenchImages.Load(args.Positional[1]);
        int repeat = Math.Max(1, args.Option("repeat", 1));
        var analysisSeconds = new double[repeat];
        var renderSeconds = new double[repeat];
        Shaders.PlanarImage? result = null;
        for (int i = 0; i < repeat; i++)
        {
            var clock = Stopwatch.StartNew();
            var analysis = source.Analyze(input);
            analysisSeconds[i] = clock.Elapsed.TotalSeconds;
            clock.Restart();
            result = method.Render(input, analysis);
            renderSeconds[i] = clock.Elapsed.TotalSeconds;
        }
        PnmFile.Write(args.Positional[2], result!);
        Console.WriteLine(JsonSerializer.Serialize(new MethodTimings(analysisSeconds, renderSeconds)));
        return 0;
    }
}
