namespace RetouchPlugins.Shared.Onnx;

/// <summary>Names of the execution providers as ORT reports them (OrtEnv.GetAvailableProviders).</summary>
public static class ExecutionProviders
{
    public const string Cpu = "CPUExecutionProvider";
    public const string DirectML = "DmlExecutionProvider";
}

/// <summary>The execution provider sessions run on, and why: the line `retouch doctor` shows.</summary>
public sealed record ExecutionProviderChoice(string Provider, string Reason)
{
    public override string ToString() => $"{Provider} ({Reason})";
}
