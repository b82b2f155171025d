using System.Diagnostics;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Tests.Onnx;

public class OnnxMemoryTests
{
    /// <summary>
    /// 1,000 runs with a 1 MB input and a 1 MB output do not grow the process: a leaked input
    /// value, output value or pinned buffer per run would add about 1 GB. After 100 warm-up runs
    /// (ORT's arena settles), the resident set may grow by at most 32 MB over the next 1,000.
    /// </summary>
    [Fact]
    public void ThousandRunsDoNotGrowMemory()
    {
        using var env = new OnnxRuntimeEnvironment();
        using var session = env.OpenSession(TestGraphs.AddMul(), "add_mul.onnx", new SessionSettings { IntraOpThreads = 1 });
        const int batch = 256 * 256 / 12 * 4; // 21844 x 3 x 4 floats = about 1 MB
        var x = new NamedTensor("x", [batch, 3, 4], new float[batch * 12]);
        for (int i = 0; i < 100; i++) session.Run([x]);
        long before = Settle();
        float check = 0;
        for (int i = 0; i < 1000; i++) check += session.Run([x])["y"].Floats[5];
        long after = Settle();
        Assert.Equal(3000f, check); // each run computes (0 + 1.5) * 2
        Assert.True(after - before < 32L << 20, $"resident memory grew by {(after - before) >> 20} MB over 1,000 runs");
    }

    private static long Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var p = Process.GetCurrentProcess();
        return p.WorkingSet64;
    }
}
