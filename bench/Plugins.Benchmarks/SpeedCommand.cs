using RetouchPlugins.Benchmarks.Reporting;
using RetouchPlugins.Benchmarks.Speed;

namespace RetouchPlugins.Benchmarks;

/// <summary>
/// `speed [--out DIR] [--photo PATH] [--methods gmic,ours]`: every method (or the ones named) in its own process at the
/// group and close-up sizes; writes speed.json. A subset keeps a run short on a crowded machine (the report says which ran).
/// </summary>
public static class SpeedCommand
{
    public static int Run(CommandLine args)
    {
        string dir = args.ResultsDirectory();
        string photo = args.Option("photo") ?? BenchSetup.Photos()[0];
        string work = Path.Combine(Path.GetTempPath(), $"bench-speed-{Guid.NewGuid():N}");
        try
        {
            var methods = args.Option("methods") is { } names
                ? names.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(BenchSetup.Method).ToList()
                : BenchSetup.Methods();
            var results = new SpeedRun(methods).Run(photo, work, Console.Out);
            ResultFiles.Write(Path.Combine(dir, ResultFiles.Speed), results);
            Console.WriteLine($"speed: {results.WallSeconds:F0} s, results in {dir}");
        }
        finally { if (Directory.Exists(work)) Directory.Delete(work, recursive: true); }
        return 0;
    }
}
