using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Analysis;

/// <summary>
/// Keeps the last few analyses of another provider by content hash, size and request, so a photo is analysed
/// once whichever effects and slider moves follow. A cancelled or failed analysis is not kept. A capacity of 0
/// keeps none (and hashes nothing): for hosts that see each photo once, where a kept analysis only holds memory.
/// Besides the count, the analyses kept hold at most <see cref="MaxBytes"/> (<see cref="PortraitAnalysis.MaxHeldBytes"/>
/// each; the newest is always kept): four 24 MP analyses would hold about 3 GB in an editor that also holds the photo.
/// </summary>
public sealed class CachedAnalysisProvider : IAnalysisProvider
{
    /// <summary>What an editing host keeps: the photo open, and a few it switched between.</summary>
    public const int DefaultCapacity = 4;

    /// <summary>The memory the kept analyses may hold together by default: four of 12 MP, two of 24 MP, one larger.</summary>
    public const long DefaultMaxBytes = 2L << 30;

    private readonly IAnalysisProvider _inner;
    private readonly int _capacity;
    private readonly long _maxBytes;

    private readonly LinkedList<(ulong Hash, AnalysisRequest Request, PortraitAnalysis Analysis)> _cache = new();
    private readonly object _gate = new();
    private int _analysesRun;

    public CachedAnalysisProvider(IAnalysisProvider inner, int capacity = DefaultCapacity, long maxBytes = DefaultMaxBytes)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentOutOfRangeException.ThrowIfNegative(capacity);
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _inner = inner;
        _capacity = capacity;
        _maxBytes = maxBytes;
    }

    /// <summary>How much memory the kept analyses may hold together (the newest is kept whatever its size).</summary>
    public long MaxBytes => _maxBytes;

    /// <summary>How many analyses are kept now.</summary>
    public int Count
    {
        get { lock (_gate) return _cache.Count; }
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
            while (_cache.Count > _capacity || (_cache.Count > 1 && _cache.Sum(e => e.Analysis.MaxHeldBytes) > _maxBytes)) _cache.RemoveLast();
        }
        return analysis;
    }
}
