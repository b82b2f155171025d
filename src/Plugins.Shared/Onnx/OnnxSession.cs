using System.Runtime.InteropServices;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>
/// One loaded model. <see cref="Run"/> may be called from several threads at once (ORT
/// sessions are thread-safe for Run). The OrtEnv stays alive until the last session is disposed.
/// </summary>
public sealed unsafe class OnnxSession : IDisposable
{
    private readonly OnnxRuntimeEnvironment _env;
    private readonly OrtSessionHandle _session;
    private readonly OrtMemoryInfoHandle _cpuMemory; // describes the caller's input buffers
    private bool _holdsEnvironment;

    internal OnnxSession(OnnxRuntimeEnvironment env, OrtSessionHandle session, string modelName, string provider, string? providerNote)
    {
        _env = env;
        _session = session;
        ModelName = modelName;
        ExecutionProvider = provider;
        ExecutionProviderNote = providerNote;
        var api = env.Api;
        try
        {
            Inputs = Enumerable.Range(0, api.SessionInputCount(session, modelName)).Select(i => api.SessionTensorInfo(session, i, false, modelName)).ToArray();
            Outputs = Enumerable.Range(0, api.SessionOutputCount(session, modelName)).Select(i => api.SessionTensorInfo(session, i, true, modelName)).ToArray();
            _cpuMemory = api.CreateCpuMemoryInfo();
        }
        catch
        {
            session.Dispose();
            throw;
        }
        // ORT must not release the OrtEnv under a live session: keep it until this session is gone,
        // even if the environment object is disposed first.
        env.Env.DangerousAddRef(ref _holdsEnvironment);
    }

    /// <summary>The model's file name (or the name given for an in-memory model).</summary>
    public string ModelName { get; }

    /// <summary>The provider the session runs on: <see cref="ExecutionProviders.DirectML"/> or <see cref="ExecutionProviders.Cpu"/>.</summary>
    public string ExecutionProvider { get; }

    /// <summary>Why the session is on the CPU although DirectML was acceptable, or null.</summary>
    public string? ExecutionProviderNote { get; }

    public IReadOnlyList<TensorInfo> Inputs { get; }
    public IReadOnlyList<TensorInfo> Outputs { get; }

    public TensorInfo Input(string name) => Inputs.FirstOrDefault(i => i.Name == name)
        ?? throw new KeyNotFoundException($"model '{ModelName}' has no input '{name}'; inputs are {string.Join(", ", Inputs.Select(i => i.Name))}");

    public TensorInfo Output(string name) => Outputs.FirstOrDefault(o => o.Name == name)
        ?? throw new KeyNotFoundException($"model '{ModelName}' has no output '{name}'; outputs are {string.Join(", ", Outputs.Select(o => o.Name))}");

    /// <summary>
    /// Runs the model on <paramref name="inputs"/> (by name) and returns <paramref name="outputNames"/>
    /// (all outputs when null), copied into managed arrays.
    /// </summary>
    public OnnxOutputs Run(IReadOnlyList<NamedTensor> inputs, IReadOnlyList<string>? outputNames = null)
    {
        ObjectDisposedException.ThrowIf(_session.IsClosed, this);
        ArgumentNullException.ThrowIfNull(inputs);
        foreach (var t in inputs) CheckInput(t);
        var wanted = outputNames ?? Outputs.Select(o => o.Name).ToArray();
        foreach (var name in wanted) Output(name);

        var api = _env.Api;
        int n = inputs.Count, m = wanted.Count;
        var pins = new GCHandle[n];
        var values = new OrtValueHandle?[n];
        var results = new OrtValueHandle?[m];
        var names = new NameBlock([.. inputs.Select(t => t.Name), .. wanted]);
        try
        {
            var inputValues = stackalloc nint[n];
            for (int i = 0; i < n; i++)
            {
                var t = inputs[i];
                pins[i] = GCHandle.Alloc(t.Data, GCHandleType.Pinned);
                long bytes = (long)t.ElementCount * (t.ElementType == TensorElementType.Float ? sizeof(float) : sizeof(long));
                values[i] = api.CreateTensorWithData(_cpuMemory, (void*)pins[i].AddrOfPinnedObject(), bytes, [.. t.Shape], t.ElementType, ModelName);
                inputValues[i] = values[i]!.DangerousGetHandle();
            }

            var outputValues = stackalloc nint[m];
            for (int i = 0; i < m; i++) outputValues[i] = 0;
            try
            {
                api.Run(_session, names.Pointers, inputValues, n, names.Pointers + n, m, outputValues, ModelName);
            }
            finally
            {
                // Whatever ORT handed out is ours to release, even when a later output failed.
                for (int i = 0; i < m; i++)
                    if (outputValues[i] != 0) { results[i] = new OrtValueHandle(api); results[i]!.Attach(outputValues[i]); }
            }
            var tensors = new NamedTensor[m];
            for (int i = 0; i < m; i++) tensors[i] = api.ReadTensor(results[i]!, wanted[i], ModelName);
            return new OnnxOutputs(tensors);
        }
        finally
        {
            foreach (var r in results) r?.Dispose();
            foreach (var v in values) v?.Dispose();
            foreach (var p in pins) if (p.IsAllocated) p.Free();
            names.Dispose();
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
        if (_session.IsClosed) return;
        _session.Dispose();
        _cpuMemory.Dispose();
        if (_holdsEnvironment)
        {
            _holdsEnvironment = false;
            _env.Env.DangerousRelease();
        }
    }

    /// <summary>Null-terminated UTF-8 names in one pinned buffer, with a pointer per name.</summary>
    private sealed class NameBlock : IDisposable
    {
        private readonly GCHandle _bytes;
        private readonly GCHandle _pointers;

        public NameBlock(IReadOnlyList<string> names)
        {
            var encoded = names.Select(OrtApi.Utf8).ToArray();
            var all = new byte[encoded.Sum(e => e.Length)];
            _bytes = GCHandle.Alloc(all, GCHandleType.Pinned);
            var pointers = new nint[names.Count];
            _pointers = GCHandle.Alloc(pointers, GCHandleType.Pinned);
            var basePtr = _bytes.AddrOfPinnedObject();
            int offset = 0;
            for (int i = 0; i < encoded.Length; i++)
            {
                encoded[i].CopyTo(all, offset);
                pointers[i] = basePtr + offset;
                offset += encoded[i].Length;
            }
        }

        public nint* Pointers => (nint*)_pointers.AddrOfPinnedObject();

        public void Dispose()
        {
            _bytes.Free();
            _pointers.Free();
        }
    }
}
