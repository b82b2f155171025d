using System.CommandLine;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Running;

namespace RetouchPlugins.Standalone.Worker;

/// <summary>
/// `retouch worker start|stop|status|run`: a warm worker for a script or another program that runs `retouch ID` once
/// per photo. Each fresh command loads the models, compiles the code and faults in its memory again (a 24 MP close-up:
/// 2.8 s, of which the run itself is about 1.5 s); with a worker of the same build listening, the command hands its run
/// over and only relays the output. Nothing starts a worker but these commands; it exits after its idle limit.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create(HostCatalog catalog)
    {
        var command = new Command("worker", "A warm worker that runs `retouch ID` commands without loading the models each time: start, stop, status, run.");
        command.Subcommands.Add(Start());
        command.Subcommands.Add(Stop());
        command.Subcommands.Add(Status());
        command.Subcommands.Add(RunInForeground(catalog));
        return command;
    }

    /// <summary>The GC setting the worker is started with (build/RetouchRuntime.props gives the command 9).</summary>
    public const string ConserveMemoryVariable = "DOTNET_GCConserveMemory";

    /// <summary>The worker's level (0-9, 9 returns the most); see <see cref="StartInBackground"/>.</summary>
    public const string WorkerConserveMemory = "5";

    /// <summary>How long a worker waits for a run before it exits, unless told otherwise.</summary>
    public const double DefaultIdleMinutes = 15;

    private static Option<double> IdleOption() => new("--idle-minutes")
    {
        Description = "Exit after this many minutes without a run.",
        DefaultValueFactory = _ => DefaultIdleMinutes,
    };

    private static Command Start()
    {
        var command = new Command("start", "Start the worker in the background and wait until it is ready; effect commands of this retouch then run in it.");
        var idle = IdleOption();
        command.Options.Add(idle);
        command.SetAction(parse => StartInBackground(parse.GetValue(idle), Console.Out, Console.Error));
        return command;
    }

    private static Command Stop()
    {
        var command = new Command("stop", "Stop this build's worker (after the run it is doing).");
        command.SetAction(_ =>
        {
            if (Address(Console.Error) is not { } address) return RunExit.BadInput;
            Console.WriteLine(WorkerClient.Ask(address, FrameKind.Stop) is null ? "no worker running" : "worker stopped");
            return RunExit.Ok;
        });
        return command;
    }

    private static Command Status()
    {
        var command = new Command("status", "Whether this build's worker runs: its process, runs served, idle time and memory. Exit 1 when none runs.");
        command.SetAction(_ =>
        {
            if (Address(Console.Error) is not { } address) return RunExit.BadInput;
            var (running, line) = Describe(address);
            Console.WriteLine($"worker {line}");
            return running ? RunExit.Ok : RunExit.BadInput;
        });
        return command;
    }

    /// <summary>What `worker status` and `doctor` say after "worker": this build's worker at <paramref name="address"/> , and whether one answered.</summary>
    internal static (bool Running, string Line) Describe(WorkerAddress address)
    {
        if (WorkerClient.Ask(address, FrameKind.StatusQuery) is not { Kind: FrameKind.Status } answer)
            return (false, $"none running (would listen on {address.SocketPath})");
        var status = JsonSerializer.Deserialize<WorkerStatus>(answer.Text)!;
        return (true, $"pid {status.ProcessId} on {address.SocketPath}, started {status.Started:yyyy-MM-dd HH:mm:ss}, " +
            $"{status.Runs} run(s), {(status.Busy ? "running one now" : $"idle {status.IdleSeconds:0} s of {status.IdleLimitSeconds:0} s")}, " +
            $"{status.WorkingSetBytes / (1 << 20)} MB in memory");
    }

    private static Command RunInForeground(HostCatalog catalog)
    {
        var command = new Command("run", "Run the worker in this process (Ctrl+C stops it); `start` runs this in the background.");
        var idle = IdleOption();
        var log = new Option<FileInfo?>("--log") { Description = "Write the worker's lines to this file instead of standard output.", HelpName = "FILE" };
        command.Options.Add(idle);
        command.Options.Add(log);
        command.SetAction(async (parse, cancellation) =>
        {
            if (Address(Console.Error) is not { } address) return RunExit.BadInput;
            await using var logFile = parse.GetValue(log) is { } file ? new StreamWriter(file.FullName, append: true) { AutoFlush = true } : null;
            // Started by `start`, the worker outlives the terminal it came from.
            using var hangUp = logFile is not null && !OperatingSystem.IsWindows()
                ? PosixSignalRegistration.Create(PosixSignal.SIGHUP, context => context.Cancel = true) : null;
            using var server = new WorkerServer(address, catalog, TimeSpan.FromMinutes(parse.GetValue(idle)), logFile ?? Console.Out);
            try
            {
                await server.RunAsync(cancellation);
                return RunExit.Ok;
            }
            catch (IOException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return RunExit.BadInput;
            }
        });
        return command;
    }

    private static int StartInBackground(double idleMinutes, TextWriter output, TextWriter error)
    {
        if (Address(error) is not { } address) return RunExit.BadInput;
        if (WorkerClient.Ask(address, FrameKind.StatusQuery) is { Kind: FrameKind.Status } answer)
        {
            output.WriteLine($"a worker is already running (pid {JsonSerializer.Deserialize<WorkerStatus>(answer.Text)!.ProcessId})");
            return RunExit.Ok;
        }
        using var process = Spawn(address, idleMinutes);
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (WorkerClient.Ask(address, FrameKind.StatusQuery) is { Kind: FrameKind.Status })
            {
                output.WriteLine($"worker started (pid {process.Id}, {clock.Elapsed.TotalSeconds:0.0} s); it exits after {idleMinutes:0.#} min idle, or with `retouch worker stop`");
                return RunExit.Ok;
            }
            if (process.WaitForExit(100))
            {
                error.WriteLine($"error: the worker exited at start ({process.ExitCode}): {process.StandardError.ReadToEnd().Trim()}");
                return RunExit.BadInput;
            }
        }
        error.WriteLine($"error: the worker did not get ready in 60 s; see {address.LogPath}");
        return RunExit.BadInput;
    }

    /// <summary>
    /// `retouch worker run` of this same build as a process of its own, its standard streams pipes this process drops (a
    /// worker that kept a caller's stdout open would hold up a script reading it to the end), its log in the socket's folder.
    /// </summary>
    internal static Process Spawn(WorkerAddress address, double idleMinutes)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!)
        {
            UseShellExecute = false,
            CreateNoWindow = true,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = AppContext.BaseDirectory, // not the caller's folder, which may be deleted while the worker runs
        };
        // The command's GC (conserve-memory level 9) hands freed memory back at once: right for one photo per process. The
        // worker keeps more of it for the next photo: 24 MP close-ups and group photos in turn took 1.35-1.67 s a command
        // at 5 (peak 1.95 GB) against 1.6-1.9 s at 9; 0 was no faster and peaked at 2.1-2.3 GB.
        start.Environment[ConserveMemoryVariable] = WorkerConserveMemory;
        // Under `dotnet retouch.dll` the process is dotnet: the worker is started the same way.
        if (Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet")
            start.ArgumentList.Add(typeof(WorkerCommand).Assembly.Location);
        foreach (var arg in new[] { "worker", "run", "--idle-minutes", idleMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture), "--log", address.LogPath })
            start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }

    private static WorkerAddress? Address(TextWriter error)
    {
        var address = WorkerAddress.ForApplication(create: true);
        if (address is null)
            error.WriteLine($"error: no folder for this user alone to put the worker's socket in; set {WorkerAddress.FolderVariable} to one (mode 0700)");
        return address;
    }
}
