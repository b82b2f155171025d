using System.CommandLine;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text.Json;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Standalone.Commands;

namespace RetouchPlugins.Standalone.Worker;

/// <summary>
/// The warm worker: one process that keeps the models open and the code compiled, and runs the effect commands that
/// `retouch` hands it over its socket, one at a time, in the command's working folder, writing into the command's
/// connection. A second command while one runs is told to run itself; so is anything but an effect command, and a
/// command whose plugins or RETOUCH_CPU differ from the worker's. It exits when told (`retouch worker stop`), on
/// Ctrl+C, or after <see cref="IdleLimit"/> without a run.
/// </summary>
internal sealed class WorkerServer : IDisposable
{
    private readonly WorkerAddress _address;
    private readonly HostCatalog _catalog;
    private readonly HashSet<string> _effectIds;
    private readonly TextWriter _log;
    private readonly string? _plugins = Environment.GetEnvironmentVariable(HostCatalog.PluginsVariable);
    private readonly string? _cpu = Environment.GetEnvironmentVariable(Shared.Onnx.OnnxRuntimeEnvironment.ForceCpuVariable);
    private readonly Dictionary<bool, PortraitAnalysisProvider> _providers = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly CancellationTokenSource _idle = new();
    private readonly DateTimeOffset _started = DateTimeOffset.Now;
    private readonly List<Task> _connections = new();
    private readonly Timer _trim;
    private const int Idle = 0, Running = 1, Trimming = 2;
    private int _busy; // Idle, Running or Trimming
    private int _runs;
    private long _lastRunEnded = Stopwatch.GetTimestamp();

    public WorkerServer(WorkerAddress address, HostCatalog catalog, TimeSpan idleLimit, TextWriter log)
    {
        _address = address;
        _catalog = catalog;
        _effectIds = catalog.All.Select(e => e.Descriptor.Id).ToHashSet(StringComparer.Ordinal);
        IdleLimit = idleLimit;
        _log = TextWriter.Synchronized(log);
        _trim = new Timer(_ => Trim());
    }

    /// <summary>
    /// How long the memory of the last run is kept for the next: a script's next photo comes within seconds and reuses
    /// it instead of faulting it in again; a worker left idle gives it back (1.7 GB -> 0.3 GB after a 24 MP photo).
    /// </summary>
    public static readonly TimeSpan TrimDelay = TimeSpan.FromSeconds(20);

    public TimeSpan IdleLimit { get; }

    /// <summary>Runs served so far.</summary>
    public int Runs => Volatile.Read(ref _runs);

    /// <summary>
    /// Listens until stopped, cancelled or idle. Throws <see cref="IOException"/> when a worker of this build already
    /// listens on the address.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellation = default)
    {
        using var listener = Listen();
        try
        {
            // The models are opened before the first command is taken (a command that connects meanwhile waits in the backlog).
            Provider(false).Prepare(AnalysisRequest.Portrait);
            _idle.CancelAfter(IdleLimit);
            _log.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} listening on {_address.SocketPath} (pid {Environment.ProcessId}); idle limit {IdleLimit.TotalMinutes:0.#} min");
            using var until = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _stop.Token, _idle.Token);
            while (true)
            {
                Socket connection;
                try { connection = await listener.AcceptAsync(until.Token); }
                catch (OperationCanceledException) { break; }
                lock (_connections)
                {
                    _connections.RemoveAll(t => t.IsCompleted);
                    _connections.Add(Task.Factory.StartNew(() => Serve(connection), CancellationToken.None,
                        TaskCreationOptions.LongRunning, TaskScheduler.Default));
                }
            }
            Task[] running;
            lock (_connections) running = _connections.ToArray();
            await Task.WhenAll(running);
            _log.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} stopped after {Runs} run(s)");
        }
        finally
        {
            try { File.Delete(_address.SocketPath); } catch (IOException) { }
        }
    }

    private Socket Listen()
    {
        if (File.Exists(_address.SocketPath))
        {
            if (WorkerClient.Connect(_address) is { } other)
            {
                other.Dispose();
                throw new IOException($"{_address.SocketPath}: a worker of this build is already running (retouch worker status)");
            }
            File.Delete(_address.SocketPath); // left by a worker that did not exit cleanly
        }
        Socket? listener = null;
        try
        {
            listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            listener.Bind(new UnixDomainSocketEndPoint(_address.SocketPath));
            listener.Listen(8);
            return listener;
        }
        catch (SocketException e)
        {
            listener?.Dispose();
            throw new IOException(e.SocketErrorCode == SocketError.AddressFamilyNotSupported
                ? "this system has no Unix domain sockets (Windows needs 10 version 1803 or later; Wine has none), so no worker can run here"
                : $"{_address.SocketPath}: cannot listen ({e.Message})", e);
        }
    }

    private void Serve(Socket connection)
    {
        using var _ = connection;
        using var stream = new NetworkStream(connection, ownsSocket: false);
        var sender = new FrameSender(stream);
        try
        {
            switch (Frame.ReadFrom(stream))
            {
                case { Kind: FrameKind.Request } frame:
                    var request = JsonSerializer.Deserialize<WorkerRequest>(frame.Text) ?? throw new InvalidDataException("an empty request");
                    Run(request, stream, sender);
                    break;
                case { Kind: FrameKind.StatusQuery }:
                    sender.Send(FrameKind.Status, JsonSerializer.Serialize(Status()));
                    break;
                case { Kind: FrameKind.Stop }:
                    _log.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} asked to stop");
                    sender.Send(FrameKind.Exit, "0");
                    _stop.Cancel();
                    break;
            }
        }
        catch (Exception e)
        {
            // The command sees its connection close and runs the photo itself; the log keeps why.
            _log.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} a connection failed: {e.GetType().Name}: {e.Message}");
        }
    }

    private WorkerStatus Status() => new(Environment.ProcessId, Path.GetFileNameWithoutExtension(_address.SocketPath), _started, Runs,
        Volatile.Read(ref _busy) == Running, Volatile.Read(ref _busy) == Running ? 0 : Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastRunEnded)).TotalSeconds,
        IdleLimit.TotalSeconds, Environment.WorkingSet);

    private void Run(WorkerRequest request, Stream stream, FrameSender sender)
    {
        int state;
        while ((state = Interlocked.CompareExchange(ref _busy, Running, Idle)) == Trimming) Thread.Sleep(5); // a collection, not a photo: wait for it
        if (state == Running)
        {
            sender.Send(FrameKind.Local, "the worker is busy with another photo");
            return;
        }
        _idle.CancelAfter(Timeout.InfiniteTimeSpan);
        try
        {
            if (Refusal(request) is { } refusal)
            {
                sender.Send(FrameKind.Local, refusal);
                return;
            }
            var output = new FrameWriter(sender, FrameKind.Out);
            var error = new FrameWriter(sender, FrameKind.Error);
            var host = new CommandHost(
                () => Terminal.ForCaller(output, request.OutIsTerminal, request.Width),
                () => Terminal.ForCaller(error, request.ErrorIsTerminal, request.Width),
                Provider,
                $"run by the warm worker (pid {Environment.ProcessId}; retouch worker stop)");
            // One run at a time: the command's relative paths are taken from its folder (the parse makes them full paths).
            Directory.SetCurrentDirectory(request.WorkingDirectory);
            var parse = Program.Root(_catalog, host).Parse(request.Args);
            if (parse.Errors.Count > 0 || parse.CommandResult.Command is not { } command || !_effectIds.Contains(command.Name)
                || parse.Action != command.Action)
            {
                sender.Send(FrameKind.Local, "not an effect run");
                return;
            }
            var clock = Stopwatch.StartNew();
            using var cancel = new CancellationTokenSource();
            // The command's Ctrl+C arrives as a Cancel frame; a command that went away (killed) closes the connection.
            _ = Task.Factory.StartNew(() => WatchForCancel(stream, cancel), CancellationToken.None,
                TaskCreationOptions.LongRunning, TaskScheduler.Default);
            int exit;
            bool stopAfter = false;
            try
            {
                exit = parse.InvokeAsync(new InvocationConfiguration
                {
                    EnableDefaultExceptionHandler = false,
                    ProcessTerminationTimeout = null, // Ctrl+C is the command's, not the worker's
                    Output = output,
                    Error = error,
                }, cancel.Token).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                exit = Program.Unexpected(e, error, request.Trace);
                stopAfter = e is OutOfMemoryException; // what it left behind is not worth keeping warm
            }
            sender.Send(FrameKind.Exit, exit.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Interlocked.Increment(ref _runs);
            _log.WriteLine($"{DateTimeOffset.Now:HH:mm:ss} {string.Join(' ', request.Args)}: exit {exit} in {clock.Elapsed.TotalSeconds:0.00} s");
            cancel.Cancel(); // the watcher's read ends when the command closes the connection
            if (stopAfter) _stop.Cancel();
        }
        finally
        {
            // Out of the command's folder again: it may be deleted (and on Windows a process's folder cannot be).
            Directory.SetCurrentDirectory(AppContext.BaseDirectory);
            Interlocked.Exchange(ref _lastRunEnded, Stopwatch.GetTimestamp());
            Volatile.Write(ref _busy, Idle);
            if (!_stop.IsCancellationRequested) _idle.CancelAfter(IdleLimit);
            _trim.Change(TrimDelay, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Hands the last run's memory back to the system, unless a run has started since.</summary>
    private void Trim()
    {
        if (Interlocked.CompareExchange(ref _busy, Trimming, Idle) != Idle) return;
        try { GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true); }
        finally { Volatile.Write(ref _busy, Idle); }
    }

    /// <summary>Why this command must run in its own process, or null when the worker can run it.</summary>
    private string? Refusal(WorkerRequest request)
    {
        if (request.Plugins != _plugins) return $"{HostCatalog.PluginsVariable} differs from the worker's";
        if (request.Cpu != _cpu) return $"{Shared.Onnx.OnnxRuntimeEnvironment.ForceCpuVariable} differs from the worker's";
        if (PluginArguments.Given(request.Args).Count > 0) return "--plugins loads plugins the worker has not";
        if (!Directory.Exists(request.WorkingDirectory)) return "the working folder is not there";
        return null;
    }

    private static void WatchForCancel(Stream stream, CancellationTokenSource cancel)
    {
        try
        {
            while (!cancel.IsCancellationRequested)
            {
                var frame = Frame.ReadFrom(stream);
                if (frame is null || frame.Value.Kind == FrameKind.Cancel) break;
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidDataException) { }
        try { cancel.Cancel(); } catch (ObjectDisposedException) { }
    }

    /// <summary>The models, kept open for every run (`--cpu` gets its own set). Like a command, it keeps no analysis between photos.</summary>
    private PortraitAnalysisProvider Provider(bool forceCpu)
    {
        lock (_providers)
        {
            if (!_providers.TryGetValue(forceCpu, out var provider))
                _providers[forceCpu] = provider = CommandAnalysis.Open(forceCpu);
            return provider;
        }
    }

    public void Dispose()
    {
        lock (_providers)
        {
            foreach (var provider in _providers.Values) provider.Dispose();
            _providers.Clear();
        }
        _trim.Dispose();
        _stop.Dispose();
        _idle.Dispose();
    }
}
