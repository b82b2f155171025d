using System.Runtime.CompilerServices;
using RetouchPlugins.Standalone;

namespace RetouchPlugins.Tests.Startup;

/// <summary>
/// Points every `retouch` the tests start (a child inherits the variable, under Wine too) at a JIT-profile folder of
/// this test run's own, deleted when it ends: the tests leave nothing in the user's cache, and the installer's
/// "nothing left behind" check sees only what the product itself leaves.
/// </summary>
internal static class TestJitProfiles
{
    public static string Directory { get; } = Path.Combine(Path.GetTempPath(), $"retouch-tests-jit-profiles-{Environment.ProcessId}");

    [ModuleInitializer]
    internal static void PointTheProfilesAtATemporaryFolder()
    {
        Environment.SetEnvironmentVariable(JitProfile.Variable, Directory);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { System.IO.Directory.Delete(Directory, recursive: true); }
            catch (IOException) { }
        };
    }
}
