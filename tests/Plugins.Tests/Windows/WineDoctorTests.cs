using System.Text.RegularExpressions;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Windows;

/// <summary>
/// The published retouch.exe on Windows as far as Wine 8 goes: .NET, ONNX Runtime's DirectML build on the CPU (Wine has
/// no D3D12 device), the pinned files. libvips' Windows DLL does not load under Wine 8 (it imports ProcessPrng from
/// bcryptprimitives.dll, which real Windows has): doctor must say so in one line and finish.
/// </summary>
[Collection(nameof(WindowsPublish))]
public class WineDoctorTests(WindowsPublish publish)
{
    [WineFact]
    public void DoctorListsDirectMLAndEveryPinnedFileIntact()
    {
        string prefix = "";
        try
        {
            var doctor = RunInFreshPrefix(["doctor"], out prefix);
            var output = doctor.StandardOutput;

            Assert.Contains("ONNX Runtime   1.30.0 (C# API Microsoft.ML.OnnxRuntime.Managed 1.30.0)", output);
            Assert.Matches(@"providers\s+.*\bDmlExecutionProvider\b.*\bCPUExecutionProvider\b", output);
            // Wine 8 here has no D3D12 device (887A0004): the CPU, with DirectML's own reason; a Wine with a working
            // D3D12 (vkd3d over a Vulkan driver) would give DirectML, which is right too
            Assert.Matches(@"chosen\s+(CPUExecutionProvider: DirectML could not create a device: .+|DmlExecutionProvider: DirectML created a device)", output);

            foreach (var asset in publish.Assets.Where(a => a.IsModel || a.Platform == "win-x64"))
                Assert.Matches($@"(?m)^\s+{Regex.Escape(asset.FileName)}\s+sha256 {asset.Sha256} ok\b", output);

            Assert.Matches(@"(?m)^worker\s+none running", output); // no worker, and none asked about as a problem

            // libvips: one clear line, one problem, and doctor ends normally with its "problems" exit code
            Assert.Single(output.Split('\n'), l => l.StartsWith("libvips", StringComparison.Ordinal));
            Assert.Matches(@"(?m)^libvips\s+not loadable", output);
            var problems = doctor.StandardError.Split('\n').Where(l => l.StartsWith("problem:", StringComparison.Ordinal)).ToArray();
            Assert.True(problems.Length == 1 && problems[0].StartsWith("problem: libvips", StringComparison.Ordinal), doctor.Output);
            Assert.Equal(1, doctor.ExitCode);
        }
        finally
        {
            DeletePrefix(prefix);
        }
    }

    /// <summary>
    /// `retouch worker start` where the system has no Unix domain sockets (Wine 8; Windows before 10 version 1803): one line
    /// that says so, exit 1; effect commands then simply run in their own process.
    /// </summary>
    [WineFact]
    public void WorkerStartSaysThereAreNoUnixDomainSockets()
    {
        string prefix = "";
        try
        {
            var start = RunInFreshPrefix(["worker", "start"], out prefix);

            Assert.Equal(1, start.ExitCode);
            Assert.Contains("this system has no Unix domain sockets", start.StandardError);
            Assert.DoesNotContain("unexpected", start.StandardError);
        }
        finally
        {
            DeletePrefix(prefix);
        }
    }

    /// <summary>Wine's exit code when the prefix it was creating could not be set up.</summary>
    private const int PrefixSetUpFailed = 53;

    /// <summary>
    /// `retouch.exe ARGS` under Wine in a new prefix (<paramref name="prefix"/>, for the caller to delete). Wine creates
    /// the prefix on that first run; twice in full test runs here it exited 53 after 2 s with nothing printed while other
    /// Wine scenarios started beside it, and passed alone right after: that exit is tried again on a fresh prefix.
    /// </summary>
    private ChildProcess.Result RunInFreshPrefix(string[] args, out string prefix)
    {
        for (int attempt = 1; ; attempt++)
        {
            prefix = Path.Combine(Path.GetTempPath(), "retouch-wine-" + Guid.NewGuid().ToString("N"));
            var run = ChildProcess.Run(WineFactAttribute.Wine64, [publish.PathOf("retouch.exe"), .. args], TimeSpan.FromMinutes(5),
                new Dictionary<string, string> { ["WINEPREFIX"] = prefix, ["WINEDEBUG"] = "-all", ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1" },
                workingDirectory: publish.Folder);
            if (run.ExitCode != PrefixSetUpFailed || attempt == 3) return run;
            DeletePrefix(prefix);
            Thread.Sleep(TimeSpan.FromSeconds(attempt));
        }
    }

    private static void DeletePrefix(string prefix)
    {
        // wineserver may hold the prefix for a moment after the program ended
        for (int i = 0; i < 10 && Directory.Exists(prefix); i++)
        {
            try { Directory.Delete(prefix, true); }
            catch (IOException) { Thread.Sleep(500); }
        }
    }
}
