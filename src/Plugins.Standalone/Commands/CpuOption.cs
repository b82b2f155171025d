using System.CommandLine;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Standalone.Commands;

/// <summary>`--cpu` on every command that runs the models: keeps ONNX Runtime off the GPU (DirectML), like the environment variable.</summary>
public static class CpuOption
{
    public static Option<bool> Create() => new("--cpu")
    {
        Description = $"Run the networks on the CPU even when DirectML is available (also: {OnnxRuntimeEnvironment.ForceCpuVariable}=1).",
    };
}
