using System.Runtime.CompilerServices;
using RetouchPlugins.Shared.Onnx;
using RetouchPlugins.Standalone;

namespace RetouchPlugins.Tests.Support;

/// <summary>
/// Folders of this test run's own for what the product keeps per user, never the user's ~/.cache, removed when the
/// run ends: the optimised-model cache of every session the tests open, and the JIT profiles of every `retouch` they
/// start (so the installer's "nothing left behind" check sees only what the product itself leaves). Set by a module
/// initializer, before any test runs; processes the tests start inherit the variables (under Wine too).
/// </summary>
internal static class RunFolder
{
    public static string OrtCache => For("ort-cache");

    public static string JitProfiles => For("jit-profiles");

    private static string For(string name) => Path.Combine(Path.GetTempPath(), $"retouch-tests-{name}-{Environment.ProcessId}");

    [ModuleInitializer]
    internal static void PointTheUserCachesAtTemporaryFolders()
    {
        Environment.SetEnvironmentVariable(OptimizedModelCache.Variable, OrtCache);
        Environment.SetEnvironmentVariable(JitProfile.Variable, JitProfiles);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            foreach (var folder in new[] { OrtCache, JitProfiles })
                try { Directory.Delete(folder, recursive: true); }
                catch (IOException) { }
        };
    }
}
