using System.Globalization;

namespace RetouchPlugins.Benchmarks.Speed;

/// <summary>What one child process cost: wall time, peak resident memory (GNU time's %M) and its stdout.</summary>
public sealed record ChildMeasurement(double WallSeconds, double PeakMegabytes, string Output);

/// <summary>
/// Runs one method in its own process under /usr/bin/time so that its peak memory is its own, not the bench's.
/// </summary>
public static class ChildProcess
{
    public const string TimeTool = "/usr/bin/time";

    public static ChildMeasurement Measure(IReadOnlyList<string> command, TimeSpan timeout)
    {
        if (!File.Exists(TimeTool)) throw new FileNotFoundException($"{TimeTool} (GNU time) is needed to read peak memory", TimeTool);
        string timeFile = Path.Combine(Path.GetTempPath(), $"bench-time-{Guid.NewGuid():N}.txt");
        try
        {
            var result = ProcessRunner.Run(TimeTool, new[] { "-f", "%e %M", "-o", timeFile }.Concat(command), timeout, string.Join(' ', command));
            if (result.ExitCode != 0)
                throw new InvalidOperationException($"{string.Join(' ', command)} failed ({result.ExitCode}): {result.Stderr.Trim()} {result.Stdout.Trim()}");
            var fields = File.ReadAllLines(timeFile).Last(l => l.Trim().Length > 0).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double wall = double.Parse(fields[0], CultureInfo.InvariantCulture);
            double peakKb = double.Parse(fields[1], CultureInfo.InvariantCulture);
            return new ChildMeasurement(wall, peakKb / 1024, result.Stdout);
        }
        finally { File.Delete(timeFile); }
    }

    /// <summary>The command line that starts this bench executable again (apphost, or `dotnet the.dll`).</summary>
    public static List<string> Self()
    {
        string process = Environment.ProcessPath ?? "dotnet";
        string dll = typeof(ChildProcess).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process).Equals("dotnet", StringComparison.OrdinalIgnoreCase)
            ? [process, dll]
            : [process];
    }
}
