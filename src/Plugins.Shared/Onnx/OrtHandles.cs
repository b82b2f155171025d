using System.Runtime.InteropServices;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>
/// An ORT object owned by us, released through its ReleaseXxx slot of the OrtApi table.
/// The subclasses only exist so a session handle cannot be passed where a value is expected.
/// </summary>
internal abstract unsafe class OrtHandle : SafeHandle
{
    private readonly delegate* unmanaged<nint, void> _release;

    protected OrtHandle(OrtApi api, int releaseSlot) : base(0, ownsHandle: true) => _release = api.ReleaseFunction(releaseSlot);

    public override bool IsInvalid => handle == 0;

    /// <summary>Takes ownership of a pointer ORT just handed out.</summary>
    internal void Attach(nint pointer) => SetHandle(pointer);

    protected override bool ReleaseHandle()
    {
        _release(handle);
        return true;
    }
}

internal sealed class OrtEnvHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseEnv);
internal sealed class OrtStatusHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseStatus);
internal sealed class OrtMemoryInfoHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseMemoryInfo);
internal sealed class OrtSessionHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseSession);
internal sealed class OrtSessionOptionsHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseSessionOptions);
internal sealed class OrtValueHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseValue);
internal sealed class OrtTypeInfoHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseTypeInfo);
internal sealed class OrtTensorTypeAndShapeInfoHandle(OrtApi api) : OrtHandle(api, OrtApiIndex.ReleaseTensorTypeAndShapeInfo);
