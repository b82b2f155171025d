using System.Diagnostics;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Tests.Onnx;

/// <summary>Runs alone, after the parallel tests: it measures the whole process.</summary>
[CollectionDefinition(nameof(OnnxMemoryTests), DisableParallelization = true)]
public sealed class MemoryMeasurementCollection;

[Collection(nameof(OnnxMemoryTests))]
public class OnnxMemoryTests
{
    /// <summary>
    /// 1,000 runs with a 1 MB input and a 1 MB output do not grow the process: a leaked input or
    /// output value per run would add about 1 GB. After 100 warm-up runs (ORT's arena settles),
    /// over the next 1,000 the native part of the resident set (working set minus what the GC has
    /// committed; the managed output arrays are the GC's to reuse) and the live managed heap may
    /// each grow by at most 32 MB.
    /// </summary>
    [Fact]
    public void ThousandRunsDoNotGrowMemory()
    {
        using var env = new OnnxRuntimeEnvironment();
        using var session = env.OpenSession(TestGraphs.AddMul(), "add_mul.onnx", new SessionSettings { IntraOpThreads = 1 });
        const int batch = 256 * 256 / 12 * 4; // 21844 x 3 x 4 floats = about 1 MB
        var x = new NamedTensor("x", [batch, 3, 4], new float[batch * 12]);
        for (int i = 0; i < 100; i++) session.Run([x]);
        var before = Settle();
        float check = 0;
        for (int i = 0; i < 1000; i++) check += session.Run([x])["y"].Floats[5];
        var after = Settle();
        Assert.Equal(3000f, check); // each run computes (0 + 1.5) * 2
        Assert.True(after.Native - before.Native < 32L << 20, $"native resident memory grew by {(after.Native - before.Native) >> 20} MB over 1,000 runs");
        Assert.True(after.Managed - before.Managed < 32L << 20, $"live managed memory grew by {(after.Managed - before.Managed) >> 20} MB over 1,000 runs");
    }

    private static (long Native, long Managed) Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        long managed = GC.GetTotalMemory(forceFullCollection: true);
        long committed = GC.GetGCMemoryInfo().TotalCommittedBytes;
        using var p = Process.GetCurrentProcess();
        return (p.WorkingSet64 - committed, managed);
    }
}
