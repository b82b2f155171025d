using Microsoft.ML.OnnxRuntime;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>Which execution provider a session should run on.</summary>
public enum ExecutionProviderPreference
{
    /// <summary>The environment's choice: DirectML when the library has it and a device can be created, otherwise the CPU.</summary>
    Auto,
    Cpu,
    /// <summary>DirectML or an error: for callers that must not silently fall back.</summary>
    DirectML,
}

/// <summary>How to open a session. The defaults suit our models: ORT's own thread counts, all graph optimisations, no memory pattern.</summary>
public sealed record SessionSettings
{
    /// <summary>Threads used inside one operator; 0 lets ORT choose (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads used to run independent operators side by side; 0 lets ORT choose.</summary>
    public int InterOpThreads { get; init; }

    /// <summary>
    /// Whether ORT's idle worker threads busy-wait for the next operator. Off: each session's pool would otherwise keep
    /// spinning after its run while our own kernels (mesh, masks, render) want both cores. On the 24 MP close-up
    /// (bench `profile`, two runs each, load 18-22 on 2 cores) the analysis took 1.14 / 1.31 process-CPU s without spinning
    /// against 1.39 / 1.40 with it (u2netp 0.59 / 0.62 against 0.70 / 0.70), wall time no worse.
    /// </summary>
    public bool AllowSpinning { get; init; }

    /// <summary>
    /// Whether ORT plans each run's intermediate tensors as one block (off by default). ORT allocates that block outside
    /// its arena and frees it after every run, so with it each run wrote fresh pages (RetinaFace 36 k page faults a run,
    /// none without it; u2netp 67 k against 30-60 k). On the 24 MP group photo (bench `method`, five alternating pairs,
    /// best of 4) the analysis took 0.89-1.08 s without it against 1.03-1.19 s with it, the same output byte for byte.
    /// DirectML sessions never use it.
    /// </summary>
    public bool MemoryPattern { get; init; }

    public ExecutionProviderPreference Provider { get; init; } = ExecutionProviderPreference.Auto;

    /// <summary>The DirectML adapter index (0 = the default adapter).</summary>
    public int DeviceId { get; init; }

    public GraphOptimizationLevel Optimization { get; init; } = GraphOptimizationLevel.ORT_ENABLE_ALL;

    public static SessionSettings Default { get; } = new();

    /// <summary>ORT's session options for these settings; the execution provider is added by <see cref="OnnxRuntimeEnvironment"/>.</summary>
    internal SessionOptions ToOrtOptions()
    {
        var options = new SessionOptions { GraphOptimizationLevel = Optimization };
        try
        {
            if (IntraOpThreads > 0) options.IntraOpNumThreads = IntraOpThreads;
            if (InterOpThreads > 0) options.InterOpNumThreads = InterOpThreads;
            if (!AllowSpinning) options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            options.EnableMemoryPattern = MemoryPattern;
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }
}
