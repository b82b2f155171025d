using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>
/// A model input or output as the session declares it. A dynamic dimension is -1 in
/// <see cref="Shape"/> and has its name (possibly empty) in <see cref="SymbolicDimensions"/>.
/// A sequence or map (not a tensor) has no element type and no shape.
/// </summary>
public sealed record TensorInfo(string Name, TensorElementType? ElementType, IReadOnlyList<long> Shape, IReadOnlyList<string> SymbolicDimensions)
{
    /// <summary>Our view of ORT's metadata of one input or output.</summary>
    internal static TensorInfo Of(string name, NodeMetadata metadata) =>
        metadata.IsTensor
            ? new TensorInfo(name, metadata.ElementDataType, [.. metadata.Dimensions.Select(d => (long)d)],
                [.. metadata.SymbolicDimensions.Select(s => s ?? "")])
            : new TensorInfo(name, null, [], []);

    public override string ToString() =>
        $"{Name}: {ElementType} [{string.Join(",", Shape.Select((d, i) => d >= 0 ? d.ToString() : SymbolicDimensions[i] is { Length: > 0 } s ? s : "?"))}]";
}
