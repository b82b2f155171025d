using System.Runtime.CompilerServices;
using RetouchPlugins.Shared.Onnx;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Onnx;

/// <summary>The optimised-model cache of every session the tests open, in a folder of this test run (<see cref="RunFolder"/>).</summary>
internal static class TestModelCache
{
    public static string Directory => RunFolder.For("ort-cache");

    [ModuleInitializer]
    internal static void PointTheCacheAtATemporaryFolder() => RunFolder.PointAt(OptimizedModelCache.Variable, "ort-cache");
}
