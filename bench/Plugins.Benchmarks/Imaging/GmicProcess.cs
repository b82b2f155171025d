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
        var result = ProcessRunner.Run(Executable, arguments, timeout, $"{Executable} {string.Join(' ', arguments)}");
        return (result.ExitCode, result.Stdout + result.Stderr);
    }

    public static void RunOrThrow(IReadOnlyList<string> arguments, TimeSpan timeout)
    {
        var (code, output) = Run(arguments, timeout);
        if (code != 0) throw new InvalidOperationException($"{Executable} {string.Join(' ', arguments)} failed ({code}): {output.Trim()}");
    }
}
