namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// How a kernel may use the machine. <see cref="MaxDegreeOfParallelism"/> = -1 uses all cores;
/// 1 runs on the calling thread only (the bench's one-core figure).
/// </summary>
public sealed record KernelOptions(int MaxDegreeOfParallelism = -1)
{
    public static KernelOptions AllCores { get; } = new();
    public static KernelOptions SingleCore { get; } = new(1);

    /// <summary>
    /// Tuning: columns per strip in the box-sum engine (0 = chosen from the number of planes summed so the working
    /// rows stay in L2). Results do not depend on it beyond rounding.
    /// </summary>
    public int ColumnStripWidth { get; init; }

    /// <summary>How many workers a kernel will split its rows over.</summary>
    public int Workers => MaxDegreeOfParallelism > 0 ? Math.Min(MaxDegreeOfParallelism, Environment.ProcessorCount) : Environment.ProcessorCount;
}
