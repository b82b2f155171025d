using RetouchPlugins.Shared.Running;
using RetouchPlugins.Standalone;
using RetouchPlugins.Standalone.Worker;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Worker;

/// <summary>Where a worker listens, and what a command does when none listens there.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class WorkerAddressTests : IDisposable
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "rw-addr-" + Guid.NewGuid().ToString("N")[..8]);

    public WorkerAddressTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public void A_folder_others_can_enter_is_not_used_and_a_missing_one_is_made_private()
    {
        var shared = Path.Combine(_folder, "shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, Private | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        Assert.Null(WorkerAddress.For(AppContext.BaseDirectory, shared));

        var made = Path.Combine(_folder, "made");
        Assert.Null(WorkerAddress.For(AppContext.BaseDirectory, made, create: false)); // a command looking for a worker
        Assert.False(Directory.Exists(made));
        var address = WorkerAddress.For(AppContext.BaseDirectory, made);
        Assert.NotNull(address);
        Assert.Equal(Private, File.GetUnixFileMode(made));
        Assert.Matches(@"worker-[0-9a-f]{12}\.sock$", address!.SocketPath);
    }

    [Fact]
    public void The_address_changes_with_the_build()
    {
        var app = Path.Combine(_folder, "app");
        Directory.CreateDirectory(app);
        File.WriteAllText(Path.Combine(app, "retouch.dll"), "one");
        var first = BuildIdentity.Of(app);
        Assert.Equal(first, BuildIdentity.Of(app));
        File.WriteAllText(Path.Combine(app, "retouch.dll"), "two!");
        var rebuilt = BuildIdentity.Of(app);
        Assert.NotEqual(first, rebuilt);
        Directory.CreateDirectory(Path.Combine(app, "plugins"));
        File.WriteAllText(Path.Combine(app, "plugins", "Their.Effect.dll"), "plugin");
        Assert.NotEqual(rebuilt, BuildIdentity.Of(app));
    }

    /// <summary>A worker killed without cleaning up leaves its socket file: the command runs itself, and `worker status` says none runs.</summary>
    [Fact]
    public void A_socket_left_by_a_killed_worker_is_passed_over()
    {
        var (address, environment) = Sockets();
        var start = ChildProcess.Run(WorkerProcess.Retouch, ["worker", "start"], TimeSpan.FromMinutes(2), environment);
        Assert.True(start.ExitCode == RunExit.Ok, start.Output);
        var pid = int.Parse(System.Text.RegularExpressions.Regex.Match(start.StandardOutput, @"pid (\d+)").Groups[1].Value);
        using (var worker = System.Diagnostics.Process.GetProcessById(pid))
        {
            worker.Kill();
            worker.WaitForExit();
        }
        Assert.True(File.Exists(address.SocketPath));
        File.Copy(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg"), Path.Combine(_folder, "photo.jpg"));

        var run = ChildProcess.Run(WorkerProcess.Retouch, ["whiten", "photo.jpg", "-o", "out.jpg"], TimeSpan.FromMinutes(3), environment, _folder);
        var status = ChildProcess.Run(WorkerProcess.Retouch, ["worker", "status"], TimeSpan.FromMinutes(1), environment, _folder);

        Assert.True(run.ExitCode == RunExit.Ok, run.Output);
        Assert.DoesNotContain("warm worker", run.Output);
        Assert.True(File.Exists(Path.Combine(_folder, "out.jpg")));
        Assert.Equal(RunExit.BadInput, status.ExitCode);
        Assert.Contains("worker none running", status.StandardOutput);
    }

    /// <summary>`worker start` puts one in the background and returns once it answers; `worker stop` ends it and its socket.</summary>
    [Fact]
    public void Start_and_stop_from_the_command_line()
    {
        var (address, environment) = Sockets();
        var start = ChildProcess.Run(WorkerProcess.Retouch, ["worker", "start", "--idle-minutes", "2"], TimeSpan.FromMinutes(2), environment);
        try
        {
            Assert.True(start.ExitCode == RunExit.Ok, start.Output);
            Assert.Matches(@"worker started \(pid \d+", start.StandardOutput);
            Assert.NotNull(WorkerClient.Ask(address, FrameKind.StatusQuery));
            var again = ChildProcess.Run(WorkerProcess.Retouch, ["worker", "start"], TimeSpan.FromMinutes(1), environment);
            Assert.Contains("a worker is already running", again.StandardOutput);
        }
        finally
        {
            var stop = ChildProcess.Run(WorkerProcess.Retouch, ["worker", "stop"], TimeSpan.FromMinutes(1), environment);
            Assert.Contains("worker stopped", stop.StandardOutput);
        }
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (File.Exists(address.SocketPath) && DateTime.UtcNow < deadline) Thread.Sleep(50);
        Assert.False(File.Exists(address.SocketPath));
        Assert.Null(WorkerClient.Ask(address, FrameKind.StatusQuery));
    }

    /// <summary>A worker nobody uses exits by itself after its idle limit and takes its socket with it.</summary>
    [Fact]
    public void An_idle_worker_exits_by_itself()
    {
        var (address, environment) = Sockets();
        var run = ChildProcess.Run(WorkerProcess.Retouch, ["worker", "run", "--idle-minutes", "0.05", "--log", address.LogPath], TimeSpan.FromMinutes(2), environment);

        Assert.True(run.ExitCode == RunExit.Ok, run.Output);
        Assert.False(File.Exists(address.SocketPath));
        Assert.Contains("stopped after 0 run(s)", File.ReadAllText(address.LogPath));
    }

    /// <summary>
    /// RETOUCH_WORKER=auto: a command that found no worker starts one once it has finished, without holding up whoever reads
    /// its output to the end (the test's own reading would time out), and the next command runs in it.
    /// </summary>
    [Fact]
    public void With_auto_a_command_starts_a_worker_for_the_next()
    {
        var (address, environment) = Sockets();
        environment[WorkerAddress.SwitchVariable] = "auto";
        File.Copy(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg"), Path.Combine(_folder, "photo.jpg"));
        try
        {
            var first = ChildProcess.Run(WorkerProcess.Retouch, ["whiten", "photo.jpg", "-o", "first.jpg"], TimeSpan.FromMinutes(3), environment, _folder);
            Assert.True(first.ExitCode == RunExit.Ok, first.Output);
            Assert.DoesNotContain("warm worker", first.Output);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            while (WorkerClient.Ask(address, FrameKind.StatusQuery) is null)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromMinutes(1), "no worker was started");
                Thread.Sleep(50);
            }
            var next = ChildProcess.Run(WorkerProcess.Retouch, ["whiten", "photo.jpg", "-o", "next.jpg"], TimeSpan.FromMinutes(3), environment, _folder);
            Assert.True(next.ExitCode == RunExit.Ok, next.Output);
            Assert.Contains("run by the warm worker", next.StandardOutput);
        }
        finally
        {
            WorkerClient.Ask(address, FrameKind.Stop);
        }
    }

    /// <summary>This build's address in the test's own socket folder, and the environment that points a command there.</summary>
    private (WorkerAddress Address, Dictionary<string, string> Environment) Sockets()
    {
        var address = WorkerAddress.For(AppContext.BaseDirectory, Path.Combine(_folder, "sockets"))!;
        return (address, new Dictionary<string, string> { [WorkerAddress.FolderVariable] = address.Folder });
    }

    public void Dispose()
    {
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
