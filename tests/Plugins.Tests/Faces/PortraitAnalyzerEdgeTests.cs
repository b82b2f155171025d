using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Tests.Faces;

public class PortraitAnalyzerEdgeTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    /// <summary>A photo without a face is not an error: no faces, face masks all exactly 0, the person mask still there.</summary>
    [Fact]
    public void PhotoWithoutFacesGivesEmptyFaceMasks()
    {
        using var analyzer = new PortraitAnalyzer(fixture.Environment);
        var blank = new PlanarImage(640, 480, 3);
        Array.Fill(blank.Data, 0.5f);
        var progress = new List<double>();
        var a = analyzer.Analyze(blank, null, new SynchronousProgress(progress.Add));

        Assert.Empty(a.Faces);
        Assert.All(a.SkinMask.Data, v => Assert.Equal(0f, v));
        Assert.All(a.FaceSkinMask.Data, v => Assert.Equal(0f, v));
        Assert.All(a.FeatureMask.Data, v => Assert.Equal(0f, v));
        Assert.NotNull(a.PersonMask);
        Assert.Equal((640, 480), (a.PersonMask!.Width, a.PersonMask.Height));
        Assert.Equal(0, progress[0]);
        Assert.Equal(1, progress[^1]);
        Assert.Equal(progress.Order(), progress);
    }

    [Fact]
    public void GreyImageIsRejectedAndCancellationStops()
    {
        using var analyzer = new PortraitAnalyzer(fixture.Environment);
        var error = Assert.Throws<ArgumentException>(() => analyzer.Analyze(new PlanarImage(64, 64, 1), null));
        Assert.Contains("RGB", error.Message);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => analyzer.Analyze(FaceTestData.Photo(1), cancelled.Token));
    }

    /// <summary>Progress reported on the calling thread (Progress&lt;T&gt; would post to the thread pool and arrive late).</summary>
    private sealed class SynchronousProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
