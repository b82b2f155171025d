using System.Runtime.CompilerServices;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Tests.Onnx;

/// <summary>
/// Keeps the optimised-model cache of every session the tests open in a folder of this test run (never the user's
/// ~/.cache), removed when the run ends. Set before any test runs, so every OnnxRuntimeEnvironment sees it.
/// </summary>
internal static class TestModelCache
{
    public static string Directory { get; } = Path.Combine(Path.GetTempPath(), $"retouch-tests-ort-cache-{Environment.ProcessId}");

    [ModuleInitializer]
    internal static void PointTheCacheAtATemporaryFolder()
    {
        Environment.SetEnvironmentVariable(OptimizedModelCache.Variable, Directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { }
        };
    }
}
