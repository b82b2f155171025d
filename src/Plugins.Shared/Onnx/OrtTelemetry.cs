using System.Runtime.InteropServices;

namespace RetouchPlugins.Shared.Onnx;

/// <summary>
/// ONNX Runtime's own usage telemetry, kept off: studios run this on client photos and expect nothing written or sent
/// that they did not ask for. ORT 1.30's Linux build keeps a telemetry store (a device id and an SQLite database under
/// <c>~/.cache/Microsoft/DeveloperTools/.onnxruntime</c>) from the moment its environment is created, unless the native
/// environment holds <see cref="Variable"/>; <c>OrtEnv.DisableTelemetryEvents</c> (Windows' ETW events) comes too late
/// for it. .NET's <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach the native environment
/// on Linux and macOS, so the C library's setenv is called, before the library is first used. A user who sets the
/// variable (e.g. to 0) keeps their value.
/// </summary>
internal static class OrtTelemetry
{
    public const string Variable = "ORT_DISABLE_TELEMETRY";

    private delegate int SetEnv([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);

    /// <summary>Sets <see cref="Variable"/> = 1 in the native environment unless it is set. False where no C library was found.</summary>
    public static bool KeepOffBeforeLoading()
    {
        if (OperatingSystem.IsWindows()) return true; // ETW events only: OrtEnv.DisableTelemetryEvents turns them off
        foreach (var name in new[] { "libc.so.6", "libc.dylib", "libc" })
        {
            if (!NativeLibrary.TryLoad(name, out var libc)) continue;
            if (!NativeLibrary.TryGetExport(libc, "setenv", out var setenv)) continue;
            return Marshal.GetDelegateForFunctionPointer<SetEnv>(setenv)(Variable, "1", 0) == 0;
        }
        return false;
    }
}
