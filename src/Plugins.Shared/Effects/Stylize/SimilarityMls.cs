using System.Numerics;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Moving-least-squares deformation, similarity form (Schaefer, McPhail, Warren: "Image Deformation Using
/// Moving Least Squares", SIGGRAPH 2006, section 2.2), from control points p_i to q_i. At a point v, with
/// weights w_i = 1 / |p_i − v|^(2α) (α = 1), weighted centroids p*, q* and p̂_i = p_i − p*, q̂_i = q_i − q*, the
/// best rotation-and-uniform-scale M (a complex number) minimises Σ w_i |p̂_i M − q̂_i|², which gives
/// M = Σ w_i conj(p̂_i) q̂_i / Σ w_i |p̂_i|², and f(v) = (v − p*) M + q*. f interpolates: f(p_i) = q_i.
/// </summary>
public sealed class SimilarityMls
{
    private readonly Vector2[] _from, _to;

    public SimilarityMls(IReadOnlyList<Vector2> from, IReadOnlyList<Vector2> to)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        if (from.Count != to.Count) throw new ArgumentException($"{from.Count} source points but {to.Count} destination points");
        if (from.Count < 2) throw new ArgumentException("moving least squares needs at least two control points");
        _from = from.ToArray();
        _to = to.ToArray();
    }

    /// <summary>Control points up to which Map keeps its weights on the stack (2 KiB).</summary>
    private const int MaxStackPoints = 256;

    public Vector2 Map(Vector2 v)
    {
        double sw = 0, px = 0, py = 0, qx = 0, qy = 0;
        // The weights on the stack: Map runs once per grid node (about 3 000 per 1 MP face), and an array each time
        // was 3.6 MB of garbage per render. A caller's point set far beyond the mesh's 140 gets a heap array.
        Span<double> w = _from.Length <= MaxStackPoints ? stackalloc double[_from.Length] : new double[_from.Length];
        for (int i = 0; i < _from.Length; i++)
        {
            double dx = _from[i].X - v.X, dy = _from[i].Y - v.Y, d2 = dx * dx + dy * dy;
            if (d2 < 1e-10) return _to[i]; // on a control point the weight is infinite: f(p_i) = q_i
            w[i] = 1 / d2;
            sw += w[i];
            px += w[i] * _from[i].X; py += w[i] * _from[i].Y;
            qx += w[i] * _to[i].X; qy += w[i] * _to[i].Y;
        }
        px /= sw; py /= sw; qx /= sw; qy /= sw;
        double mu = 0, re = 0, im = 0;
        for (int i = 0; i < _from.Length; i++)
        {
            double ax = _from[i].X - px, ay = _from[i].Y - py, bx = _to[i].X - qx, by = _to[i].Y - qy;
            mu += w[i] * (ax * ax + ay * ay);
            re += w[i] * (ax * bx + ay * by);   // Re(conj(p̂) q̂)
            im += w[i] * (ax * by - ay * bx);   // Im(conj(p̂) q̂)
        }
        if (mu <= 0) return new Vector2((float)(v.X - px + qx), (float)(v.Y - py + qy));
        re /= mu; im /= mu;
        double vx = v.X - px, vy = v.Y - py;
        return new Vector2((float)(re * vx - im * vy + qx), (float)(im * vx + re * vy + qy));
    }

    /// <summary>
    /// The map over a <paramref name="width"/> x <paramref name="height"/> pixel grid whose pixel (0,0) centre is at
    /// <paramref name="origin"/> + 0.5 (continuous coordinates, as the mesh): evaluated every <paramref name="cell"/>
    /// pixels and bilinear in between (the MLS is smooth; FaceBlit evaluates it on a 10-pixel grid). Two planes: x, y.
    /// </summary>
    public PlanarImage MapGrid(int width, int height, Vector2 origin, int cell, CancellationToken cancellation = default)
    {
        if (cell < 1) throw new ArgumentOutOfRangeException(nameof(cell), cell, "grid cell must be at least one pixel");
        int gw = (width - 1) / cell + 2, gh = (height - 1) / cell + 2;
        var gx = new float[gw * gh];
        var gy = new float[gw * gh];
        Parallel.For(0, gh, new ParallelOptions { CancellationToken = cancellation }, j =>
        {
            for (int i = 0; i < gw; i++)
            {
                var f = Map(origin + new Vector2(i * cell + 0.5f, j * cell + 0.5f));
                gx[j * gw + i] = f.X; gy[j * gw + i] = f.Y;
            }
        });
        var result = new PlanarImage(width, height, 2);
        Parallel.For(0, height, new ParallelOptions { CancellationToken = cancellation }, y =>
        {
            int j = y / cell;
            float fy = (float)(y - j * cell) / cell;
            var rx = result.Row(0, y);
            var ry = result.Row(1, y);
            for (int x = 0; x < width; x++)
            {
                int i = x / cell;
                float fx = (float)(x - i * cell) / cell;
                int a = j * gw + i, b = a + 1, c = a + gw, d = c + 1;
                rx[x] = Bilinear(gx[a], gx[b], gx[c], gx[d], fx, fy);
                ry[x] = Bilinear(gy[a], gy[b], gy[c], gy[d], fx, fy);
            }
        });
        return result;
    }

    private static float Bilinear(float a, float b, float c, float d, float fx, float fy) =>
        (a + (b - a) * fx) * (1 - fy) + (c + (d - c) * fx) * fy;
}
