using System.Runtime.InteropServices;
using RetouchPlugins.Shared.Native;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>
/// The one export of ONNX Runtime we bind by name. Everything else is reached through the
/// function tables it returns (OrtApiBase, then OrtApi).
/// </summary>
internal static unsafe class OrtNative
{
    /// <summary>
    /// The C API version we ask for. ORT 1.17 and later serve it; the pinned 1.30.0 serves
    /// every version up to its own, and the slots we use (<see cref="OrtApiIndex"/>) exist since version 4.
    /// </summary>
    public const uint ApiVersion = 17;

    /// <summary>Layout of <c>struct OrtApiBase</c>: two function pointers.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct OrtApiBase
    {
        public delegate* unmanaged<uint, void**> GetApi;
        public delegate* unmanaged<byte*> GetVersionString;
    }

    [DllImport(NativeLibraries.OnnxRuntime, EntryPoint = "OrtGetApiBase")]
    public static extern OrtApiBase* OrtGetApiBase();

    /// <summary>The version string of the loaded library, e.g. "1.30.0".</summary>
    public static string VersionString() => Marshal.PtrToStringUTF8((nint)OrtGetApiBase()->GetVersionString()) ?? "";
}
