using System.Diagnostics;

namespace RetouchPlugins.Benchmarks.Imaging;

/// <summary>Runs the Debian `gmic` command line (G'MIC 2.9) as a subprocess; failures name the command and its stderr.</summary>
public static class GmicProcess
{
    public const string Executable = "gmic";

    public static bool IsInstalled()
    {
        try { return Run(["version"], TimeSpan.FromSeconds(20)).ExitCode == 0; }
        catch (Exception) { return false; }
    }

    public static (int ExitCode, string Output) Run(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(Executable) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {Executable}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Executable} {string.Join(' ', arguments)} ran past {timeout.TotalSeconds:F0} s");
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    public static void RunOrThrow(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var (code, output) = Run(arguments, timeout);
        if (code != 0) throw new InvalidOperationException($"{Executable} {string.Join(' ', arguments)} failed ({code}): {output.Trim()}");
    }
}
