namespace RetouchPlugins.Shared.Onnx;

/// <summary>
/// A dense CPU tensor with a name: the unit passed to and returned from <see cref="OnnxSession.Run"/>.
/// Holds float or int64 data, row-major in the order of <see cref="Shape"/>.
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
