using System.Numerics;

namespace RetouchPlugins.Shaders.Warp;

/// <summary>
/// A 2-D affine map p' = (A·x + B·y + Tx, C·x + D·y + Ty) on continuous pixel coordinates (pixel i covers
/// [i, i + 1), its centre is i + 0.5). Used to align faces to a template and to warp crops back.
/// </summary>
public readonly record struct AffineMap(float A, float B, float C, float D, float Tx, float Ty)
{
    public static AffineMap Identity { get; } = new(1, 0, 0, 1, 0, 0);

    public Vector2 Apply(Vector2 p) => new(A * p.X + B * p.Y + Tx, C * p.X + D * p.Y + Ty);

    public float Determinant => A * D - B * C;

    /// <summary>The linear scale of the map (√|det|): for a similarity, its zoom factor.</summary>
    public float Scale => MathF.Sqrt(MathF.Abs(Determinant));

    public AffineMap Inverse()
    {
        float det = Determinant;
        if (!(MathF.Abs(det) > 1e-12f)) throw new InvalidOperationException($"the map {this} cannot be inverted (determinant {det})");
        float a = D / det, b = -B / det, c = -C / det, d = A / det;
        return new AffineMap(a, b, c, d, -(a * Tx + b * Ty), -(c * Tx + d * Ty));
    }

    /// <summary>This map after <paramref name="first"/>: p -> this(first(p)).</summary>
    public AffineMap After(AffineMap first) => new(
        A * first.A + B * first.C, A * first.B + B * first.D,
        C * first.A + D * first.C, C * first.B + D * first.D,
        A * first.Tx + B * first.Ty + Tx, C * first.Tx + D * first.Ty + Ty);

    public static AffineMap Translation(float x, float y) => new(1, 0, 0, 1, x, y);

    /// <summary>
    /// The least-squares similarity (rotation, uniform scale, translation; no reflection) taking the points
    /// <paramref name="from"/> onto <paramref name="to"/> (Umeyama 1991, closed form for 2-D).
    /// </summary>
    public static AffineMap Similarity(ReadOnlySpan<Vector2> from, ReadOnlySpan<Vector2> to)
    {
        if (from.Length != to.Length || from.Length < 2) throw new ArgumentException($"a similarity needs two or more point pairs, got {from.Length} and {to.Length}");
        Vector2 mf = default, mt = default;
        for (int i = 0; i < from.Length; i++) { mf += from[i]; mt += to[i]; }
        mf /= from.Length; mt /= to.Length;
        double sxx = 0, sxy = 0, norm = 0;
        for (int i = 0; i < from.Length; i++)
        {
            var p = from[i] - mf; var q = to[i] - mt;
            sxx += p.X * q.X + p.Y * q.Y;   // Σ p·q
            sxy += p.X * q.Y - p.Y * q.X;   // Σ p×q
            norm += p.X * p.X + p.Y * p.Y;
        }
        if (norm <= 0) throw new ArgumentException("the source points coincide");
        float a = (float)(sxx / norm), b = (float)(sxy / norm); // scale·cos, scale·sin
        return new AffineMap(a, -b, b, a, mt.X - (a * mf.X - b * mf.Y), mt.Y - (b * mf.X + a * mf.Y));
    }

    public override string ToString() => $"[{A:0.####} {B:0.####} {Tx:0.##}; {C:0.####} {D:0.####} {Ty:0.##}]";
}
