using Microsoft.ML.OnnxRuntime;
using OrtException = Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>
/// Our entry point to ONNX Runtime: the one ORT environment of the process (ORT keeps a single OrtEnv
/// anyway), the execution provider every session gets and why, and sessions opened with our settings and
/// errors that name the model. Create one per host; disposing it only stops it opening sessions (ORT's
/// environment lives as long as the process, so open sessions keep working).
/// </summary>
public sealed class OnnxRuntimeEnvironment : IDisposable
{
    /// <summary>Set (to anything but 0 or empty) to keep every session on the CPU, like <c>--cpu</c>: for a GPU driver that misbehaves.</summary>
    public const string ForceCpuVariable = "RETOUCH_CPU";

    private readonly OrtEnv _ort;
    private readonly Lazy<ExecutionProviderChoice> _choice;
    private bool _disposed;

    /// <param name="forceCpu">Keep every session on the CPU whatever the library offers (the hosts' <c>--cpu</c>).</param>
    /// <remarks>Optimised models are cached where <see cref="OptimizedModelCache.Variable"/> says (by default the per-user cache folder).</remarks>
    public OnnxRuntimeEnvironment(bool forceCpu = false) : this(forceCpu, OptimizedModelCache.FromEnvironment()) { }

    /// <param name="forceCpu">Keep every session on the CPU whatever the library offers (the hosts' <c>--cpu</c>).</param>
    /// <param name="modelCache">Where optimised models are kept between runs; null: optimise every model at every opening.</param>
    public OnnxRuntimeEnvironment(bool forceCpu, OptimizedModelCache? modelCache)
    {
        ModelCache = modelCache;
        OrtTelemetry.KeepOffBeforeLoading();
        _ort = LoadOrt();
        _ort.DisableTelemetryEvents();
        // Warnings (e.g. initializers that could be folded) would land in the middle of the command's own output.
        _ort.EnvLogLevel = OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR;
        Version = _ort.GetVersionString();
        AvailableProviders = _ort.GetAvailableProviders();
        string? forcedBy = forceCpu ? "the CPU was asked for"
            : Environment.GetEnvironmentVariable(ForceCpuVariable) is { Length: > 0 } v && v != "0" ? $"{ForceCpuVariable}={v} asks for the CPU"
            : null;
        _choice = new Lazy<ExecutionProviderChoice>(() => forcedBy is null ? ProbeDirectML() : new(ExecutionProviders.Cpu, forcedBy),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>ORT's managed layer loads the native library on first use; a missing or foreign one surfaces here, in one line.</summary>
    private static OrtEnv LoadOrt()
    {
        try
        {
            return OrtEnv.Instance();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or BadImageFormatException or TypeInitializationException)
        {
            var cause = e is TypeInitializationException { InnerException: { } inner } ? inner : e;
            var file = Path.Combine(AppContext.BaseDirectory, NativeFileName);
            // .NET's own message lists every path it tried, over several lines; the first line says what failed.
            throw new DllNotFoundException(File.Exists(file)
                ? $"ONNX Runtime: {file} could not be loaded: {cause.Message.Split('\n')[0].Trim()}"
                : $"ONNX Runtime: {NativeFileName} is missing from {AppContext.BaseDirectory}; rebuild or republish so that build/Assets.targets copies it", cause);
        }
    }

    /// <summary>The file ORT's managed layer loads on this OS (build/Assets.targets puts it next to the program).</summary>
    private static string NativeFileName =>
        OperatingSystem.IsWindows() ? "onnxruntime.dll" : OperatingSystem.IsMacOS() ? "libonnxruntime.dylib" : "libonnxruntime.so";

    /// <summary>Where optimised models are cached between runs (CPU sessions only); null when off.</summary>
    public OptimizedModelCache? ModelCache { get; }

    /// <summary>The loaded library's version, e.g. "1.30.0".</summary>
    public string Version { get; }

    /// <summary>Providers compiled into the loaded library, as ORT names them (OrtEnv.GetAvailableProviders).</summary>
    public IReadOnlyList<string> AvailableProviders { get; }

    /// <summary>True when the loaded library was built with DirectML (the Windows build we ship).</summary>
    public bool DirectMLAvailable => AvailableProviders.Contains(ExecutionProviders.DirectML);

    /// <summary>
    /// The provider sessions get by default, and why: DirectML when the library has it and a device can be
    /// created on the default adapter, otherwise the CPU. Decided once, on first use.
    /// </summary>
    public ExecutionProviderChoice ProviderChoice => _choice.Value;

    private ExecutionProviderChoice ProbeDirectML()
    {
        if (!DirectMLAvailable)
            return new(ExecutionProviders.Cpu, $"this ONNX Runtime build has no DirectML (it offers {string.Join(", ", AvailableProviders)})");
        try
        {
            // Appending the provider creates the D3D12 and DirectML devices, which is what fails without a usable GPU.
            using var probe = new SessionOptions();
            probe.AppendExecutionProvider_DML(0);
            return new(ExecutionProviders.DirectML, "DirectML created a device on the default adapter");
        }
        catch (OrtException e)
        {
            return new(ExecutionProviders.Cpu, $"DirectML could not create a device: {OneLine(e.Message)}");
        }
        catch (EntryPointNotFoundException)
        {
            return new(ExecutionProviders.Cpu, "the library lists DirectML but lacks its entry point OrtSessionOptionsAppendExecutionProvider_DML");
        }
    }

    /// <summary>Opens a model file. Errors name the file.</summary>
    public OnnxSession OpenSession(string modelPath, SessionSettings? settings = null)
    {
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"ONNX model '{modelPath}' does not exist", modelPath);
        var full = Path.GetFullPath(modelPath);
        return Open(Path.GetFileName(modelPath), settings ?? SessionSettings.Default, () => File.ReadAllBytes(full), options => new InferenceSession(full, options));
    }

    /// <summary>Opens a model held in memory; <paramref name="modelName"/> names it in errors.</summary>
    public OnnxSession OpenSession(byte[] model, string modelName, SessionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Open(modelName, settings ?? SessionSettings.Default, () => model, options => new InferenceSession(model, options));
    }

    private OnnxSession Open(string modelName, SessionSettings settings, Func<byte[]> modelBytes, Func<SessionOptions, InferenceSession> create)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var options = settings.ToOrtOptions();
        var provider = AddProvider(options, settings, modelName);
        var cached = CachePath(modelName, settings, provider, modelBytes);
        if (cached is not null && OptimizedModelCache.IsIntact(cached))
        {
            // ORT's docs: an optimised model is loaded with graph optimisation off (it has been done).
            options.GraphOptimizationLevel = GraphOptimizationLevel.ORT_DISABLE_ALL;
            try
            {
                return new OnnxSession(new InferenceSession(cached, options), modelName, provider, OptimizedModelUse.Loaded);
            }
            catch (OrtException)
            {
                OptimizedModelCache.Forget(cached); // corrupt or unreadable: written again below
            }
            options.GraphOptimizationLevel = settings.Optimization;
        }
        var temporary = cached is null ? null : OptimizedModelCache.TemporaryFor(cached);
        if (temporary is not null)
        {
            using var writing = settings.ToOrtOptions();
            AddProvider(writing, settings, modelName);
            writing.OptimizedModelFilePath = temporary;
            try
            {
                var session = create(writing);
                return new OnnxSession(session, modelName, provider,
                    OptimizedModelCache.Commit(temporary, cached!) ? OptimizedModelUse.Written : OptimizedModelUse.Off);
            }
            catch (OrtException)
            {
                // Writing the optimised copy failed (or the model itself is bad): open it plainly, which says which.
                OptimizedModelCache.TryDelete(temporary);
            }
        }
        try
        {
            return new OnnxSession(create(options), modelName, provider, OptimizedModelUse.Off);
        }
        catch (OrtException e)
        {
            throw new OnnxRuntimeException("CreateSession", modelName, e);
        }
    }

    /// <summary>The cache file for this model and session, or null when nothing is cached for it (no cache, not the CPU, optimisation off).</summary>
    private string? CachePath(string modelName, SessionSettings settings, ExecutionProviderChoice provider, Func<byte[]> modelBytes)
    {
        if (ModelCache is null || provider.Provider != ExecutionProviders.Cpu || settings.Optimization == GraphOptimizationLevel.ORT_DISABLE_ALL)
            return null;
        try
        {
            return ModelCache.PathFor(modelName, modelBytes(), Version, provider.Provider, settings.Optimization);
        }
        catch (IOException)
        {
            return null; // the model file is read again by ORT, which reports what is wrong with it
        }
    }

    /// <summary>Adds DirectML to <paramref name="options"/> when the settings and <see cref="ProviderChoice"/> allow; returns what the session gets.</summary>
    private ExecutionProviderChoice AddProvider(SessionOptions options, SessionSettings settings, string modelName)
    {
        if (settings.Provider == ExecutionProviderPreference.Cpu) return new(ExecutionProviders.Cpu, "the CPU was asked for");
        var choice = ProviderChoice;
        if (choice.Provider != ExecutionProviders.DirectML)
        {
            if (settings.Provider == ExecutionProviderPreference.DirectML)
                throw new NotSupportedException($"model '{modelName}': DirectML was asked for, but {choice.Reason}");
            return choice;
        }
        // DirectML runs the graph sequentially and cannot use ORT's memory patterns.
        options.ExecutionMode = ExecutionMode.ORT_SEQUENTIAL;
        options.EnableMemoryPattern = false;
        try
        {
            options.AppendExecutionProvider_DML(settings.DeviceId);
            return settings.DeviceId == 0 ? choice : new(ExecutionProviders.DirectML, $"DirectML on adapter {settings.DeviceId}");
        }
        catch (OrtException e) when (settings.Provider == ExecutionProviderPreference.Auto)
        {
            return new(ExecutionProviders.Cpu, $"DirectML failed on adapter {settings.DeviceId}: {OneLine(e.Message)}");
        }
        catch (OrtException e)
        {
            throw new OnnxRuntimeException("AppendExecutionProvider_DML", modelName, e);
        }
    }

    /// <summary>ORT's DirectML messages end in a line break and padding; the reason is shown on one line.</summary>
    private static string OneLine(string message) => string.Join(' ', message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Stops this object opening sessions; ORT's process-wide environment and the sessions already open live on.</summary>
    public void Dispose() => _disposed = true;
}
