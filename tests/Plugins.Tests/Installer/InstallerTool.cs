using System.Diagnostics;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Installer;

/// <summary>The outcome of one external command: its exit code and what it printed.</summary>
internal sealed record ToolResult(int ExitCode, string Output, string Error, TimeSpan Elapsed)
{
    public string Describe(string what) =>
        $"{what} exited with {ExitCode}{Meaning(ExitCode)} after {Elapsed.TotalSeconds:F1} s\n{Output}\n{Error}".TrimEnd();

    /// <summary>What Windows' common exit codes of msiexec mean: a full disk (a machine's, not the installer's fault) reads as such.</summary>
    private static string Meaning(int code) => code switch
    {
        112 => " (ERROR_DISK_FULL: not enough space on the disk)",
        1603 => " (ERROR_INSTALL_FAILURE: a fatal error during installation)",
        1618 => " (ERROR_INSTALL_ALREADY_RUNNING: another installation is in progress)",
        1638 => " (ERROR_PRODUCT_VERSION: another version of this product is already installed)",
        _ => "",
    };
}

/// <summary>
/// Runs the installer's tools (wixl, msibuild, msiinfo, msiextract, Wine, mingw-w64). They are required: .ci/run
/// installs them with apt, so a missing tool fails the test with the install command instead of skipping it.
/// Every run has a timeout, because a Windows program that cannot load a DLL under Wine may hang instead of exiting.
/// </summary>
internal static class InstallerTool
{
    public const string AptPackages = "wixl msitools wine gcc-mingw-w64-x86-64";

    /// <summary>The full path of a program on PATH, or of an absolute path that exists.</summary>
    public static string Require(string name)
    {
        if (Path.IsPathRooted(name))
            return File.Exists(name) ? name : throw Missing(name);
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            var full = Path.Combine(dir, name);
            if (File.Exists(full)) return full;
        }
        throw Missing(name);
    }

    private static InvalidOperationException Missing(string name) =>
        new($"'{name}' is not installed; run: apt-get install -y {AptPackages} (.ci/run does this in CI)");

    public static ToolResult Run(string program, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var clock = Stopwatch.StartNew();
        var r = ChildProcess.Run(Require(program), args, timeout, environment, workingDirectory);
        return new ToolResult(r.ExitCode, r.StandardOutput, r.StandardError, clock.Elapsed);
    }

    /// <summary>Runs and requires exit code 0.</summary>
    public static ToolResult RunOk(string program, IEnumerable<string> args, TimeSpan timeout,
        IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null)
    {
        var r = Run(program, args, timeout, environment, workingDirectory);
        if (r.ExitCode != 0) throw new InvalidOperationException(r.Describe($"{program} {string.Join(' ', args)}"));
        return r;
    }

    public static string Sha256(string path)
    {
        using var s = File.OpenRead(path);
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(s));
    }
}
