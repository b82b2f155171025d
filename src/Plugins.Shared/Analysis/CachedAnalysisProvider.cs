using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Analysis;

/// <summary>
/// Keeps the last few analyses of another provider by content hash, size and request, so a photo is analysed
/// once whichever effects and slider moves follow. A cancelled or failed analysis is not kept. A capacity of 0
/// keeps none (and hashes nothing): for hosts that see each photo once, where a kept analysis only holds memory.
/// </summary>
public sealed class CachedAnalysisProvider : IAnalysisProvider
{
    /// <summary>What an editing host keeps: the photo open, and a few it switched between.</summary>
    public const int DefaultCapacity = 4;

    private readonly IAnalysisProvider _inner;
    private readonly int _capacity;

    private readonly LinkedList<(ulong Hash, AnalysisRequest Request, PortraitAnalysis Analysis)> _cache = new();
    private readonly object _gate = new();
    private int _analysesRun;

    public CachedAnalysisProvider(IAnalysisProvider inner, int capacity = DefaultCapacity)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        _inner = inner;
        _capacity = capacity;
    }

    /// <summary>How many analyses it keeps at most.</summary>
    public int Capacity => _capacity;

    /// <summary>How many analyses ran (not served from the cache).</summary>
    public int AnalysesRun => Volatile.Read(ref _analysesRun);

    public void Prepare(AnalysisRequest request) => _inner.Prepare(request);

    public PortraitAnalysis Analyze(PlanarImage image, AnalysisRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (_capacity == 0)
        {
            var fresh = _inner.Analyze(image, request, progress, cancellation);
            Interlocked.Increment(ref _analysesRun);
            return fresh;
        }
        ulong hash = ContentHash.Of(image);
        lock (_gate)
        {
            for (var node = _cache.First; node is not null; node = node.Next)
                if (node.Value.Hash == hash && node.Value.Request.Equals(request)
                    && node.Value.Analysis.Width == image.Width && node.Value.Analysis.Height == image.Height)
                {
                    _cache.Remove(node);
                    _cache.AddFirst(node);
                    progress?.Report(1);
                    return node.Value.Analysis;
                }
        }
        var analysis = _inner.Analyze(image, request, progress, cancellation);
        Interlocked.Increment(ref _analysesRun);
        lock (_gate)
        {
            _cache.AddFirst((hash, request, analysis));
            while (_cache.Count > _capacity) _cache.RemoveLast();
        }
        return analysis;
    }
}
