using RetouchPlugins.Shaders.Kernels;
using System.Numerics;

namespace RetouchPlugins.Shaders.Masks;

/// <summary>
/// Anti-aliased polygon fill into a coverage buffer: each pixel gets the fraction of its area inside
/// the polygons (even-odd rule over all loops, so a loop inside another cuts a hole). Exact along x,
/// <see cref="SubRows"/> sub-scanlines along y. Pixel i covers [i, i + 1): points are in continuous
/// pixel coordinates, the convention of the face mesh.
/// </summary>
public static class PolygonCoverage
{
    public const int SubRows = 5;

    /// <summary>Adds coverage to <paramref name="buffer"/> (width x height, row-major), whose pixel (0,0) sits at (originX, originY).</summary>
    public static void Fill(float[] buffer, int width, int height, float originX, float originY, IEnumerable<Vector2[]> loops)
    {
        var edges = new List<(Vector2 A, Vector2 B)>();
        foreach (var loop in loops)
            for (int i = 0; i < loop.Length; i++)
            {
                var a = loop[i] - new Vector2(originX, originY);
                var b = loop[(i + 1) % loop.Length] - new Vector2(originX, originY);
                if (a.Y != b.Y) edges.Add((a, b));
            }
        if (edges.Count == 0) return;

        var crossings = new List<float>();
        const float weight = 1f / SubRows;
        for (int y = 0; y < height; y++)
        {
            for (int s = 0; s < SubRows; s++)
            {
                float sy = y + (s + 0.5f) / SubRows;
                crossings.Clear();
                foreach (var (a, b) in edges)
                    if ((a.Y <= sy) != (b.Y <= sy))
                        crossings.Add(a.X + (sy - a.Y) * (b.X - a.X) / (b.Y - a.Y));
                crossings.Sort();
                for (int k = 0; k + 1 < crossings.Count; k += 2)
                    AddSpan(buffer.AsSpan(y * width, width), crossings[k], crossings[k + 1], weight);
            }
        }
    }

    private static void AddSpan(Span<float> row, float x0, float x1, float weight)
    {
        x0 = Math.Clamp(x0, 0, row.Length);
        x1 = Math.Clamp(x1, 0, row.Length);
        if (x1 <= x0) return;
        int i0 = (int)x0, i1 = (int)x1;
        if (i0 == i1)
        {
            row[Math.Min(i0, row.Length - 1)] += (x1 - x0) * weight;
            return;
        }
        row[i0] += (i0 + 1 - x0) * weight;
        for (int i = i0 + 1; i < i1; i++) row[i] += weight;
        if (i1 < row.Length) row[i1] += (x1 - i1) * weight;
    }
}
