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
    /// each grow by at most 32 MB. The 1,000 runs are measured in two windows and the smaller growth counts:
    /// a leak grows both by about 1 GB, while the GC handing back a large heap left by the photo tests before
    /// (working set minus committed then jumps once by hundreds of MB, seen here) moves only one.
    /// </summary>
    [Fact]
    public void ThousandRunsDoNotGrowMemory()
    {
        using var env = new OnnxRuntimeEnvironment();
        using var session = env.OpenSession(TestGraphs.AddMul(), "add_mul.onnx", new SessionSettings { IntraOpThreads = 1 });
        const int batch = 256 * 256 / 12 * 4; // 21844 x 3 x 4 floats = about 1 MB
        var x = new NamedTensor("x", [batch, 3, 4], new float[batch * 12]);
        for (int i = 0; i < 100; i++) session.Run([x]);
        float check = 0;
        var windows = new List<(long Native, long Managed)>();
        for (int w = 0; w < 2; w++)
        {
            var before = Settle();
            for (int i = 0; i < 1000; i++) check += session.Run([x])["y"].Floats[5];
            var after = Settle();
            windows.Add((after.Native - before.Native, after.Managed - before.Managed));
        }
        Assert.Equal(6000f, check); // each run computes (0 + 1.5) * 2
        long native = windows.Min(g => g.Native), managed = windows.Min(g => g.Managed);
        Assert.True(native < 32L << 20, $"native resident memory grew by {native >> 20} MB over 1,000 runs (windows: {string.Join(", ", windows.Select(g => g.Native >> 20))} MB)");
        Assert.True(managed < 32L << 20, $"live managed memory grew by {managed >> 20} MB over 1,000 runs (windows: {string.Join(", ", windows.Select(g => g.Managed >> 20))} MB)");
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
