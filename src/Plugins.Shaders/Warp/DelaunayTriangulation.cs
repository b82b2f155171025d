using System.Numerics;

namespace RetouchPlugins.Shaders.Warp;

/// <summary>A triangle as three indices into a point list.</summary>
public readonly record struct Triangle(int A, int B, int C);

/// <summary>
/// Delaunay triangulation of a few hundred points (Bowyer–Watson: insert points one by one into a super
/// triangle, re-triangulate the hole left by the triangles whose circumcircle holds the new point). O(n²),
/// which is nothing for a 468-point face mesh, and deterministic: the same points give the same triangles.
/// </summary>
public static class DelaunayTriangulation
{
    public static IReadOnlyList<Triangle> Of(ReadOnlySpan<Vector2> points)
    {
        int n = points.Length;
        if (n < 3) return [];
        float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
        foreach (var p in points)
        {
            if (!float.IsFinite(p.X) || !float.IsFinite(p.Y)) throw new ArgumentException("a point to triangulate is not a finite number", nameof(points));
            minX = MathF.Min(minX, p.X); maxX = MathF.Max(maxX, p.X); minY = MathF.Min(minY, p.Y); maxY = MathF.Max(maxY, p.Y);
        }
        // Work in doubles, relative to the centre, with a super triangle far outside every point.
        double cx = (minX + maxX) / 2.0, cy = (minY + maxY) / 2.0, span = Math.Max(Math.Max(maxX - minX, maxY - minY), 1e-3);
        var xs = new double[n + 3]; var ys = new double[n + 3];
        for (int i = 0; i < n; i++) { xs[i] = points[i].X - cx; ys[i] = points[i].Y - cy; }
        xs[n] = -20 * span; ys[n] = -20 * span;
        xs[n + 1] = 20 * span; ys[n + 1] = -20 * span;
        xs[n + 2] = 0; ys[n + 2] = 20 * span;

        var triangles = new List<Work> { Work.Make(n, n + 1, n + 2, xs, ys) };
        var edges = new List<(int, int)>();
        for (int i = 0; i < n; i++)
        {
            edges.Clear();
            for (int t = triangles.Count - 1; t >= 0; t--)
            {
                var tri = triangles[t];
                if (!tri.CircleHolds(xs[i], ys[i])) continue;
                AddEdge(edges, tri.A, tri.B); AddEdge(edges, tri.B, tri.C); AddEdge(edges, tri.C, tri.A);
                triangles.RemoveAt(t);
            }
            foreach (var (a, b) in edges) triangles.Add(Work.Make(a, b, i, xs, ys));
        }
        var result = new List<Triangle>(triangles.Count);
        foreach (var t in triangles)
            if (t.A < n && t.B < n && t.C < n && t.Area2 > 1e-9) result.Add(new Triangle(t.A, t.B, t.C));
        return result;
    }

    /// <summary>Keeps the edges of the hole: an edge two removed triangles share is inside it and dropped.</summary>
    private static void AddEdge(List<(int, int)> edges, int a, int b)
    {
        for (int k = 0; k < edges.Count; k++)
            if ((edges[k].Item1 == b && edges[k].Item2 == a) || (edges[k].Item1 == a && edges[k].Item2 == b))
            {
                edges.RemoveAt(k);
                return;
            }
        edges.Add((a, b));
    }

    /// <summary>A triangle being built, counter-clockwise, with its circumcircle.</summary>
    private readonly record struct Work(int A, int B, int C, double Cx, double Cy, double R2, double Area2)
    {
        public static Work Make(int a, int b, int c, double[] xs, double[] ys)
        {
            double ax = xs[a], ay = ys[a], bx = xs[b], by = ys[b], qx = xs[c], qy = ys[c];
            double cross = (bx - ax) * (qy - ay) - (by - ay) * (qx - ax);
            if (cross < 0) { (b, c) = (c, b); (bx, by, qx, qy) = (qx, qy, bx, by); cross = -cross; }
            double d = 2 * cross;
            if (d < 1e-12) return new Work(a, b, c, ax, ay, double.PositiveInfinity, 0); // collinear: holds everything, replaced soon
            double a2 = ax * ax + ay * ay, b2 = bx * bx + by * by, c2 = qx * qx + qy * qy;
            double ux = (a2 * (by - qy) + b2 * (qy - ay) + c2 * (ay - by)) / d;
            double uy = (a2 * (qx - bx) + b2 * (ax - qx) + c2 * (bx - ax)) / d;
            return new Work(a, b, c, ux, uy, (ax - ux) * (ax - ux) + (ay - uy) * (ay - uy), cross / 2);
        }

        public bool CircleHolds(double x, double y) => (x - Cx) * (x - Cx) + (y - Cy) * (y - Cy) < R2 * (1 + 1e-12);
    }
}
