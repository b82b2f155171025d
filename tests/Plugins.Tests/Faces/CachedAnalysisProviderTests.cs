using RetouchPlugins.Tests.Batch;

namespace RetouchPlugins.Tests.Faces;

/// <summary>The analysis cache: an editor's photo is analysed once; a host that keeps none analyses every time and holds nothing.</summary>
public sealed class CachedAnalysisProviderTests
{
    private sealed class Counting : IAnalysisProvider
    {
        public int Runs;

        public Shared.Faces.PortraitAnalysis Analyze(PlanarImage image, AnalysisRequest request, IProgress<double>? progress = null,
            CancellationToken cancellation = default)
        {
            Runs++;
            return BatchTestFiles.FaceCropAnalysis(image);
        }
    }

    [Fact]
    public void The_same_photo_is_analysed_once_while_it_is_kept()
    {
        var inner = new Counting();
        var cache = new CachedAnalysisProvider(inner);
        var photo = BatchTestFiles.FaceCrop();

        var first = cache.Analyze(photo, AnalysisRequest.Portrait);
        var again = cache.Analyze(photo.Clone(), AnalysisRequest.Portrait); // same content, another buffer

        Assert.Same(first, again);
        Assert.Equal(1, inner.Runs);
        Assert.Equal(CachedAnalysisProvider.DefaultCapacity, cache.Capacity);
    }

    [Fact]
    public void With_no_capacity_every_photo_is_analysed_and_no_analysis_is_held()
    {
        var inner = new Counting();
        var cache = new CachedAnalysisProvider(inner, capacity: 0);
        var photo = BatchTestFiles.FaceCrop();

        var held = Analysed(cache, photo);
        _ = cache.Analyze(photo, AnalysisRequest.Portrait);
        GC.Collect();
        GC.WaitForPendingFinalizers();

        Assert.Equal(2, inner.Runs);
        Assert.False(held.IsAlive, "the cache held an analysis with a capacity of 0");
        GC.KeepAlive(cache);
    }

    [Fact]
    public void A_negative_capacity_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new CachedAnalysisProvider(new Counting(), capacity: -1));
    }

    /// <summary>In its own frame, so the test's own locals do not keep the analysis alive.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference Analysed(CachedAnalysisProvider cache, PlanarImage photo) =>
        new(cache.Analyze(photo, AnalysisRequest.Portrait));
}
