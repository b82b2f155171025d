namespace RetouchPlugins.Shared.Onnx;

/// <summary>ORT's error codes (<c>OrtErrorCode</c>).</summary>
public enum OrtErrorCode
{
    Ok, Fail, InvalidArgument, NoSuchFile, NoModel, EngineError, RuntimeException,
    InvalidProtobuf, ModelLoaded, NotImplemented, InvalidGraph, EpFail,
}

/// <summary>
/// A failed ONNX Runtime call: carries ORT's own message and error code, and the model
/// (file name or the name given for an in-memory model) it happened on.
/// </summary>
public sealed class OnnxRuntimeException : Exception
{
    public OnnxRuntimeException(string operation, string? model, OrtErrorCode code, string ortMessage)
        : base(Compose(operation, model, code, ortMessage))
    {
        Operation = operation;
        Model = model;
        ErrorCode = code;
        OrtMessage = ortMessage;
    }

    public string Operation { get; }
    public string? Model { get; }
    public OrtErrorCode ErrorCode { get; }

    /// <summary>The message exactly as ONNX Runtime returned it.</summary>
    public string OrtMessage { get; }

    private static string Compose(string operation, string? model, OrtErrorCode code, string ortMessage) =>
        model is null
            ? $"ONNX Runtime: {operation} failed ({code}): {ortMessage}"
            : $"ONNX Runtime: {operation} failed for model '{model}' ({code}): {ortMessage}";
}
