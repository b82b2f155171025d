namespace RetouchPlugins.Shared.Onnx;

/// <summary>Tensor element types, numbered as in ONNX's TensorProto.DataType (and ORT's ONNXTensorElementDataType).</summary>
public enum TensorElementType
{
    Undefined = 0, Float = 1, UInt8 = 2, Int8 = 3, UInt16 = 4, Int16 = 5, Int32 = 6, Int64 = 7,
    String = 8, Bool = 9, Float16 = 10, Double = 11, UInt32 = 12, UInt64 = 13,
    Complex64 = 14, Complex128 = 15, BFloat16 = 16,
}

/// <summary>
/// A model input or output as the session declares it. A dynamic dimension is -1 in
/// <see cref="Shape"/> and has its name (possibly empty) in <see cref="SymbolicDimensions"/>.
/// </summary>
public sealed record TensorInfo(string Name, TensorElementType ElementType, IReadOnlyList<long> Shape, IReadOnlyList<string> SymbolicDimensions)
{
    public override string ToString() =>
        $"{Name}: {ElementType} [{string.Join(",", Shape.Select((d, i) => d >= 0 ? d.ToString() : SymbolicDimensions[i] is { Length: > 0 } s ? s : "?"))}]";
}
