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

/// <summary>How to open a session. The defaults suit our models: ORT's own thread counts, all graph optimisations.</summary>
public sealed record SessionSettings
{
    /// <summary>Threads used inside one operator; 0 lets ORT choose (one per physical core).</summary>
    public int IntraOpThreads { get; init; }

    /// <summary>Threads used to run independent operators side by side; 0 lets ORT choose.</summary>
    public int InterOpThreads { get; init; }

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
            return options;
        }
        catch
        {
            options.Dispose();
            throw;
        }
    }
}
