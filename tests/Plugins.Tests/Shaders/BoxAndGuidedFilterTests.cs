using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using static RetouchPlugins.Tests.Shaders.TestImages;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>Box and guided filters against the naive double references; tolerance 1e-5 absolute on [0, 1] data.</summary>
public class BoxAndGuidedFilterTests
{
    private const double Tolerance = 1e-5;

    public static TheoryData<int, int, int, bool> Cases => new()
    {
        // width, height, radius, photo-like (else noise)
        { 37, 23, 0, false },
        { 37, 23, 1, true },
        { 61, 45, 4, false },
        { 61, 45, 8, true },
        { 1, 17, 3, false },      // one column
        { 29, 1, 5, true },       // one row
        { 13, 9, 40, false },     // radius larger than the image
        { 90, 70, 12, true },
    };

    [Theory, MemberData(nameof(Cases))]
    public void BoxFilterMatchesNaiveReference(int w, int h, int r, bool photo)
    {
        var p = photo ? PhotoLike(w, h, w * 31 + r) : Noise(w, h, w * 31 + r);
        var expected = NaiveKernels.Box(ToDouble(p), w, h, r);
        foreach (var options in new[] { KernelOptions.SingleCore, KernelOptions.AllCores, new KernelOptions(3), new KernelOptions { ColumnStripWidth = 5 } })
        {
            var q = new float[w * h];
            BoxFilter.ApplyPlane(p, q, w, h, r, options);
            Assert.True(MaxAbsDiff(q, expected) < Tolerance, $"{w}x{h} r={r} dop={options.MaxDegreeOfParallelism}: max diff {MaxAbsDiff(q, expected):E2}");
        }
    }

    [Fact]
    public void BoxFilterOfAConstantIsTheConstantEverywhereIncludingBorders()
    {
        var img = new PlanarImage(53, 31, 2);
        img.Data.AsSpan().Fill(0.3f);
        var q = BoxFilter.Apply(img, 7);
        foreach (var v in q.Data) Assert.Equal(0.3, v, 1e-6);
    }

    [Theory, MemberData(nameof(Cases))]
    public void GuidedFilterMatchesNaiveReference(int w, int h, int r, bool photo)
    {
        var guide = photo ? PhotoLike(w, h, 7 + r) : Noise(w, h, 7 + r);
        var input = Noise(w, h, 99 + r);
        foreach (double eps in new[] { 1e-2, 1e-4 })
        {
            var expected = NaiveKernels.Guided(ToDouble(guide), ToDouble(input), w, h, r, eps);
            // Whole rows, and column strips narrower than the radius (each strip with its halo).
            foreach (var options in new[] { KernelOptions.AllCores, new KernelOptions { ColumnStripWidth = 3 } })
            {
                var q = new float[w * h];
                GuidedFilter.ApplyPlane(guide, input, q, w, h, r, (float)eps, options);
                double d = MaxAbsDiff(q, expected);
                Assert.True(d < Tolerance, $"{w}x{h} r={r} eps={eps} strips={options.ColumnStripWidth}: max diff {d:E2}");
            }
        }
    }

    [Fact]
    public void GuidedFilterWithTheInputAsItsOwnGuideKeepsEdgesAndSmoothsFlatNoise()
    {
        // Edge-preserving smoothing: a step edge with small noise on both sides.
        int w = 80, h = 40;
        var rng = new Random(5);
        var p = new float[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                p[y * w + x] = (x < w / 2 ? 0.2f : 0.8f) + 0.02f * (rng.NextSingle() - 0.5f);
        var q = new float[w * h];
        GuidedFilter.ApplyPlane(p, p, q, w, h, 6, 1e-3f);
        // The edge survives (a plain box filter of radius 6 would spread it over 13 pixels)...
        Assert.True(q[20 * w + w / 2 - 1] < 0.25f && q[20 * w + w / 2] > 0.75f, "edge kept");
        // ...while the noise in the flat parts shrinks.
        double before = 0, after = 0;
        for (int x = 5; x < w / 2 - 8; x++) { before += Math.Abs(p[20 * w + x] - 0.2f); after += Math.Abs(q[20 * w + x] - 0.2f); }
        Assert.True(after < 0.5 * before, $"noise {before:F4} -> {after:F4}");
    }

    [Fact]
    public void GuidedFilterOnImagesUsesOneGuidePlanePerInputPlaneOrASharedOne()
    {
        int w = 31, h = 27;
        var guide = new PlanarImage(w, h, 1, PhotoLike(w, h, 1));
        var input = new PlanarImage(w, h, 2);
        Noise(w, h, 2).CopyTo(input.Plane(0));
        Noise(w, h, 3).CopyTo(input.Plane(1));
        var q = GuidedFilter.Apply(guide, input, 3, 1e-3f);
        for (int c = 0; c < 2; c++)
        {
            var expected = NaiveKernels.Guided(ToDouble(guide.Data), ToDouble(input.ExtractPlane(c).Data), w, h, 3, 1e-3);
            Assert.True(MaxAbsDiff(q.Plane(c), expected) < Tolerance);
        }
        Assert.Throws<ArgumentException>(() => GuidedFilter.Apply(new PlanarImage(w, h, 3), input, 3, 1e-3f));
    }
}
