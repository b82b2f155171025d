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

/// <summary>The colour-guide reference: per pixel 3 x 3 solve in double, straight from the paper's equations.</summary>
internal static class NaiveColorGuided
{
    public static double[] Filter(double[][] guide, double[] p, int w, int h, int r, double eps)
    {
        int n = w * h;
        var mean = new double[3][];
        for (int c = 0; c < 3; c++) mean[c] = NaiveKernels.Box(guide[c], w, h, r);
        var mp = NaiveKernels.Box(p, w, h, r);
        var mIp = new double[3][];
        for (int c = 0; c < 3; c++) mIp[c] = NaiveKernels.Box(NaiveKernels.Mul(guide[c], p), w, h, r);
        var mII = new double[3, 3][];
        for (int c = 0; c < 3; c++)
            for (int d = 0; d < 3; d++) mII[c, d] = NaiveKernels.Box(NaiveKernels.Mul(guide[c], guide[d]), w, h, r);
        var a = new double[3][] { new double[n], new double[n], new double[n] };
        var b = new double[n];
        for (int k = 0; k < n; k++)
        {
            var m = new double[3, 3];
            var cov = new double[3];
            for (int c = 0; c < 3; c++)
            {
                cov[c] = mIp[c][k] - mean[c][k] * mp[k];
                for (int d = 0; d < 3; d++) m[c, d] = mII[c, d][k] - mean[c][k] * mean[d][k] + (c == d ? eps : 0);
            }
            var x = Solve(m, cov);
            for (int c = 0; c < 3; c++) a[c][k] = x[c];
            b[k] = mp[k] - x[0] * mean[0][k] - x[1] * mean[1][k] - x[2] * mean[2][k];
        }
        var ma = new double[3][];
        for (int c = 0; c < 3; c++) ma[c] = NaiveKernels.Box(a[c], w, h, r);
        var mb = NaiveKernels.Box(b, w, h, r);
        var q = new double[n];
        for (int k = 0; k < n; k++) q[k] = ma[0][k] * guide[0][k] + ma[1][k] * guide[1][k] + ma[2][k] * guide[2][k] + mb[k];
        return q;
    }

    /// <summary>Gaussian elimination with partial pivoting.</summary>
    private static double[] Solve(double[,] m, double[] v)
    {
        var A = (double[,])m.Clone();
        var x = (double[])v.Clone();
        for (int col = 0; col < 3; col++)
        {
            int pivot = col;
            for (int row = col + 1; row < 3; row++) if (Math.Abs(A[row, col]) > Math.Abs(A[pivot, col])) pivot = row;
            for (int j = 0; j < 3; j++) (A[col, j], A[pivot, j]) = (A[pivot, j], A[col, j]);
            (x[col], x[pivot]) = (x[pivot], x[col]);
            for (int row = col + 1; row < 3; row++)
            {
                double f = A[row, col] / A[col, col];
                for (int j = col; j < 3; j++) A[row, j] -= f * A[col, j];
                x[row] -= f * x[col];
            }
        }
        for (int row = 2; row >= 0; row--)
        {
            for (int j = row + 1; j < 3; j++) x[row] -= A[row, j] * x[j];
            x[row] /= A[row, row];
        }
        return x;
    }
}
