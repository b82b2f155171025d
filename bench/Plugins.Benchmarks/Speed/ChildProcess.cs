using System.Diagnostics;
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
        var start = new ProcessStartInfo(TimeTool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-f", "%e %M", "-o", timeFile }.Concat(command)) start.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {command[0]}");
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{string.Join(' ', command)} ran past {timeout.TotalSeconds:F0} s");
            }
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{string.Join(' ', command)} failed ({process.ExitCode}): {stderr.Result.Trim()} {stdout.Result.Trim()}");
            var fields = File.ReadAllLines(timeFile).Last(l => l.Trim().Length > 0).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            double wall = double.Parse(fields[0], CultureInfo.InvariantCulture);
            double peakKb = double.Parse(fields[1], CultureInfo.InvariantCulture);
            return new ChildMeasurement(wall, peakKb / 1024, stdout.Result);
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
