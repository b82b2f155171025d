namespace RetouchPlugins.Shared.Onnx;

/// <summary>Names of the execution providers as ORT reports them (GetAvailableProviders).</summary>
public static class ExecutionProviders
{
    public const string Cpu = "CPUExecutionProvider";
    public const string DirectML = "DmlExecutionProvider";
}
