using System.Diagnostics;

namespace RetouchPlugins.Tests.Layers;

/// <summary>Runs GIMP / ImageMagick for the interoperability tests. They are required (CI installs them via
/// .ci/run), so a missing tool fails the test with an install hint instead of skipping it.</summary>
internal static class ExternalTool
{
    public static string Require(string name)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var full = Path.Combine(dir, name);
            if (File.Exists(full)) return full;
        }
        throw new InvalidOperationException($"'{name}' is not installed; run: apt-get install -y gimp imagemagick (.ci/run does this in CI)");
    }

    /// <summary>Runs a Script-Fu program in one batch GIMP (started without data, fonts or a UI) and quits it.</summary>
    public static void Gimp(string script)
    {
        var file = Path.Combine(Path.GetTempPath(), $"retouch-gimp-{Guid.NewGuid():N}.scm");
        File.WriteAllText(file, script);
        try { Run("gimp", ["-i", "-n", "-d", "-f", "--batch-interpreter=plug-in-script-fu-eval", "-b", $"(load {Scheme(file)})", "-b", "(gimp-quit 0)"]); }
        finally { File.Delete(file); }
    }

    /// <summary>A Script-Fu string literal.</summary>
    public static string Scheme(string s) => "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";

    public static string Run(string tool, IEnumerable<string> args, int timeoutSeconds = 120)
    {
        var psi = new ProcessStartInfo(Require(tool)) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["HOME"] = Path.Combine(Path.GetTempPath(), "retouch-gimp-home"); // GIMP keeps its profile here, not in the user's
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish in {timeoutSeconds} s");
        }
        if (p.ExitCode != 0) throw new InvalidOperationException($"{tool} exited with {p.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    /// <summary>
    /// The largest difference between one frame of a file as ImageMagick decodes it (16-bit samples, <paramref name="map"/>
    /// "rgb" or "rgba") and <paramref name="expected"/>'s first planes in that order.
    /// </summary>
    public static float MaxDifferenceFromImageMagick(string file, int frame, RetouchPlugins.Shaders.PlanarImage expected, string map)
    {
        var raw = Path.Combine(Path.GetTempPath(), $"retouch-magick-{Guid.NewGuid():N}.{map}");
        try
        {
            Run("convert", [$"{file}[{frame}]", "-depth", "16", $"{map}:{raw}"]);
            var bytes = File.ReadAllBytes(raw);
            int planes = map.Length;
            float worst = 0;
            for (int i = 0; i < expected.PlaneSize; i++)
                for (int c = 0; c < planes; c++)
                {
                    int v = bytes[(i * planes + c) * 2] | bytes[(i * planes + c) * 2 + 1] << 8; // ImageMagick's raw is little-endian here
                    worst = Math.Max(worst, Math.Abs(v / 65535f - expected.Data[c * expected.PlaneSize + i]));
                }
            return worst;
        }
        finally { File.Delete(raw); }
    }
}
