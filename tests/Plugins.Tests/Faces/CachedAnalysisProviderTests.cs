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
    public void Older_analyses_go_once_the_kept_ones_would_hold_more_than_the_memory_bound()
    {
        var inner = new Counting();
        var photos = Enumerable.Range(0, 3).Select(Variant).ToArray();
        long each = (long)photos[0].Width * photos[0].Height * Shared.Faces.PortraitAnalysis.MaxHeldBytesPerPixel;
        var cache = new CachedAnalysisProvider(inner, capacity: 4, maxBytes: 2 * each + each / 2); // room for two

        foreach (var photo in photos) cache.Analyze(photo, AnalysisRequest.Portrait);
        Assert.Equal(2, cache.Count);
        cache.Analyze(photos[2], AnalysisRequest.Portrait); // the newest two are kept
        cache.Analyze(photos[1], AnalysisRequest.Portrait);
        Assert.Equal(3, inner.Runs);
        cache.Analyze(photos[0], AnalysisRequest.Portrait); // the oldest went: analysed again
        Assert.Equal(4, inner.Runs);
    }

    [Fact]
    public void An_analysis_larger_than_the_bound_is_still_kept_while_it_is_the_newest()
    {
        var inner = new Counting();
        var cache = new CachedAnalysisProvider(inner, maxBytes: 1);
        var photo = BatchTestFiles.FaceCrop();

        cache.Analyze(photo, AnalysisRequest.Portrait);
        cache.Analyze(photo, AnalysisRequest.Portrait); // a slider move on the open photo
        Assert.Equal(1, inner.Runs);
        cache.Analyze(Variant(1), AnalysisRequest.Portrait);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public void The_default_bound_keeps_two_analyses_of_24_megapixels_and_four_of_12()
    {
        long bound = CachedAnalysisProvider.DefaultMaxBytes;
        long at24 = 6000L * 4000 * Shared.Faces.PortraitAnalysis.MaxHeldBytesPerPixel;
        long at12 = 4240L * 2830 * Shared.Faces.PortraitAnalysis.MaxHeldBytesPerPixel;
        Assert.InRange(bound / at24, 2, 2);
        Assert.True(bound / at12 >= CachedAnalysisProvider.DefaultCapacity, $"{bound / at12} analyses of 12 MP fit");
    }

    /// <summary>The face crop with one pixel changed: another photo of the same size (another content hash).</summary>
    private static PlanarImage Variant(int k)
    {
        var photo = BatchTestFiles.FaceCrop();
        photo.Data[k] = 1 - photo.Data[k];
        return photo;
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
