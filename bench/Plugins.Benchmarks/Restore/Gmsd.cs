using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Benchmarks.Restore;

/// <summary>
/// Gradient magnitude similarity deviation (Xue et al. 2014) of the luma: Prewitt gradient magnitudes m_r, m_t,
/// GMS = (2 m_r m_t + c) / (m_r² + m_t² + c) with c = 170 / 255² (the paper's 170 on 0–255), and GMSD = the standard
/// deviation of GMS over the pixels where the mask is ≥ 0.5. 0 = same structure; larger = more distorted.
/// </summary>
public static class Gmsd
{
    private const double C = 170.0 / (255 * 255);

    public static double Of(PlanarImage reference, PlanarImage test, PlanarImage mask)
    {
        var r = PlaneMath.Luma(reference); var t = PlaneMath.Luma(test);
        int w = r.Width, h = r.Height;
        double sum = 0, sum2 = 0; long n = 0;
        for (int y = 1; y < h - 1; y++)
            for (int x = 1; x < w - 1; x++)
            {
                if (mask.Data[y * w + x] < 0.5f) continue;
                double mr = Magnitude(r, x, y), mt = Magnitude(t, x, y);
                double gms = (2 * mr * mt + C) / (mr * mr + mt * mt + C);
                sum += gms; sum2 += gms * gms; n++;
            }
        if (n == 0) throw new ArgumentException("the mask selects no pixel");
        double mean = sum / n;
        return Math.Sqrt(Math.Max(0, sum2 / n - mean * mean));
    }

    private static double Magnitude(PlanarImage p, int x, int y)
    {
        float At(int dx, int dy) => p.Data[(y + dy) * p.Width + x + dx];
        double gx = (At(1, -1) + At(1, 0) + At(1, 1) - At(-1, -1) - At(-1, 0) - At(-1, 1)) / 3.0;
        double gy = (At(-1, 1) + At(0, 1) + At(1, 1) - At(-1, -1) - At(0, -1) - At(1, -1)) / 3.0;
        return Math.Sqrt(gx * gx + gy * gy);
    }
}
