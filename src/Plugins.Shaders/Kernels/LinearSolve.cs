namespace RetouchPlugins.Shaders.Kernels;

/// <summary>Small dense linear systems (normal equations of a few-term least-squares fit).</summary>
public static class LinearSolve
{
    /// <summary>
    /// x with <paramref name="matrix"/> x = <paramref name="rhs"/> (<paramref name="n"/>×<paramref name="n"/>, row-major),
    /// by Gaussian elimination with partial pivoting; empty when the system is (numerically) singular.
    /// </summary>
    public static double[] Solve(double[] matrix, double[] rhs, int n)
    {
        var m = (double[])matrix.Clone();
        var x = (double[])rhs.Clone();
        double scale = 0;
        for (int i = 0; i < n; i++) scale = Math.Max(scale, Math.Abs(m[i * n + i]));
        for (int col = 0; col < n; col++)
        {
            int pivot = col;
            for (int r = col + 1; r < n; r++) if (Math.Abs(m[r * n + col]) > Math.Abs(m[pivot * n + col])) pivot = r;
            if (Math.Abs(m[pivot * n + col]) < 1e-10 * Math.Max(1e-30, scale)) return [];
            if (pivot != col)
            {
                for (int k = 0; k < n; k++) (m[col * n + k], m[pivot * n + k]) = (m[pivot * n + k], m[col * n + k]);
                (x[col], x[pivot]) = (x[pivot], x[col]);
            }
            for (int r = col + 1; r < n; r++)
            {
                double f = m[r * n + col] / m[col * n + col];
                for (int k = col; k < n; k++) m[r * n + k] -= f * m[col * n + k];
                x[r] -= f * x[col];
            }
        }
        for (int r = n - 1; r >= 0; r--)
        {
            double v = x[r];
            for (int k = r + 1; k < n; k++) v -= m[r * n + k] * x[k];
            x[r] = v / m[r * n + r];
        }
        return x;
    }
}
