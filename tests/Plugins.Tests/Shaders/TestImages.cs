namespace RetouchPlugins.Tests.Shaders;

/// <summary>Seeded test planes: uniform noise, and a "photo-like" plane (smooth shading, hard edges, fine texture).</summary>
internal static class TestImages
{
    public static float[] Noise(int w, int h, int seed)
    {
        var rng = new Random(seed);
        var p = new float[w * h];
        for (int k = 0; k < p.Length; k++) p[k] = rng.NextSingle();
        return p;
    }

    public static float[] PhotoLike(int w, int h, int seed)
    {
        var rng = new Random(seed);
        double cx = rng.NextDouble() * w, cy = rng.NextDouble() * h, rad = 0.3 * Math.Min(w, h) + 1;
        var p = new float[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double shade = 0.35 + 0.25 * Math.Sin(x * 0.05) * Math.Cos(y * 0.04);
                bool inside = (x - cx) * (x - cx) + (y - cy) * (y - cy) < rad * rad; // a disc: a hard edge
                double v = shade + (inside ? 0.3 : 0) + 0.04 * (rng.NextDouble() - 0.5);
                p[y * w + x] = (float)Math.Clamp(v, 0, 1);
            }
        return p;
    }

    public static double[] ToDouble(float[] p) => Array.ConvertAll(p, v => (double)v);

    public static double MaxAbsDiff(ReadOnlySpan<float> actual, double[] expected)
    {
        double m = 0;
        for (int k = 0; k < expected.Length; k++) m = Math.Max(m, Math.Abs(actual[k] - expected[k]));
        return m;
    }
}
