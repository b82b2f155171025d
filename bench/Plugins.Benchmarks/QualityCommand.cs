using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Benchmarks.Reporting;

namespace RetouchPlugins.Benchmarks;

/// <summary>`quality [--out DIR] [--photos DIR] [--seed N]`: the synthetic-blemish run; writes quality.json and the contact sheet.</summary>
public static class QualityCommand
{
    public static int Run(CommandLine args)
    {
        string dir = args.ResultsDirectory();
        var run = new QualityRun(BenchSetup.AnalysisSource(), BenchSetup.Methods(), args.Option("seed", QualityRun.DefaultSeed));
        var results = run.Run(BenchSetup.Photos(args.Option("photos")), dir, Console.Out);
        ResultFiles.Write(Path.Combine(dir, ResultFiles.Quality), results);
        Console.WriteLine($"quality: {results.WallSeconds:F0} s, results in {dir}");
        return 0;
    }
}
