namespace RetouchPlugins.Shaders.Solvers;

/// <summary>
/// Edge-preserving smoothing by weighted least squares (Farbman et al. 2008): the structure s of a plane l
/// minimises Σ_p (s_p − l_p)² + λ Σ_p β_p (a_x,p (∂s/∂x)² + a_y,p (∂s/∂y)²) with smoothness weights
/// a = 1 / (|∂l|^α + ε), so s follows l across strong edges and is smooth elsewhere. β is a per-pixel
/// factor (Guo and Sim make it small near eyes, brows and lips so their edges stay in the structure).
/// The sparse system (I + λ L_β,a) s = l is solved by conjugate gradients with a Jacobi preconditioner; the
/// dot products are summed per row in a fixed order, so the result does not depend on the thread count.
/// </summary>
public static class WeightedLeastSquares
{
    /// <param name="plane">l, row-major, values of order 1 (the weights use its gradients as they are).</param>
    /// <param name="beta">β per pixel (null: 1 everywhere).</param>
    public static float[] Smooth(ReadOnlySpan<float> plane, ReadOnlySpan<float> beta, int width, int height,
        float lambda = 0.2f, float alpha = 1.2f, float epsilon = 1e-4f, int maxIterations = 200, float tolerance = 1e-4f,
        CancellationToken cancellation = default)
    {
        int n = width * height;
        if (plane.Length != n || (beta.Length != 0 && beta.Length != n)) throw new ArgumentException($"the planes must hold {width}x{height} samples");
        var l = plane.ToArray();
        // Edge weights: wx[i] couples i and i+1, wy[i] couples i and i+width (β averaged over the two pixels).
        var wx = new float[n]; var wy = new float[n];
        var b = beta.Length == 0 ? null : beta.ToArray();
        Parallel.For(0, height, y =>
        {
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                if (x < width - 1)
                    wx[i] = lambda * Beta(b, i, i + 1) / (MathF.Pow(MathF.Abs(l[i + 1] - l[i]), alpha) + epsilon);
                if (y < height - 1)
                    wy[i] = lambda * Beta(b, i, i + width) / (MathF.Pow(MathF.Abs(l[i + width] - l[i]), alpha) + epsilon);
            }
        });
        var diagonal = new float[n];
        Parallel.For(0, height, y =>
        {
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                float d = 1 + wx[i] + wy[i];
                if (x > 0) d += wx[i - 1];
                if (y > 0) d += wy[i - width];
                diagonal[i] = d;
            }
        });

        // Conjugate gradients on A s = l from s = l.
        var s = (float[])l.Clone();
        var r = new float[n]; var z = new float[n]; var p = new float[n]; var q = new float[n];
        Multiply(s, q, wx, wy, diagonal, width, height);
        for (int i = 0; i < n; i++) { r[i] = l[i] - q[i]; z[i] = r[i] / diagonal[i]; p[i] = z[i]; }
        double rz = Dot(r, z, width, height), norm0 = Math.Sqrt(Dot(l, l, width, height)) + 1e-12;
        for (int iteration = 0; iteration < maxIterations; iteration++)
        {
            cancellation.ThrowIfCancellationRequested();
            if (Math.Sqrt(Dot(r, r, width, height)) / norm0 < tolerance) break;
            Multiply(p, q, wx, wy, diagonal, width, height);
            double step = rz / Math.Max(Dot(p, q, width, height), 1e-30);
            float stepF = (float)step;
            Parallel.For(0, height, y =>
            {
                for (int i = y * width, e = i + width; i < e; i++)
                {
                    s[i] += stepF * p[i];
                    r[i] -= stepF * q[i];
                    z[i] = r[i] / diagonal[i];
                }
            });
            double rzNext = Dot(r, z, width, height);
            float keep = (float)(rzNext / Math.Max(rz, 1e-30));
            rz = rzNext;
            Parallel.For(0, height, y =>
            {
                for (int i = y * width, e = i + width; i < e; i++) p[i] = z[i] + keep * p[i];
            });
        }
        return s;
    }

    private static float Beta(float[]? beta, int i, int j) => beta is null ? 1 : 0.5f * (beta[i] + beta[j]);

    /// <summary>q = A v for A = diag − (couplings): A is the identity plus the weighted graph Laplacian.</summary>
    private static void Multiply(float[] v, float[] q, float[] wx, float[] wy, float[] diagonal, int width, int height) =>
        Parallel.For(0, height, y =>
        {
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                float sum = diagonal[i] * v[i];
                if (x < width - 1) sum -= wx[i] * v[i + 1];
                if (x > 0) sum -= wx[i - 1] * v[i - 1];
                if (y < height - 1) sum -= wy[i] * v[i + width];
                if (y > 0) sum -= wy[i - width] * v[i - width];
                q[i] = sum;
            }
        });

    private static double Dot(float[] a, float[] b, int width, int height)
    {
        var rows = new double[height];
        Parallel.For(0, height, y =>
        {
            double sum = 0;
            for (int i = y * width, e = i + width; i < e; i++) sum += (double)a[i] * b[i];
            rows[y] = sum;
        });
        double total = 0;
        foreach (var r in rows) total += r;
        return total;
    }
}
