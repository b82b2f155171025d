namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// Plain, obviously correct references for the pixel kernels: direct loops in double, no running sums,
/// no SIMD, no threads. Planes are row-major double arrays.
/// </summary>
internal static class NaiveKernels
{
    /// <summary>Mean over the valid pixels of the (2r+1)^2 window.</summary>
    public static double[] Box(double[] p, int w, int h, int r)
    {
        var q = new double[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                double s = 0; int n = 0;
                for (int yy = Math.Max(0, y - r); yy <= Math.Min(h - 1, y + r); yy++)
                    for (int xx = Math.Max(0, x - r); xx <= Math.Min(w - 1, x + r); xx++) { s += p[yy * w + xx]; n++; }
                q[y * w + x] = s / n;
            }
        return q;
    }

    /// <summary>He et al.'s guided filter, written out as in the paper's pseudo-code: returns (meanA, meanB).</summary>
    public static (double[] MeanA, double[] MeanB) GuidedCoefficients(double[] i, double[] p, int w, int h, int r, double eps)
    {
        var mI = Box(i, w, h, r);
        var mP = Box(p, w, h, r);
        var mIp = Box(Mul(i, p), w, h, r);
        var mII = Box(Mul(i, i), w, h, r);
        var a = new double[w * h];
        var b = new double[w * h];
        for (int k = 0; k < a.Length; k++)
        {
            double cov = mIp[k] - mI[k] * mP[k];
            double var = mII[k] - mI[k] * mI[k];
            a[k] = cov / (var + eps);
            b[k] = mP[k] - a[k] * mI[k];
        }
        return (Box(a, w, h, r), Box(b, w, h, r));
    }

    public static double[] Guided(double[] i, double[] p, int w, int h, int r, double eps)
    {
        var (ma, mb) = GuidedCoefficients(i, p, w, h, r, eps);
        var q = new double[w * h];
        for (int k = 0; k < q.Length; k++) q[k] = ma[k] * i[k] + mb[k];
        return q;
    }

    /// <summary>Area average: integral of the piecewise-constant source over each destination cell, divided by its area.</summary>
    public static double[] Area(double[] p, int sw, int sh, int dw, int dh)
    {
        double sx = (double)sw / dw, sy = (double)sh / dh;
        var q = new double[dw * dh];
        for (int y = 0; y < dh; y++)
            for (int x = 0; x < dw; x++)
            {
                double s = 0;
                for (int j = 0; j < sh; j++)
                {
                    double oy = Overlap(y * sy, (y + 1) * sy, j);
                    if (oy <= 0) continue;
                    for (int i = 0; i < sw; i++)
                    {
                        double ox = Overlap(x * sx, (x + 1) * sx, i);
                        if (ox > 0) s += ox * oy * p[j * sw + i];
                    }
                }
                q[y * dw + x] = s / (sx * sy);
            }
        return q;
    }

    /// <summary>Bilinear with half-pixel centres, source position clamped to the edge samples.</summary>
    public static double[] Bilinear(double[] p, int sw, int sh, int dw, int dh)
    {
        var q = new double[dw * dh];
        for (int y = 0; y < dh; y++)
            for (int x = 0; x < dw; x++)
            {
                double fx = Math.Clamp((x + 0.5) * sw / dw - 0.5, 0, sw - 1);
                double fy = Math.Clamp((y + 0.5) * sh / dh - 0.5, 0, sh - 1);
                int x0 = (int)fx, y0 = (int)fy;
                int x1 = Math.Min(x0 + 1, sw - 1), y1 = Math.Min(y0 + 1, sh - 1);
                double tx = fx - x0, ty = fy - y0;
                double top = p[y0 * sw + x0] * (1 - tx) + p[y0 * sw + x1] * tx;
                double bottom = p[y1 * sw + x0] * (1 - tx) + p[y1 * sw + x1] * tx;
                q[y * dw + x] = top * (1 - ty) + bottom * ty;
            }
        return q;
    }

    public static double[] Mul(double[] a, double[] b)
    {
        var c = new double[a.Length];
        for (int k = 0; k < c.Length; k++) c[k] = a[k] * b[k];
        return c;
    }

    private static double Overlap(double lo, double hi, int cell) => Math.Min(hi, cell + 1) - Math.Max(lo, cell);
}
