using System.Runtime.InteropServices;
namespace RetouchPlugins.Shaders.Solvers;

/// <summary>What a pixel is to <see cref="PoissonSolver"/>.</summary>
public enum PoissonPixel : byte
{
    /// <summary>Not part of the problem: its neighbours treat it as absent (no flow across, a Neumann edge).</summary>
    Excluded = 0,
    /// <summary>A known value that the unknowns next to it must meet (a Dirichlet boundary).</summary>
    Fixed = 1,
    /// <summary>Solved for.</summary>
    Unknown = 2,
}

/// <summary>
/// Solves the discrete Poisson equation Σ_n (u_n − u_p) = g_p over the unknown pixels of a grid (4-neighbour
/// Laplacian; the right-hand side g is the divergence of a guidance field, or 0 for a membrane fill), with
/// fixed pixels as Dirichlet boundary and excluded pixels as Neumann edges. Red–black successive
/// over-relaxation: each half-sweep updates pixels of one colour from the other's, so rows run in parallel and
/// the result does not depend on the thread count. Stops when the largest update falls under the tolerance.
/// </summary>
public static class PoissonSolver
{
    /// <summary>
    /// Improves <paramref name="values"/> in place (its unknown pixels are the starting guess, its fixed pixels
    /// the boundary) and returns the number of sweeps run. <paramref name="rightHandSide"/> may be empty (zero).
    /// </summary>
    public static int Solve(Span<float> values, ReadOnlySpan<float> rightHandSide, ReadOnlySpan<PoissonPixel> pixels,
        int width, int height, int maxSweeps = 2000, float tolerance = 1e-4f, CancellationToken cancellation = default)
    {
        int n = width * height;
        if (values.Length != n || pixels.Length != n || (rightHandSide.Length != 0 && rightHandSide.Length != n))
            throw new ArgumentException($"the planes must hold {width}x{height} samples");
        int unknownRows = 0, minY = height, maxY = -1;
        for (int y = 0; y < height; y++)
            if (Bytes(pixels.Slice(y * width, width)).Contains((byte)PoissonPixel.Unknown)) { unknownRows++; minY = Math.Min(minY, y); maxY = y; }
        if (unknownRows == 0) return 0;

        // Over-relaxation near the optimum for a square of the problem's extent (Young): 2 / (1 + sin(pi / size)).
        int size = Math.Max(maxY - minY + 1, ExtentX(pixels, width, height));
        float omega = (float)(2 / (1 + Math.Sin(Math.PI / Math.Max(size, 2))));

        var u = values.ToArray();
        var g = rightHandSide.Length == 0 ? null : rightHandSide.ToArray();
        var kind = pixels.ToArray();
        var rowChange = new float[height];
        int sweeps = 0;
        while (sweeps < maxSweeps)
        {
            cancellation.ThrowIfCancellationRequested();
            Array.Clear(rowChange);
            for (int colour = 0; colour < 2; colour++)
            {
                int c = colour;
                Parallel.For(minY, maxY + 1, y => rowChange[y] = MathF.Max(rowChange[y], Relax(u, g, kind, width, height, y, c, omega)));
            }
            sweeps++;
            float change = 0;
            for (int y = minY; y <= maxY; y++) change = MathF.Max(change, rowChange[y]);
            if (change < tolerance) break;
        }
        u.CopyTo(values);
        return sweeps;
    }

    /// <summary>One half-sweep over the pixels of row <paramref name="y"/> whose (x + y) parity is <paramref name="colour"/>; the largest change.</summary>
    private static float Relax(float[] u, float[]? g, PoissonPixel[] kind, int width, int height, int y, int colour, float omega)
    {
        float largest = 0;
        int row = y * width;
        for (int x = (y + colour) & 1; x < width; x += 2)
        {
            int i = row + x;
            if (kind[i] != PoissonPixel.Unknown) continue;
            float sum = 0; int count = 0;
            if (x > 0 && kind[i - 1] != PoissonPixel.Excluded) { sum += u[i - 1]; count++; }
            if (x < width - 1 && kind[i + 1] != PoissonPixel.Excluded) { sum += u[i + 1]; count++; }
            if (y > 0 && kind[i - width] != PoissonPixel.Excluded) { sum += u[i - width]; count++; }
            if (y < height - 1 && kind[i + width] != PoissonPixel.Excluded) { sum += u[i + width]; count++; }
            if (count == 0) continue;
            float target = (sum - (g is null ? 0 : g[i])) / count;
            float step = omega * (target - u[i]);
            u[i] += step;
            largest = MathF.Max(largest, MathF.Abs(step));
        }
        return largest;
    }

    /// <summary>The pixel kinds as their bytes: the vectorised span searches take an enum only from .NET 10 on (net9.0 builds this too).</summary>
    private static ReadOnlySpan<byte> Bytes(ReadOnlySpan<PoissonPixel> pixels) => MemoryMarshal.AsBytes(pixels);

    private static int ExtentX(ReadOnlySpan<PoissonPixel> pixels, int width, int height)
    {
        int minX = width, maxX = -1;
        for (int y = 0; y < height; y++)
        {
            var row = Bytes(pixels.Slice(y * width, width));
            int first = row.IndexOf((byte)PoissonPixel.Unknown);
            if (first < 0) continue;
            minX = Math.Min(minX, first);
            maxX = Math.Max(maxX, row.LastIndexOf((byte)PoissonPixel.Unknown));
        }
        return maxX - minX + 1;
    }
}
