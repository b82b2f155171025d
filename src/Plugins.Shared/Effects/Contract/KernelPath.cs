namespace RetouchPlugins.Shared.Effects;

/// <summary>How the pixel kernels that have an ONNX-graph form (the blend pyramid's render) run.</summary>
public enum KernelPath
{
    /// <summary>As graphs through ONNX Runtime when a GPU provider (DirectML) is active, else the CPU's SIMD kernels.</summary>
    Auto,
    /// <summary>The CPU's SIMD kernels, whatever the provider.</summary>
    Simd,
    /// <summary>As ONNX graphs through ONNX Runtime on whatever provider sessions get (the CPU here): to compare the two, and for tests.</summary>
    Graph,
}

public static class KernelPaths
{
    /// <summary>Set to "graph" to force the graph path, "simd" (or "cpu") to force the SIMD kernels; unset or "auto": <see cref="KernelPath.Auto"/>.</summary>
    public const string Variable = "RETOUCH_KERNELS";

    /// <summary>The path <see cref="Variable"/> asks for; an unknown value is an error that names it.</summary>
    public static KernelPath FromEnvironment() => Environment.GetEnvironmentVariable(Variable)?.Trim().ToLowerInvariant() switch
    {
        null or "" or "auto" => KernelPath.Auto,
        "simd" or "cpu" => KernelPath.Simd,
        "graph" or "gpu" => KernelPath.Graph,
        var other => throw new ArgumentException($"{Variable}={other}: expected auto, simd or graph"),
    };
}
