using System.Numerics;

namespace RetouchPlugins.Shaders.Warp;

/// <summary>
/// Piecewise-affine backward warp: every destination pixel inside a destination triangle takes the source
/// sample at the same barycentric position in the matching source triangle (bilinear). Points are in
/// continuous pixel coordinates (pixel i covers [i, i + 1), its centre is i + 0.5), the face mesh's
/// convention. Rows run in parallel; each row visits the triangles in list order, so a pixel on a shared
/// edge always comes from the same triangle and the result is deterministic.
/// </summary>
public static class PiecewiseAffineWarp
{
    /// <summary>
    /// Fills <paramref name="destination"/> (same plane count as <paramref name="source"/>) and sets
    /// <paramref name="coverage"/> (one plane, same size) to the covering triangle's weight (1 when
    /// <paramref name="triangleWeights"/> is null) where its source position lay inside the source, 0 elsewhere
    /// (those destination pixels are left as they were).
    /// </summary>
    public static void Apply(PlanarImage source, IReadOnlyList<Vector2> sourcePoints, PlanarImage destination,
        IReadOnlyList<Vector2> destinationPoints, IReadOnlyList<Triangle> triangles, PlanarImage coverage,
        IReadOnlyList<float>? triangleWeights = null, CancellationToken cancellation = default)
    {
        if (triangleWeights is not null && triangleWeights.Count != triangles.Count) throw new ArgumentException("one weight per triangle");
        if (destination.Channels != source.Channels) throw new ArgumentException("source and destination differ in plane count");
        if (coverage.Channels != 1 || !coverage.SameSize(destination)) throw new ArgumentException("coverage must be one plane of the destination's size");
        if (sourcePoints.Count != destinationPoints.Count) throw new ArgumentException("source and destination point lists differ in length");

        var affine = new Mapping[triangles.Count];
        for (int t = 0; t < triangles.Count; t++) affine[t] = Mapping.Of(triangles[t], sourcePoints, destinationPoints);

        Parallel.For(0, destination.Height, new ParallelOptions { CancellationToken = cancellation }, y =>
        {
            float py = y + 0.5f;
            var cover = coverage.Row(0, y);
            cover.Clear();
            for (int t = 0; t < affine.Length; t++)
            {
                var m = affine[t];
                if (!m.Valid || py < m.MinY || py > m.MaxY) continue;
                int x0 = Math.Max(0, (int)MathF.Floor(m.MinX - 0.5f)), x1 = Math.Min(destination.Width - 1, (int)MathF.Ceiling(m.MaxX - 0.5f));
                for (int x = x0; x <= x1; x++)
                {
                    float px = x + 0.5f;
                    if (!m.Inside(px, py, out float u, out float v)) continue;
                    var s = m.Source(u, v);
                    float sx = s.X - 0.5f, sy = s.Y - 0.5f;
                    if (sx < -0.5f || sy < -0.5f || sx > source.Width - 0.5f || sy > source.Height - 0.5f) continue;
                    for (int ch = 0; ch < source.Channels; ch++)
                        destination.Row(ch, y)[x] = Bilinear(source, ch, sx, sy);
                    cover[x] = triangleWeights is null ? 1 : triangleWeights[t];
                }
            }
        });
    }

    /// <summary>Bilinear sample at continuous index (x, y) (pixel centres at integers), edges clamped.</summary>
    public static float Bilinear(PlanarImage image, int channel, float x, float y)
    {
        x = Math.Clamp(x, 0, image.Width - 1); y = Math.Clamp(y, 0, image.Height - 1);
        int x0 = (int)x, y0 = (int)y;
        int x1 = Math.Min(x0 + 1, image.Width - 1), y1 = Math.Min(y0 + 1, image.Height - 1);
        float fx = x - x0, fy = y - y0;
        var r0 = image.Row(channel, y0); var r1 = image.Row(channel, y1);
        float top = r0[x0] + fx * (r0[x1] - r0[x0]), bottom = r1[x0] + fx * (r1[x1] - r1[x0]);
        return top + fy * (bottom - top);
    }

    /// <summary>One destination triangle: its bounds, barycentric inverse, and source corners.</summary>
    private readonly struct Mapping
    {
        private readonly Vector2 _d0, _s0, _s1, _s2;
        private readonly float _i00, _i01, _i10, _i11;
        public readonly float MinX, MaxX, MinY, MaxY;
        public readonly bool Valid;

        private Mapping(Vector2 d0, Vector2 d1, Vector2 d2, Vector2 s0, Vector2 s1, Vector2 s2)
        {
            _d0 = d0; _s0 = s0; _s1 = s1; _s2 = s2;
            MinX = MathF.Min(d0.X, MathF.Min(d1.X, d2.X)); MaxX = MathF.Max(d0.X, MathF.Max(d1.X, d2.X));
            MinY = MathF.Min(d0.Y, MathF.Min(d1.Y, d2.Y)); MaxY = MathF.Max(d0.Y, MathF.Max(d1.Y, d2.Y));
            // p - d0 = u (d1 - d0) + v (d2 - d0): invert the 2x2 matrix of edge vectors.
            float a = d1.X - d0.X, b = d2.X - d0.X, c = d1.Y - d0.Y, d = d2.Y - d0.Y;
            float det = a * d - b * c;
            Valid = MathF.Abs(det) > 1e-6f && float.IsFinite(det);
            if (!Valid) { _i00 = _i01 = _i10 = _i11 = 0; return; }
            _i00 = d / det; _i01 = -b / det; _i10 = -c / det; _i11 = a / det;
        }

        public static Mapping Of(Triangle t, IReadOnlyList<Vector2> source, IReadOnlyList<Vector2> destination) =>
            new(destination[t.A], destination[t.B], destination[t.C], source[t.A], source[t.B], source[t.C]);

        public bool Inside(float x, float y, out float u, out float v)
        {
            float dx = x - _d0.X, dy = y - _d0.Y;
            u = _i00 * dx + _i01 * dy; v = _i10 * dx + _i11 * dy;
            const float tolerance = -1e-5f;
            return u >= tolerance && v >= tolerance && u + v <= 1 - tolerance;
        }

        public Vector2 Source(float u, float v) => _s0 + u * (_s1 - _s0) + v * (_s2 - _s0);
    }
}
