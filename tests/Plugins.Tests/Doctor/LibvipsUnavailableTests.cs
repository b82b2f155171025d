using System.Diagnostics;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Doctor;

/// <summary>
/// When libvips' native library cannot load (missing, or, under Wine 8, missing one of its imports), `retouch doctor`
/// says so in one line and reports a problem; no exception escapes NetVips' or our start-up.
/// </summary>
public sealed class LibvipsUnavailableTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-novips-").FullName;
    public void Dispose() => Directory.Delete(_dir, true);

    [Fact]
    public void Loaded_status_names_the_pinned_versions()
    {
        var status = ImageFile.LibvipsStatus;
        Assert.True(status.Loaded, status.Problem);
        Assert.Equal(("8.18.7", "3.2.0"), (status.LibvipsVersion, status.NetVipsVersion));
        Assert.True(status.Concurrency >= 1);
    }

    [Fact]
    public async Task Doctor_without_the_libvips_library_says_why_in_one_line_and_exits_1()
    {
        // The application's managed files as built, without libvips' native library (and without the other natives,
        // models and test photos: the copy stays small; doctor reports those as problems too). Copies, not links:
        // the .NET host follows a link back to the original folder.
        var app = AppContext.BaseDirectory;
        foreach (var file in Directory.EnumerateFiles(app))
            if (file.EndsWith(".dll", StringComparison.Ordinal) || file.EndsWith(".json", StringComparison.Ordinal))
                File.Copy(file, Path.Combine(_dir, Path.GetFileName(file)));
        Assert.False(File.Exists(Path.Combine(_dir, "runtimes", "linux-x64", "native", "libvips.so.42")));

        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(Path.Combine(_dir, "retouch.dll"));
        psi.ArgumentList.Add("doctor");
        using var p = Process.Start(psi)!;
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderrTask = p.StandardError.ReadToEndAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
        {
            try { await p.WaitForExitAsync(timeout.Token); }
            catch (OperationCanceledException) { p.Kill(entireProcessTree: true); Assert.Fail("retouch doctor did not finish in 120 s"); }
        }
        string stdout = await stdoutTask, stderr = await stderrTask;

        var lines = stdout.Split('\n');
        var line = Assert.Single(lines, l => l.StartsWith("libvips", StringComparison.Ordinal));
        Assert.StartsWith("libvips        not loadable: ", line);
        Assert.Contains("libvips.so.42", line); // the loader's own words: which library it could not load
        Assert.Contains("ONNX Runtime   ", stdout); // the rest of the report still runs
        Assert.Equal(1, p.ExitCode);
        Assert.Contains("problem: libvips: ", stderr);
        Assert.DoesNotContain("Unhandled exception", stderr);
    }
}
