namespace RetouchPlugins.Shared.Onnx;

/// <summary>Which execution provider a session should run on.</summary>
public enum ExecutionProviderPreference
{
    /// <summary>DirectML when the loaded library has it (the Windows build), otherwise the CPU.</summary>
    Auto,
    Cpu,
    /// <summary>DirectML or an error: for callers that must not silently fall back.</summary>
    DirectML,
}

/// <summary>ORT's graph optimisation levels (GraphOptimizationLevel).</summary>
public enum GraphOptimization
{
    None = 0,
    Basic = 1,
    Extended = 2,
    All = 99,
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

    public GraphOptimization Optimization { get; init; } = GraphOptimization.All;

    public static SessionSettings Default { get; } = new();
}
