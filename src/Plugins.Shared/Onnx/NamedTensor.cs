using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>
/// A dense CPU tensor with a name held in a managed array: the unit passed to and returned from
/// <see cref="OnnxSession.Run"/>. Holds float or int64 data, row-major in the order of <see cref="Shape"/>.
/// Ours rather than ORT's OrtValue because our callers keep results after the run (an OrtValue's memory
/// belongs to ORT and must be disposed) and pass buffers they own in.
/// </summary>
public sealed class NamedTensor
{
    public NamedTensor(string name, long[] shape, float[] data) : this(name, shape, data, TensorElementType.Float) { }

    public NamedTensor(string name, long[] shape, long[] data) : this(name, shape, data, TensorElementType.Int64) { }

    private NamedTensor(string name, long[] shape, Array data, TensorElementType type)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        long count = 1;
        foreach (var d in shape)
        {
            if (d < 0) throw new ArgumentException($"tensor '{name}': dimension {d} in [{string.Join(",", shape)}] is negative");
            count *= d;
        }
        if (count != data.Length)
            throw new ArgumentException($"tensor '{name}': shape [{string.Join(",", shape)}] holds {count} elements but the buffer has {data.Length}");
        Name = name;
        Shape = (long[])shape.Clone();
        Data = data;
        ElementType = type;
    }

    public string Name { get; }
    public IReadOnlyList<long> Shape { get; }
    public TensorElementType ElementType { get; }

    /// <summary>The buffer: a float[] or a long[] (see <see cref="ElementType"/>).</summary>
    public Array Data { get; }

    public int ElementCount => Data.Length;

    public float[] Floats => Data as float[] ?? throw new InvalidOperationException($"tensor '{Name}' holds {ElementType}, not Float");
    public long[] Int64s => Data as long[] ?? throw new InvalidOperationException($"tensor '{Name}' holds {ElementType}, not Int64");

    public override string ToString() => $"{Name}: {ElementType} [{string.Join(",", Shape)}]";

    /// <summary>An ORT value over this tensor's own array (pinned until the value is disposed; nothing is copied).</summary>
    internal OrtValue ToOrtValue() => Data switch
    {
        float[] floats => OrtValue.CreateTensorValueFromMemory(floats, [.. Shape]),
        long[] longs => OrtValue.CreateTensorValueFromMemory(longs, [.. Shape]),
        _ => throw new InvalidOperationException($"tensor '{Name}' holds {Data.GetType().Name}"),
    };

    /// <summary>Copies an output ORT handed back into managed memory, so it outlives the OrtValue.</summary>
    internal static NamedTensor From(string name, OrtValue value, string modelName)
    {
        var info = value.GetTensorTypeAndShape();
        return info.ElementDataType switch
        {
            TensorElementType.Float => new NamedTensor(name, info.Shape, value.GetTensorDataAsSpan<float>().ToArray()),
            TensorElementType.Int64 => new NamedTensor(name, info.Shape, value.GetTensorDataAsSpan<long>().ToArray()),
            var other => throw new NotSupportedException($"model '{modelName}': output '{name}' has element type {other}; only Float and Int64 outputs are read"),
        };
    }
}

/// <summary>The outputs of one run, in the order asked for, also reachable by name.</summary>
public sealed class OnnxOutputs(IReadOnlyList<NamedTensor> tensors) : IReadOnlyList<NamedTensor>
{
    public NamedTensor this[int index] => tensors[index];

    public NamedTensor this[string name] =>
        tensors.FirstOrDefault(t => t.Name == name)
        ?? throw new KeyNotFoundException($"no output named '{name}'; outputs are {string.Join(", ", tensors.Select(t => t.Name))}");

    public int Count => tensors.Count;
    public IEnumerator<NamedTensor> GetEnumerator() => tensors.GetEnumerator();
    System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
}
