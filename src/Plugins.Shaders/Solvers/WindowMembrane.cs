using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace RetouchPlugins.Shaders.Solvers;

/// <summary>
/// The membrane (Laplace) fill of the marked pixels of a square window, the rest its boundary values: the healing brush's
/// correction of a copied patch. Gauss-Seidel over-relaxation in scan order, as the heal was measured and tuned with;
/// <see cref="PoissonSolver"/> is the red-black, row-parallel solver for large problems, whose result differs in the
/// last bits.
/// </summary>
public static class WindowMembrane
{
    /// <summary>Holes this wide (window side, pixels) or wider get their membrane started from a coarse solve.</summary>
    public const int CoarseSolveSize = 48;

    /// <summary>
    /// Successive over-relaxation of Laplace's equation on the marked pixels; the rest are boundary values. A large hole
    /// (a spot on a 24 MP close-up is 50+ pixels across) would need hundreds of sweeps of its whole window, so its
    /// smooth membrane is first solved on a grid about 32 cells across and then only refined at full resolution.
    /// </summary>
    public static void Solve(float[] h, bool[] inside, int[] interior, int size, int iterations)
    {
        if (size >= CoarseSolveSize)
        {
            StartFromCoarseSolve(h, inside, size);
            iterations = 40;
        }
        Relax(h, interior, size, iterations);
    }

    /// <summary>
    /// The marked pixels off the window's border, in row order: the sweeps visit exactly these, in the same order as a
    /// scan of the whole window would, so the result is the same without testing every pixel of every sweep.
    /// </summary>
    public static int[] Interior(bool[] inside, int size)
    {
        var list = new List<int>();
        for (int j = 1; j < size - 1; j++)
            for (int i = 1; i < size - 1; i++)
                if (inside[j * size + i]) list.Add(j * size + i);
        return [.. list];
    }

    /// <summary>
    /// Solves on f×f blocks (a block is unknown when all its pixels are; else it holds its known pixels' mean) and starts the
    /// unknown pixels from that solution, bilinearly. The grid is at least 16 cells across (size ≥ 48), so every pixel has
    /// two cells to interpolate between.
    /// </summary>
    private static void StartFromCoarseSolve(float[] h, bool[] inside, int size)
    {
        int f = (size + 31) / 32, n = (size + f - 1) / f;
        var coarse = new float[n * n];
        var unknown = new bool[n * n];
        for (int bj = 0; bj < n; bj++)
            for (int bi = 0; bi < n; bi++)
            {
                double sum = 0; int known = 0;
                for (int j = bj * f; j < Math.Min(size, bj * f + f); j++)
                    for (int i = bi * f; i < Math.Min(size, bi * f + f); i++)
                        if (!inside[j * size + i]) { sum += h[j * size + i]; known++; }
                unknown[bj * n + bi] = known == 0;
                coarse[bj * n + bi] = known > 0 ? (float)(sum / known) : h[Math.Min(size - 1, bj * f + f / 2) * size + Math.Min(size - 1, bi * f + f / 2)];
            }
        Relax(coarse, Interior(unknown, n), n, 40 + 6 * n / 2);
        for (int j = 0; j < size; j++)
        {
            float v = Math.Clamp((j + 0.5f) / f - 0.5f, 0, n - 1);
            int v0 = Math.Min((int)v, n - 2), v1 = v0 + 1;
            float tv = v - v0;
            for (int i = 0; i < size; i++)
            {
                int k = j * size + i;
                if (!inside[k]) continue;
                float u = Math.Clamp((i + 0.5f) / f - 0.5f, 0, n - 1);
                int u0 = Math.Min((int)u, n - 2), u1 = u0 + 1;
                float tu = u - u0;
                float top = coarse[v0 * n + u0] + tu * (coarse[v0 * n + u1] - coarse[v0 * n + u0]);
                float bottom = coarse[v1 * n + u0] + tu * (coarse[v1 * n + u1] - coarse[v1 * n + u0]);
                h[k] = top + tv * (bottom - top);
            }
        }
    }

    /// <summary>Successive over-relaxation sweeps over <paramref name="interior"/> (Gauss-Seidel order: each update sees the ones before it).</summary>
    private static void Relax(float[] h, int[] interior, int size, int iterations)
    {
        if (interior.Length == 0) return;
        foreach (int k in interior)
            if (k < size || k + size >= h.Length) throw new ArgumentException("an interior pixel lies on the window's border", nameof(interior));
        if (Vector.IsHardwareAccelerated) RelaxByDiagonals(h, interior, size, iterations);
        else RelaxInScanOrder(h, interior, size, iterations);
    }

    private const float Omega = 1.85f;

    /// <summary>The sweeps as written: pixel after pixel in scan order (the reference <see cref="RelaxByDiagonals"/> is tested against).</summary>
    /// <remarks>
    /// Each update reads the ones before it, so the loop is one long dependency chain; it reads through references: an
    /// interior pixel's four neighbours are inside the window by construction (<see cref="Interior"/> leaves out the
    /// border), which the array bounds checks tested again on every read.
    /// </remarks>
    internal static void RelaxInScanOrder(float[] h, int[] interior, int size, int iterations)
    {
        ref float origin = ref MemoryMarshal.GetArrayDataReference(h);
        for (int it = 0; it < iterations; it++)
            foreach (int k in interior)
            {
                ref float centre = ref Unsafe.Add(ref origin, k);
                float avg = 0.25f * (Unsafe.Add(ref centre, -1) + Unsafe.Add(ref centre, 1) + Unsafe.Add(ref centre, -size) + Unsafe.Add(ref centre, size));
                centre += Omega * (avg - centre);
            }
    }

    /// <summary>
    /// The same sweeps to the bit, a whole anti-diagonal (x + y constant) at a time in SIMD. In scan order a pixel reads its
    /// left and upper neighbours already updated in this sweep and its right and lower ones not yet: exactly the previous
    /// diagonal and the next one, so the pixels of one diagonal do not depend on each other and every lane computes the
    /// scalar expression on the same inputs. The window is stored skewed (row d holds diagonal d, indexed by y) so that a
    /// diagonal and its neighbours' are contiguous; a lane off the interior keeps its value.
    /// </summary>
    internal static void RelaxByDiagonals(float[] h, int[] interior, int size, int iterations)
    {
        int lanes = Vector<float>.Count, diagonals = 2 * size - 1;
        int stride = size + 2 + lanes; // y + 1 for y in [0, size), a lane's read of y - 1 and y + 1, and a last vector's overrun
        var skewed = new float[diagonals * stride];
        var marked = new int[diagonals * stride];
        var first = new int[diagonals];
        var last = new int[diagonals];
        Array.Fill(first, int.MaxValue);
        Array.Fill(last, -1);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++) skewed[(x + y) * stride + y + 1] = h[y * size + x];
        foreach (int k in interior)
        {
            int y = k / size, d = k % size + y;
            marked[d * stride + y + 1] = -1;
            first[d] = Math.Min(first[d], y + 1);
            last[d] = Math.Max(last[d], y + 1);
        }
        // Interior pixels are off the border, so their diagonals are 2 .. diagonals - 3 and d ± 1 always exists.
        var quarter = new Vector<float>(0.25f);
        var omega = new Vector<float>(Omega);
        ref float s = ref MemoryMarshal.GetArrayDataReference(skewed);
        ref int m = ref MemoryMarshal.GetArrayDataReference(marked);
        for (int it = 0; it < iterations; it++)
            for (int d = 0; d < diagonals; d++)
            {
                if (last[d] < 0) continue;
                int row = d * stride;
                for (int p = first[d]; p <= last[d]; p += lanes)
                {
                    ref float centreRef = ref Unsafe.Add(ref s, row + p);
                    var centre = Vector.LoadUnsafe(ref centreRef);
                    var left = Vector.LoadUnsafe(ref Unsafe.Add(ref centreRef, -stride));      // (x - 1, y): diagonal d - 1, same y
                    var right = Vector.LoadUnsafe(ref Unsafe.Add(ref centreRef, stride));      // (x + 1, y): diagonal d + 1, same y
                    var up = Vector.LoadUnsafe(ref Unsafe.Add(ref centreRef, -stride - 1));    // (x, y - 1): diagonal d - 1, y - 1
                    var down = Vector.LoadUnsafe(ref Unsafe.Add(ref centreRef, stride + 1));   // (x, y + 1): diagonal d + 1, y + 1
                    var avg = quarter * (left + right + up + down);
                    var updated = centre + omega * (avg - centre);
                    var keep = Vector.LoadUnsafe(ref Unsafe.Add(ref m, row + p)).As<int, float>();
                    Vector.ConditionalSelect(keep, updated, centre).StoreUnsafe(ref centreRef);
                }
            }
        foreach (int k in interior)
        {
            int y = k / size;
            h[k] = skewed[(k % size + y) * stride + y + 1];
        }
    }
}
