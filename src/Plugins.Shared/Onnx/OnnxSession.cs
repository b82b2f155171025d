using Microsoft.ML.OnnxRuntime;
using OrtException = Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>
/// One loaded model: ORT's <see cref="InferenceSession"/> with what we add to it — the model's name in every
/// error, the provider it runs on and why, inputs checked by name, type and shape before ORT sees them, and
/// results copied into managed arrays. <see cref="Run"/> may be called from several threads at once.
/// </summary>
public sealed class OnnxSession : IDisposable
{
    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private bool _disposed;

    internal OnnxSession(InferenceSession session, string modelName, ExecutionProviderChoice provider, OptimizedModelUse optimizedModel = OptimizedModelUse.Off)
    {
        OptimizedModel = optimizedModel;
        _session = session;
        ModelName = modelName;
        Provider = provider;
        // ORT's CPU arena keeps the largest run's intermediate tensors for the life of the session (u2netp's 320x320
        // feature maps: a few hundred MB held through the whole render of a 24 MP photo). Shrunk at the end of each run,
        // the arena still serves the run's own allocations; the 24 MP close-up's peak fell from 2.33 to 1.80 GB.
        _runOptions.AddRunConfigEntry("memory.enable_memory_arena_shrinkage", "cpu:0");
        Inputs = [.. session.InputNames.Select(n => TensorInfo.Of(n, session.InputMetadata[n]))];
        Outputs = [.. session.OutputNames.Select(n => TensorInfo.Of(n, session.OutputMetadata[n]))];
    }

    /// <summary>The model's file name (or the name given for an in-memory model).</summary>
    public string ModelName { get; }

    /// <summary>The provider the session runs on (<see cref="ExecutionProviders.DirectML"/> or <see cref="ExecutionProviders.Cpu"/>) and why.</summary>
    public ExecutionProviderChoice Provider { get; }

    public string ExecutionProvider => Provider.Provider;

    /// <summary>Whether the session came from the optimised-model cache, wrote to it, or did without (<see cref="OptimizedModelCache"/>).</summary>
    public OptimizedModelUse OptimizedModel { get; }

    public IReadOnlyList<TensorInfo> Inputs { get; }
    public IReadOnlyList<TensorInfo> Outputs { get; }

    public TensorInfo Input(string name) => Inputs.FirstOrDefault(i => i.Name == name)
        ?? throw new KeyNotFoundException($"model '{ModelName}' has no input '{name}'; inputs are {string.Join(", ", Inputs.Select(i => i.Name))}");

    public TensorInfo Output(string name) => Outputs.FirstOrDefault(o => o.Name == name)
        ?? throw new KeyNotFoundException($"model '{ModelName}' has no output '{name}'; outputs are {string.Join(", ", Outputs.Select(o => o.Name))}");

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> (by name) and returns <paramref name="outputNames"/>
    /// (all outputs when null), copied into managed arrays. The inputs' arrays are read in place, not copied.
    /// </summary>
    public OnnxOutputs Run(IReadOnlyList<NamedTensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var t in inputs) CheckInput(t);
        var wanted = outputNames ?? [.. Outputs.Select(o => o.Name)];
        foreach (var name in wanted) Output(name);

        var values = new List<OrtValue>(inputs.Count);
        try
        {
            foreach (var t in inputs) values.Add(t.ToOrtValue());
            using var results = _session.Run(_runOptions, [.. inputs.Select(t => t.Name)], values, [.. wanted]);
            return new OnnxOutputs([.. results.Select((value, i) => NamedTensor.From(wanted[i], value, ModelName))]);
        }
        catch (OrtException e)
        {
            throw new OnnxRuntimeException("Run", ModelName, e);
        }
        finally
        {
            foreach (var v in values) v.Dispose();
        }
    }

    private void CheckInput(NamedTensor t)
    {
        var declared = Input(t.Name);
        if (declared.ElementType != t.ElementType)
            throw new ArgumentException($"model '{ModelName}': input '{t.Name}' takes {declared.ElementType}, got {t.ElementType}");
        if (declared.Shape.Count != t.Shape.Count)
            throw new ArgumentException($"model '{ModelName}': input '{t.Name}' has rank {declared.Shape.Count} ({declared}), got [{string.Join(",", t.Shape)}]");
        for (int i = 0; i < declared.Shape.Count; i++)
            if (declared.Shape[i] >= 0 && declared.Shape[i] != t.Shape[i])
                throw new ArgumentException($"model '{ModelName}': input '{t.Name}' must be {declared}, got [{string.Join(",", t.Shape)}]");
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        _session.Dispose();
        _runOptions.Dispose();
    }
}
