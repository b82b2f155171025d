using OrtException = Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>
/// A failed ONNX Runtime call with the model it happened on (file name, or the name given for an
/// in-memory model): ORT's own exception says what failed but not on which file. ORT's exception is
/// the <see cref="Exception.InnerException"/>; its message is kept unchanged in <see cref="OrtMessage"/>.
/// </summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(string operation, string? model, OrtException inner)
        : base(Compose(operation, model, inner.Message), inner)
    {
        Operation = operation;
        Model = model;
        OrtMessage = inner.Message;
    }

    /// <summary>What we asked ORT to do: "CreateSession", "Run", "AppendExecutionProvider_DML".</summary>
    public string Operation { get; }

    public string? Model { get; }

    /// <summary>The message exactly as ONNX Runtime gave it, e.g. "[ErrorCode:InvalidProtobuf] Failed to load model ...".</summary>
    public string OrtMessage { get; }

    private static string Compose(string operation, string? model, string ortMessage) =>
        model is null
            ? $"ONNX Runtime: {operation} failed: {ortMessage}"
            : $"ONNX Runtime: {operation} failed for model '{model}': {ortMessage}";
}
