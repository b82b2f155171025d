using System.Diagnostics;
using RetouchPlugins.Standalone.Worker;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Worker;

/// <summary>
/// A real `retouch worker run` of the tests' build in a folder of its own (RETOUCH_WORKER_DIR), so no other test's
/// command finds it; the commands the tests run get the same folder. Stopped with `retouch worker stop` at the end.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WorkerProcess : IDisposable
{
    public static readonly string Retouch = Path.Combine(AppContext.BaseDirectory, "retouch");

    private readonly Process _process;

    public WorkerProcess()
    {
        Folder = Path.Combine(Path.GetTempPath(), "rw-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Folder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        Address = WorkerAddress.For(AppContext.BaseDirectory, Folder)!;
        var start = new ProcessStartInfo(Retouch) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "worker", "run", "--idle-minutes", "10", "--log", Address.LogPath }) start.ArgumentList.Add(arg);
        start.Environment[WorkerAddress.FolderVariable] = Folder;
        _process = Process.Start(start)!;
        var clock = Stopwatch.StartNew();
        while (WorkerClient.Ask(Address, FrameKind.StatusQuery) is not { Kind: FrameKind.Status })
        {
            if (_process.HasExited || clock.Elapsed > TimeSpan.FromMinutes(1))
                throw new InvalidOperationException($"the worker did not start: {_process.StandardError.ReadToEnd()} {Log}");
            Thread.Sleep(50);
        }
    }

    public string Folder { get; }

    internal WorkerAddress Address { get; }

    public string Log => File.Exists(Address.LogPath) ? File.ReadAllText(Address.LogPath) : "";

    /// <summary>The runs the worker has served, from `status`.</summary>
    public int Runs => System.Text.Json.JsonSerializer.Deserialize<WorkerStatus>(WorkerClient.Ask(Address, FrameKind.StatusQuery)!.Value.Text)!.Runs;

    /// <summary>`retouch ARGS` in <paramref name="workingDirectory"/>, seeing this worker (or, with <paramref name="alone"/>, none).</summary>
    internal ChildProcess.Result Command(string workingDirectory, bool alone, params string[] args) =>
        ChildProcess.Run(Retouch, args, TimeSpan.FromMinutes(3), new Dictionary<string, string>
        {
            [WorkerAddress.FolderVariable] = Folder,
            [WorkerAddress.SwitchVariable] = alone ? "off" : "on",
        }, workingDirectory);

    public void Dispose()
    {
        WorkerClient.Ask(Address, FrameKind.Stop);
        if (!_process.WaitForExit(TimeSpan.FromSeconds(30))) _process.Kill(entireProcessTree: true);
        _process.Dispose();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }
}
