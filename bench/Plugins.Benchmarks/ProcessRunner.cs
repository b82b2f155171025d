using System.Diagnostics;

namespace RetouchPlugins.Benchmarks;

/// <summary>What a finished subprocess printed and returned.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr);

/// <summary>Runs a subprocess with its arguments passed as a list (no shell), both streams drained, and a timeout that kills its tree.</summary>
public static class ProcessRunner
{
    /// <param name="label">how the command is named in a timeout error.</param>
    public static ProcessResult Run(string executable, IEnumerable<string> arguments, TimeSpan timeout, string label)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {label}");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{label} ran past {timeout.TotalSeconds:F0} s");
        }
        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }
}
