using RetouchPlugins.Benchmarks.Reporting;
using RetouchPlugins.Benchmarks.Speed;

namespace RetouchPlugins.Benchmarks;

/// <summary>`speed [--out DIR] [--photo PATH]`: every method in its own process at three sizes; writes speed.json.</summary>
public static class SpeedCommand
{
    public static int Run(CommandLine args)
    {
        string dir = args.ResultsDirectory();
        string photo = args.Option("photo") ?? BenchSetup.Photos()[0];
        string work = Path.Combine(Path.GetTempPath(), $"bench-speed-{Guid.NewGuid():N}");
        try
        {
            var results = new SpeedRun(BenchSetup.Methods()).Run(photo, work, Console.Out);
            ResultFiles.Write(Path.Combine(dir, ResultFiles.Speed), results);
            Console.WriteLine($"speed: {results.WallSeconds:F0} s, results in {dir}");
        }
        finally { if (Directory.Exists(work)) Directory.Delete(work, recursive: true); }
        return 0;
    }
}
