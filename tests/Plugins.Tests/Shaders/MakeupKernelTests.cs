using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Solvers;
using RetouchPlugins.Shaders.Warp;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>The pixel kernels of the makeup effect against known answers.</summary>
public sealed class MakeupKernelTests
{
    /// <summary>Pairs from Sharma, Wu and Dalal (2005), table 1, with their published ΔE2000 (4 decimals).</summary>
    [Theory]
    [InlineData(50.0000, 2.6772, -79.7751, 50.0000, 0.0000, -82.7485, 2.0425)]
    [InlineData(50.0000, 3.1571, -77.2803, 50.0000, 0.0000, -82.7485, 2.8615)]
    [InlineData(50.0000, 0.0000, 0.0000, 50.0000, -1.0000, 2.0000, 2.3669)]
    [InlineData(50.0000, 2.5000, 0.0000, 73.0000, 25.0000, -18.0000, 27.1492)]
    [InlineData(60.2574, -34.0099, 36.2677, 60.4626, -34.1751, 39.4387, 1.2644)]
    [InlineData(22.7233, 20.0904, -46.6940, 23.0331, 14.9730, -42.5619, 2.0373)]
    public void DeltaE2000_matches_the_published_test_pairs(double l1, double a1, double b1, double l2, double a2, double b2, double expected)
    {
        Assert.Equal(expected, DeltaE2000.Between((l1, a1, b1), (l2, a2, b2)), 3);
        Assert.Equal(expected, DeltaE2000.Between((l2, a2, b2), (l1, a1, b1)), 3);
    }

    [Fact]
    public void CieLab_has_the_known_values_and_round_trips()
    {
        var white = CieLab.FromSrgb(1, 1, 1);
        Assert.Equal(100, white.L, 2); Assert.Equal(0, white.A, 2); Assert.Equal(0, white.B, 2);
        var red = CieLab.FromSrgb(1, 0, 0);
        Assert.Equal(53.24, red.L, 1); Assert.Equal(80.09, red.A, 1); Assert.Equal(67.20, red.B, 1);
        var random = new Random(7);
        for (int i = 0; i < 1000; i++)
        {
            float r = random.NextSingle(), g = random.NextSingle(), b = random.NextSingle();
            var lab = CieLab.FromSrgb(r, g, b);
            var back = CieLab.ToSrgb(lab.L, lab.A, lab.B);
            Assert.True(MathF.Abs(back.R - r) < 1e-3f && MathF.Abs(back.G - g) < 1e-3f && MathF.Abs(back.B - b) < 1e-3f, $"{r},{g},{b} -> {back}");
        }
    }

    [Fact]
    public void Delaunay_triangles_cover_the_hull_and_have_empty_circumcircles()
    {
        var random = new Random(3);
        var points = Enumerable.Range(0, 200).Select(_ => new Vector2(random.NextSingle() * 100, random.NextSingle() * 80)).ToArray();
        var triangles = DelaunayTriangulation.Of(points);
        // Euler: a triangulation of n points with h on the hull has 2n - h - 2 triangles.
        int hull = ConvexHullSize(points);
        Assert.Equal(2 * points.Length - hull - 2, triangles.Count);
        foreach (var t in triangles)
        {
            var (c, r2) = Circumcircle(points[t.A], points[t.B], points[t.C]);
            for (int i = 0; i < points.Length; i++)
                if (i != t.A && i != t.B && i != t.C)
                    Assert.True(Vector2.DistanceSquared(points[i], c) >= r2 * (1 - 1e-4), $"point {i} inside the circumcircle of {t}");
        }
    }

    [Fact]
    public void The_warp_reproduces_an_affine_map()
    {
        var source = new PlanarImage(64, 48, 1);
        for (int y = 0; y < 48; y++) for (int x = 0; x < 64; x++) source[0, x, y] = 0.01f * x + 0.02f * y;
        // Destination points are the source points moved by (-5, -3): destination pixel p shows source p + (5, 3).
        Vector2[] src = [new(10, 10), new(50, 12), new(30, 40), new(55, 40)];
        var dst = src.Select(p => p - new Vector2(5, 3)).ToArray();
        var triangles = DelaunayTriangulation.Of(dst);
        var destination = new PlanarImage(64, 48, 1);
        var coverage = new PlanarImage(64, 48, 1);
        PiecewiseAffineWarp.Apply(source, src, destination, dst, triangles, coverage);
        int covered = 0;
        for (int y = 0; y < 48; y++)
            for (int x = 0; x < 64; x++)
            {
                if (coverage[0, x, y] == 0) { Assert.Equal(0, destination[0, x, y]); continue; }
                covered++;
                Assert.Equal(0.01f * (x + 5) + 0.02f * (y + 3), destination[0, x, y], 4);
            }
        Assert.True(covered > 900, $"{covered} pixels covered");
    }

    [Fact]
    public void Poisson_solver_reproduces_a_known_solution()
    {
        // u = x² - y² / 2 has a discrete Laplacian of 2 - 1 = 1 everywhere: fix the border, solve the inside.
        int w = 40, h = 30;
        var exact = new float[w * h]; var u = new float[w * h]; var rhs = new float[w * h];
        var kinds = new PoissonPixel[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int i = y * w + x;
                exact[i] = 0.001f * (x * x - y * y / 2f);
                bool border = x == 0 || y == 0 || x == w - 1 || y == h - 1;
                kinds[i] = border ? PoissonPixel.Fixed : PoissonPixel.Unknown;
                u[i] = border ? exact[i] : 0;
                rhs[i] = 0.001f;
            }
        int sweeps = PoissonSolver.Solve(u, rhs, kinds, w, h, maxSweeps: 5000, tolerance: 1e-6f);
        Assert.True(sweeps < 5000, "did not converge");
        for (int i = 0; i < u.Length; i++) Assert.Equal(exact[i], u[i], 4);
    }

    [Fact]
    public void Weighted_least_squares_keeps_edges_and_smooths_flat_noise()
    {
        int w = 60, h = 40;
        var random = new Random(5);
        var plane = new float[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                plane[y * w + x] = (x < 30 ? 0.3f : 0.7f) + 0.01f * (random.NextSingle() - 0.5f);
        var s = WeightedLeastSquares.Smooth(plane, [], w, h, maxIterations: 500, tolerance: 1e-6f);
        // Flat-area variation about its own mean falls (the edge pulls each side's level a little, by design:
        // the step is weighted, not cut), and the step keeps at least 90% of its height within three pixels.
        // Variation down each column (the edge's pull is the same in every row, the noise is not).
        double Variation(float[] p)
        {
            double v = 0; int n = 0;
            for (int x = 2; x < 26; x++)
            {
                double mean = 0;
                for (int y = 0; y < h; y++) mean += p[y * w + x];
                mean /= h;
                for (int y = 0; y < h; y++) { v += Math.Pow(p[y * w + x] - mean, 2); n++; }
            }
            return v / n;
        }
        Assert.True(Variation(s) < Variation(plane) / 9, $"flat-area variance {Variation(s):g3} against {Variation(plane):g3}");
        for (int y = 0; y < h; y++) Assert.True(s[y * w + 31] - s[y * w + 28] > 0.36f, $"row {y}: step {s[y * w + 31] - s[y * w + 28]:0.000}");
    }

    [Fact]
    public void Histogram_matching_maps_quantile_to_quantile()
    {
        var source = Enumerable.Range(0, 1000).Select(i => i / 999f).ToArray();
        var reference = Enumerable.Range(0, 1000).Select(i => 2 + 2 * (i / 999f) * (i / 999f)).ToArray();
        var ones = Enumerable.Repeat(1f, 1000).ToArray();
        var match = HistogramMatching.Fit(source, ones, reference, ones)!;
        Assert.Equal(2 + 2 * 0.25f, match.Map(0.5f), 1);
        Assert.Equal(2 + 2 * 0.81f, match.Map(0.9f), 1);
        Assert.True(match.Map(0.3f) < match.Map(0.31f), "the mapping is monotone");
        Assert.Null(HistogramMatching.Fit(source, new float[1000], reference, ones));
    }

    private static (Vector2 Centre, double R2) Circumcircle(Vector2 a, Vector2 b, Vector2 c)
    {
        double d = 2 * (a.X * (b.Y - c.Y) + b.X * (c.Y - a.Y) + c.X * (a.Y - b.Y));
        double ux = ((a.LengthSquared()) * (b.Y - c.Y) + b.LengthSquared() * (c.Y - a.Y) + c.LengthSquared() * (a.Y - b.Y)) / d;
        double uy = ((a.LengthSquared()) * (c.X - b.X) + b.LengthSquared() * (a.X - c.X) + c.LengthSquared() * (b.X - a.X)) / d;
        var centre = new Vector2((float)ux, (float)uy);
        return (centre, Vector2.DistanceSquared(a, centre));
    }

    private static int ConvexHullSize(Vector2[] points)
    {
        var sorted = points.OrderBy(p => p.X).ThenBy(p => p.Y).ToArray();
        static float Cross(Vector2 o, Vector2 a, Vector2 b) => (a.X - o.X) * (b.Y - o.Y) - (a.Y - o.Y) * (b.X - o.X);
        var hull = new List<Vector2>();
        foreach (var pass in new[] { sorted, sorted.Reverse().ToArray() })
        {
            int start = hull.Count;
            foreach (var p in pass)
            {
                while (hull.Count >= start + 2 && Cross(hull[^2], hull[^1], p) <= 0) hull.RemoveAt(hull.Count - 1);
                hull.Add(p);
            }
            hull.RemoveAt(hull.Count - 1);
        }
        return hull.Count;
    }
}
