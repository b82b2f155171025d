using System.CommandLine;
using System.Net.Sockets;
using System.Text.Json;

namespace RetouchPlugins.Standalone.Worker;

/// <summary>
/// The command's side: when a worker of this build is listening, an effect command is handed to it and this process
/// only relays its output and exit code (and Ctrl+C). Anything the worker will not run, or no worker at all, and the
/// command runs in this process as always; costs a file check when no worker runs.
/// </summary>
internal static class WorkerClient
{
    /// <summary>
    /// The worker's exit code for the command, or null when this process must run it itself (no worker, a tool command,
    /// the worker busy or unlike this process, or the worker gone before the end: nothing is written until a run ends).
    /// </summary>
    public static int? TryRun(string[] args, TextWriter output, TextWriter error)
    {
        if (WorkerAddress.Disabled || args.Length == 0 || args[0].StartsWith('-') || PluginArguments.ToolCommands.Contains(args[0]))
            return null;
        return WorkerAddress.ForApplication(create: false) is { } address ? TryRun(address, args, output, error) : null;
    }

    internal static int? TryRun(WorkerAddress address, string[] args, TextWriter output, TextWriter error)
    {
        if (WorkingDirectory() is not { } workingDirectory) return null;
        using var socket = Connect(address);
        if (socket is null) return null;
        using var stream = new NetworkStream(socket, ownsSocket: false);
        var sender = new FrameSender(stream);
        var request = new WorkerRequest(args, workingDirectory,
            Environment.GetEnvironmentVariable(Shared.Effects.HostCatalog.PluginsVariable),
            Environment.GetEnvironmentVariable(Shared.Onnx.OnnxRuntimeEnvironment.ForceCpuVariable),
            Environment.GetEnvironmentVariable(Program.TraceVariable),
            !Console.IsOutputRedirected, !Console.IsErrorRedirected, ConsoleWidth());
        sender.Send(FrameKind.Request, JsonSerializer.Serialize(request));
        bool cancelled = false;
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            if (cancelled) return; // a second Ctrl+C ends this process; the worker sees the connection close and stops too
            cancelled = true;
            e.Cancel = true;
            sender.Send(FrameKind.Cancel, "");
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            while (Frame.ReadFrom(stream) is { } frame)
            {
                switch (frame.Kind)
                {
                    case FrameKind.Out: output.Write(frame.Text); break;
                    case FrameKind.Error: error.Write(frame.Text); break;
                    case FrameKind.Exit: return int.Parse(frame.Text, System.Globalization.CultureInfo.InvariantCulture);
                    case FrameKind.Local: return null;
                }
            }
        }
        catch (Exception e) when (e is IOException or InvalidDataException or FormatException) { }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        if (cancelled) return Shared.Running.RunExit.Cancelled;
        error.WriteLine("warning: the retouch worker stopped during the run; running it here");
        return null;
    }

    /// <summary>
    /// With RETOUCH_WORKER=auto: after an effect command that ran in this process and succeeded, a worker is started for
    /// the next command (not waited for; it answers about 0.3 s later). None is started when one answers already.
    /// </summary>
    public static void StartForNext(ParseResult parse, int exit, Shared.Effects.HostCatalog catalog)
    {
        if (!WorkerAddress.StartsItself || WorkerAddress.Disabled || exit != Shared.Running.RunExit.Ok) return;
        if (parse.CommandResult.Command is not { } command || parse.Action != command.Action
            || !catalog.All.Any(e => e.Descriptor.Id == command.Name)) return;
        if (WorkerAddress.ForApplication(create: true) is not { } address || Ask(address, FrameKind.StatusQuery) is not null) return;
        WorkerCommand.Spawn(address, WorkerCommand.DefaultIdleMinutes).Dispose();
    }

    /// <summary>A connection to the worker at <paramref name="address"/>, or null when none listens there.</summary>
    internal static Socket? Connect(WorkerAddress address)
    {
        if (!File.Exists(address.SocketPath)) return null;
        Socket? socket = null;
        try
        {
            socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            socket.Connect(new UnixDomainSocketEndPoint(address.SocketPath));
            return socket;
        }
        catch (SocketException) // nobody listening, or no Unix domain sockets on this system
        {
            socket?.Dispose();
            return null;
        }
    }

    /// <summary>One question to the worker (status, stop) and its one answer; null when none listens or it went away.</summary>
    internal static Frame? Ask(WorkerAddress address, FrameKind kind)
    {
        using var socket = Connect(address);
        if (socket is null) return null;
        using var stream = new NetworkStream(socket, ownsSocket: false);
        try
        {
            new Frame(kind, "").WriteTo(stream);
            return Frame.ReadFrom(stream);
        }
        catch (IOException) { return null; }
    }

    /// <summary>This process's folder, or null when it has been deleted (then the command runs itself, as it would without a worker).</summary>
    private static string? WorkingDirectory()
    {
        try { return Environment.CurrentDirectory; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
    }

    private static int ConsoleWidth()
    {
        if (Console.IsOutputRedirected) return 0;
        try { return Console.WindowWidth; }
        catch (IOException) { return 0; }
    }
}
