using System.Runtime.InteropServices;
using System.Text;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>
/// Typed calls into the OrtApi function table. Each method reads its function pointer at the
/// slot given by <see cref="OrtApiIndex"/> and turns a non-null OrtStatus into an
/// <see cref="OnnxRuntimeException"/> naming the operation and the model.
/// </summary>
internal sealed unsafe class OrtApi
{
    private readonly void** _table;

    private OrtApi(void** table) => _table = table;

    /// <summary>Loads the library (through the DllImport resolver) and fetches the table for <see cref="OrtNative.ApiVersion"/>.</summary>
    public static OrtApi Load()
    {
        var apiBase = OrtNative.OrtGetApiBase();
        if (apiBase == null) throw new InvalidOperationException("ONNX Runtime: OrtGetApiBase returned null");
        var table = apiBase->GetApi(OrtNative.ApiVersion);
        if (table == null)
            throw new InvalidOperationException(
                $"ONNX Runtime {OrtNative.VersionString()} does not serve C API version {OrtNative.ApiVersion}; ONNX Runtime 1.17 or later is needed");
        return new OrtApi(table);
    }

    internal delegate* unmanaged<nint, void> ReleaseFunction(int slot) => (delegate* unmanaged<nint, void>)_table[slot];

    // ---- status ----

    /// <summary>Throws when <paramref name="status"/> is an error; frees it either way.</summary>
    public void Check(nint status, string operation, string? model = null)
    {
        if (status == 0) return;
        using var owned = new OrtStatusHandle(this);
        owned.Attach(status);
        var code = (OrtErrorCode)((delegate* unmanaged<nint, int>)_table[OrtApiIndex.GetErrorCode])(status);
        var message = Marshal.PtrToStringUTF8(((delegate* unmanaged<nint, nint>)_table[OrtApiIndex.GetErrorMessage])(status)) ?? "";
        throw new OnnxRuntimeException(operation, model, code, message);
    }

    // ---- environment ----

    public OrtEnvHandle CreateEnv(int logSeverity, string logId)
    {
        var handle = new OrtEnvHandle(this);
        nint env;
        fixed (byte* id = Utf8(logId))
            Check(((delegate* unmanaged<int, byte*, nint*, nint>)_table[OrtApiIndex.CreateEnv])(logSeverity, id, &env), "CreateEnv");
        handle.Attach(env);
        return handle;
    }

    public string[] GetAvailableProviders()
    {
        byte** names;
        int count;
        Check(((delegate* unmanaged<byte***, int*, nint>)_table[OrtApiIndex.GetAvailableProviders])(&names, &count), "GetAvailableProviders");
        try
        {
            var result = new string[count];
            for (int i = 0; i < count; i++) result[i] = Marshal.PtrToStringUTF8((nint)names[i]) ?? "";
            return result;
        }
        finally
        {
            Check(((delegate* unmanaged<byte**, int, nint>)_table[OrtApiIndex.ReleaseAvailableProviders])(names, count), "ReleaseAvailableProviders");
        }
    }

    public OrtMemoryInfoHandle CreateCpuMemoryInfo()
    {
        var handle = new OrtMemoryInfoHandle(this);
        nint info;
        // OrtDeviceAllocator = 0, OrtMemTypeDefault = 0: plain CPU memory that we own.
        Check(((delegate* unmanaged<int, int, nint*, nint>)_table[OrtApiIndex.CreateCpuMemoryInfo])(0, 0, &info), "CreateCpuMemoryInfo");
        handle.Attach(info);
        return handle;
    }

    // ---- session options ----

    public OrtSessionOptionsHandle CreateSessionOptions()
    {
        var handle = new OrtSessionOptionsHandle(this);
        nint options;
        Check(((delegate* unmanaged<nint*, nint>)_table[OrtApiIndex.CreateSessionOptions])(&options), "CreateSessionOptions");
        handle.Attach(options);
        return handle;
    }

    public void SetIntraOpNumThreads(OrtSessionOptionsHandle options, int threads) =>
        Check(((delegate* unmanaged<nint, int, nint>)_table[OrtApiIndex.SetIntraOpNumThreads])(options.DangerousGetHandle(), threads), "SetIntraOpNumThreads");

    public void SetInterOpNumThreads(OrtSessionOptionsHandle options, int threads) =>
        Check(((delegate* unmanaged<nint, int, nint>)_table[OrtApiIndex.SetInterOpNumThreads])(options.DangerousGetHandle(), threads), "SetInterOpNumThreads");

    public void SetGraphOptimizationLevel(OrtSessionOptionsHandle options, int level) =>
        Check(((delegate* unmanaged<nint, int, nint>)_table[OrtApiIndex.SetSessionGraphOptimizationLevel])(options.DangerousGetHandle(), level), "SetSessionGraphOptimizationLevel");

    /// <summary>ORT_SEQUENTIAL; DirectML requires it.</summary>
    public void SetSequentialExecution(OrtSessionOptionsHandle options) =>
        Check(((delegate* unmanaged<nint, int, nint>)_table[OrtApiIndex.SetSessionExecutionMode])(options.DangerousGetHandle(), 0), "SetSessionExecutionMode");

    /// <summary>DirectML requires the memory pattern optimisation off.</summary>
    public void DisableMemPattern(OrtSessionOptionsHandle options) =>
        Check(((delegate* unmanaged<nint, nint>)_table[OrtApiIndex.DisableMemPattern])(options.DangerousGetHandle()), "DisableMemPattern");

    // ---- sessions ----

    public OrtSessionHandle CreateSession(OrtEnvHandle env, string modelPath, OrtSessionOptionsHandle options, string modelName)
    {
        var handle = new OrtSessionHandle(this);
        nint session;
        nint status;
        if (OperatingSystem.IsWindows())
        {
            // ORTCHAR_T is wchar_t (UTF-16) on Windows.
            fixed (char* path = modelPath + "\0")
                status = ((delegate* unmanaged<nint, char*, nint, nint*, nint>)_table[OrtApiIndex.CreateSession])(
                    env.DangerousGetHandle(), path, options.DangerousGetHandle(), &session);
        }
        else
        {
            fixed (byte* path = Utf8(modelPath))
                status = ((delegate* unmanaged<nint, byte*, nint, nint*, nint>)_table[OrtApiIndex.CreateSession])(
                    env.DangerousGetHandle(), path, options.DangerousGetHandle(), &session);
        }
        Check(status, "CreateSession", modelName);
        handle.Attach(session);
        return handle;
    }

    public OrtSessionHandle CreateSessionFromArray(OrtEnvHandle env, ReadOnlySpan<byte> model, OrtSessionOptionsHandle options, string modelName)
    {
        var handle = new OrtSessionHandle(this);
        nint session;
        fixed (byte* data = model)
            Check(((delegate* unmanaged<nint, byte*, nuint, nint, nint*, nint>)_table[OrtApiIndex.CreateSessionFromArray])(
                env.DangerousGetHandle(), data, (nuint)model.Length, options.DangerousGetHandle(), &session), "CreateSessionFromArray", modelName);
        handle.Attach(session);
        return handle;
    }

    public int SessionInputCount(OrtSessionHandle session, string modelName) => SessionCount(session, OrtApiIndex.SessionGetInputCount, modelName);
    public int SessionOutputCount(OrtSessionHandle session, string modelName) => SessionCount(session, OrtApiIndex.SessionGetOutputCount, modelName);

    private int SessionCount(OrtSessionHandle session, int slot, string modelName)
    {
        nuint count;
        Check(((delegate* unmanaged<nint, nuint*, nint>)_table[slot])(session.DangerousGetHandle(), &count), "SessionGetInputOutputCount", modelName);
        return checked((int)count);
    }

    /// <summary>Name and declared type of input (or output) <paramref name="index"/>.</summary>
    public TensorInfo SessionTensorInfo(OrtSessionHandle session, int index, bool output, string modelName)
    {
        var name = SessionName(session, index, output ? OrtApiIndex.SessionGetOutputName : OrtApiIndex.SessionGetInputName, modelName);
        using var typeInfo = new OrtTypeInfoHandle(this);
        nint raw;
        Check(((delegate* unmanaged<nint, nuint, nint*, nint>)_table[output ? OrtApiIndex.SessionGetOutputTypeInfo : OrtApiIndex.SessionGetInputTypeInfo])(
            session.DangerousGetHandle(), (nuint)index, &raw), "SessionGetTypeInfo", modelName);
        typeInfo.Attach(raw);

        nint tensorInfo; // owned by typeInfo, not freed separately
        Check(((delegate* unmanaged<nint, nint*, nint>)_table[OrtApiIndex.CastTypeInfoToTensorInfo])(raw, &tensorInfo), "CastTypeInfoToTensorInfo", modelName);
        if (tensorInfo == 0) return new TensorInfo(name, TensorElementType.Undefined, [], []); // a sequence or map, not a tensor
        var (type, shape, symbolic) = ReadTensorTypeAndShape(tensorInfo, modelName, withSymbols: true);
        return new TensorInfo(name, type, shape, symbolic);
    }

    private string SessionName(OrtSessionHandle session, int index, int slot, string modelName)
    {
        var allocator = DefaultAllocator();
        byte* name;
        Check(((delegate* unmanaged<nint, nuint, nint, byte**, nint>)_table[slot])(session.DangerousGetHandle(), (nuint)index, allocator, &name), "SessionGetName", modelName);
        try
        {
            return Marshal.PtrToStringUTF8((nint)name) ?? "";
        }
        finally
        {
            Check(((delegate* unmanaged<nint, void*, nint>)_table[OrtApiIndex.AllocatorFree])(allocator, name), "AllocatorFree", modelName);
        }
    }

    /// <summary>ORT's default CPU allocator; never freed (ORT owns it).</summary>
    private nint DefaultAllocator()
    {
        nint allocator;
        Check(((delegate* unmanaged<nint*, nint>)_table[OrtApiIndex.GetAllocatorWithDefaultOptions])(&allocator), "GetAllocatorWithDefaultOptions");
        return allocator;
    }

    private (TensorElementType Type, long[] Shape, string[] Symbols) ReadTensorTypeAndShape(nint info, string? modelName, bool withSymbols)
    {
        int type;
        Check(((delegate* unmanaged<nint, int*, nint>)_table[OrtApiIndex.GetTensorElementType])(info, &type), "GetTensorElementType", modelName);
        nuint rank;
        Check(((delegate* unmanaged<nint, nuint*, nint>)_table[OrtApiIndex.GetDimensionsCount])(info, &rank), "GetDimensionsCount", modelName);
        var shape = new long[(int)rank];
        fixed (long* dims = shape)
            Check(((delegate* unmanaged<nint, long*, nuint, nint>)_table[OrtApiIndex.GetDimensions])(info, dims, rank), "GetDimensions", modelName);
        var symbols = new string[(int)rank];
        if (withSymbols && rank > 0)
        {
            var pointers = new nint[(int)rank];
            fixed (nint* p = pointers)
                Check(((delegate* unmanaged<nint, nint*, nuint, nint>)_table[OrtApiIndex.GetSymbolicDimensions])(info, p, rank), "GetSymbolicDimensions", modelName);
            for (int i = 0; i < symbols.Length; i++) symbols[i] = pointers[i] == 0 ? "" : Marshal.PtrToStringUTF8(pointers[i]) ?? "";
        }
        else Array.Fill(symbols, "");
        return ((TensorElementType)type, shape, symbols);
    }

    // ---- values ----

    /// <summary>A tensor over caller-owned memory; the memory must stay pinned until the value is released.</summary>
    public OrtValueHandle CreateTensorWithData(OrtMemoryInfoHandle memoryInfo, void* data, long byteCount, long[] shape, TensorElementType type, string modelName)
    {
        var handle = new OrtValueHandle(this);
        nint value;
        fixed (long* dims = shape)
            Check(((delegate* unmanaged<nint, void*, nuint, long*, nuint, int, nint*, nint>)_table[OrtApiIndex.CreateTensorWithDataAsOrtValue])(
                memoryInfo.DangerousGetHandle(), data, (nuint)byteCount, dims, (nuint)shape.Length, (int)type, &value), "CreateTensorWithDataAsOrtValue", modelName);
        handle.Attach(value);
        return handle;
    }

    public void Run(OrtSessionHandle session, nint* inputNames, nint* inputs, int inputCount, nint* outputNames, int outputCount, nint* outputs, string modelName) =>
        Check(((delegate* unmanaged<nint, nint, nint*, nint*, nuint, nint*, nuint, nint*, nint>)_table[OrtApiIndex.Run])(
            session.DangerousGetHandle(), 0, inputNames, inputs, (nuint)inputCount, outputNames, (nuint)outputCount, outputs), "Run", modelName);

    /// <summary>Copies a CPU tensor value into a <see cref="NamedTensor"/> (float or int64).</summary>
    public NamedTensor ReadTensor(OrtValueHandle value, string name, string modelName)
    {
        using var info = new OrtTensorTypeAndShapeInfoHandle(this);
        nint raw;
        Check(((delegate* unmanaged<nint, nint*, nint>)_table[OrtApiIndex.GetTensorTypeAndShape])(value.DangerousGetHandle(), &raw), "GetTensorTypeAndShape", modelName);
        info.Attach(raw);
        var (type, shape, _) = ReadTensorTypeAndShape(raw, modelName, withSymbols: false);

        long count = 1;
        foreach (var d in shape) count *= d;
        void* data;
        Check(((delegate* unmanaged<nint, void**, nint>)_table[OrtApiIndex.GetTensorMutableData])(value.DangerousGetHandle(), &data), "GetTensorMutableData", modelName);
        switch (type)
        {
            case TensorElementType.Float:
                var floats = new float[count];
                new ReadOnlySpan<float>(data, floats.Length).CopyTo(floats);
                return new NamedTensor(name, shape, floats);
            case TensorElementType.Int64:
                var longs = new long[count];
                new ReadOnlySpan<long>(data, longs.Length).CopyTo(longs);
                return new NamedTensor(name, shape, longs);
            default:
                throw new NotSupportedException($"model '{modelName}': output '{name}' has element type {type}; only Float and Int64 outputs are read");
        }
    }

    /// <summary>A null-terminated UTF-8 copy of <paramref name="s"/>.</summary>
    internal static byte[] Utf8(string s)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, bytes);
        return bytes;
    }
}
