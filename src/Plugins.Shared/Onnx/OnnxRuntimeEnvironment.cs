using System.Runtime.InteropServices;
using RetouchPlugins.Shared.Native;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>ORT's logging severities (OrtLoggingLevel); messages at or above the level go to stderr.</summary>
public enum OrtLoggingLevel
{
    Verbose = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
    Fatal = 4,
}

/// <summary>
/// The entry point to ONNX Runtime: loads the native library, holds the OrtEnv and opens
/// sessions. Create one per application (ORT shares a single environment inside the process
/// anyway). A session opened here keeps the native OrtEnv alive until the session is disposed.
/// </summary>
public sealed unsafe class OnnxRuntimeEnvironment : IDisposable
{
    private const string DmlExport = "OrtSessionOptionsAppendExecutionProvider_DML";
    private readonly nint _appendDml;
    private bool _disposed;

    public OnnxRuntimeEnvironment(OrtLoggingLevel logLevel = OrtLoggingLevel.Error)
    {
        Api = OrtApi.Load();
        Version = OrtNative.VersionString();
        AvailableProviders = Api.GetAvailableProviders();
        if (!AvailableProviders.Contains(ExecutionProviders.Cpu))
            throw new InvalidOperationException(
                $"ONNX Runtime {Version}: the provider list [{string.Join(", ", AvailableProviders)}] lacks {ExecutionProviders.Cpu}; the C API table does not match this binding");
        Env = Api.CreateEnv((int)logLevel, "RetouchPlugins");

        // The DirectML entry point is a plain export of the Windows build, not part of the OrtApi table.
        if (LoadedLibrary() is var library and not 0) NativeLibrary.TryGetExport(library, DmlExport, out _appendDml);
    }

    /// <summary>
    /// A handle to the same file the DllImport resolver loaded (loading it again only adds a
    /// reference). NativeLibrary.Load by logical name would bypass our resolver.
    /// </summary>
    private static nint LoadedLibrary()
    {
        var candidates = NativeLibraries.Locate(NativeLibraries.OnnxRuntime) is { } staged
            ? [staged]
            : NativeLibraries.CandidateFiles(NativeLibraries.OnnxRuntime);
        foreach (var file in candidates)
            if (NativeLibrary.TryLoad(file, out var handle)) return handle;
        return 0;
    }

    /// <summary>The loaded library's version, e.g. "1.30.0".</summary>
    public string Version { get; }

    /// <summary>Providers compiled into the loaded library, as ORT names them.</summary>
    public IReadOnlyList<string> AvailableProviders { get; }

    /// <summary>True when the library exports the DirectML entry point (the Windows build with DirectML.dll).</summary>
    public bool DirectMLAvailable => _appendDml != 0;

    internal OrtApi Api { get; }
    internal OrtEnvHandle Env { get; }

    /// <summary>Opens a model file. Errors name the file.</summary>
    public OnnxSession OpenSession(string modelPath, SessionSettings? settings = null)
    {
        var name = Path.GetFileName(modelPath);
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"ONNX model '{modelPath}' does not exist", modelPath);
        return Open(name, settings ?? SessionSettings.Default, options => Api.CreateSession(Env, Path.GetFullPath(modelPath), options, name));
    }

    /// <summary>Opens a model held in memory; <paramref name="modelName"/> names it in errors.</summary>
    public OnnxSession OpenSession(byte[] model, string modelName, SessionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        return Open(modelName, settings ?? SessionSettings.Default, options => Api.CreateSessionFromArray(Env, model, options, modelName));
    }

    private OnnxSession Open(string modelName, SessionSettings settings, Func<OrtSessionOptionsHandle, OrtSessionHandle> create)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        using var options = Api.CreateSessionOptions();
        if (settings.IntraOpThreads > 0) Api.SetIntraOpNumThreads(options, settings.IntraOpThreads);
        if (settings.InterOpThreads > 0) Api.SetInterOpNumThreads(options, settings.InterOpThreads);
        Api.SetGraphOptimizationLevel(options, (int)settings.Optimization);
        var (provider, note) = ChooseProvider(options, settings, modelName);
        var session = create(options);
        return new OnnxSession(this, session, modelName, provider, note);
    }

    /// <summary>Appends DirectML when wanted and present; returns the provider the session gets and why.</summary>
    private (string Provider, string? Note) ChooseProvider(OrtSessionOptionsHandle options, SessionSettings settings, string modelName)
    {
        if (settings.Provider == ExecutionProviderPreference.Cpu) return (ExecutionProviders.Cpu, null);
        if (!DirectMLAvailable)
        {
            if (settings.Provider == ExecutionProviderPreference.DirectML)
                throw new NotSupportedException($"model '{modelName}': DirectML was asked for, but ONNX Runtime {Version} here has no {DmlExport} export (only the Windows build has it)");
            return (ExecutionProviders.Cpu, "DirectML is not in this ONNX Runtime build");
        }
        try
        {
            Api.SetSequentialExecution(options);
            Api.DisableMemPattern(options);
            Api.Check(((delegate* unmanaged<nint, int, nint>)_appendDml)(options.DangerousGetHandle(), settings.DeviceId), "AppendExecutionProvider_DML", modelName);
            return (ExecutionProviders.DirectML, null);
        }
        catch (OnnxRuntimeException e) when (settings.Provider == ExecutionProviderPreference.Auto)
        {
            // No usable GPU (e.g. under Wine or on a server): the CPU still works.
            return (ExecutionProviders.Cpu, "DirectML failed: " + e.OrtMessage);
        }
    }

    /// <summary>Releases the environment; sessions still open keep the native OrtEnv until they are disposed.</summary>
    public void Dispose()
    {
        _disposed = true;
        Env.Dispose();
    }
}
