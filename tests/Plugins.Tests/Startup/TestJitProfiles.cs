using System.Runtime.CompilerServices;
using RetouchPlugins.Standalone;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Startup;

/// <summary>
/// The JIT profiles of every `retouch` the tests start, in a folder of this test run (<see cref="RunFolder"/>): the
/// installer's "nothing left behind" check then sees only what the product itself leaves.
/// </summary>
internal static class TestJitProfiles
{
    public static string Directory => RunFolder.For("jit-profiles");

    [ModuleInitializer]
    internal static void PointTheProfilesAtATemporaryFolder() => RunFolder.PointAt(JitProfile.Variable, "jit-profiles");
}
