using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>
/// A disk filled from its ring along straight chords: each point takes the linear interpolation between the two ring
/// points its chord meets, the chords running in the directions along which the ring matches itself across the disk.
/// A crease or a hair that crosses a spot enters and leaves the ring at opposite points, which match along the
/// crease's direction; a membrane (<see cref="RingHarmonic"/>) would fade it out toward the middle, these chords carry
/// it through. Where no direction stands out (plain skin, shading) the directions share the weight and a gradient is
/// filled exactly, as by a membrane. The oracle's second background (`oracle`); the heal's own divisions and patches
/// were measured with it too and gained nothing (bench/OBSERVATIONS.md, eighteenth session).
/// </summary>
public sealed class RingChords
{
    /// <summary>Directions tried over half a turn.</summary>
    public const int Directions = 64;

    private readonly float _radius;
    private readonly float[] _ring;
    private readonly float[] _weight;
    private readonly float[] _dirCos, _dirSin;

    private RingChords(float radius, float[] ring, float[] weight, float[] dirCos, float[] dirSin)
    {
        _radius = radius; _ring = ring; _weight = weight; _dirCos = dirCos; _dirSin = dirSin;
    }

    /// <summary>
    /// Fits the ring made of <paramref name="pixels"/> (<see cref="RingAngles.Bin"/>); null where that has no ring. The
    /// ring's own gradients (between neighbouring ring pixels) say which way a crease runs, which the ends' match alone
    /// cannot: a line through the centre matches itself across the perpendicular chords as well as along itself.
    /// </summary>
    public static RingChords? Fit(float[] values, IReadOnlyList<int> pixels, int size, float ox, float oy, float innerRadius, float softness)
    {
        if (RingAngles.Bin(values, pixels, size, ox, oy, innerRadius) is not { } ring) return null;
        var inRing = new HashSet<int>(pixels);
        double jxx = 0, jxy = 0, jyy = 0;
        foreach (int k in pixels)
        {
            if (!inRing.Contains(k - 1) || !inRing.Contains(k + 1) || !inRing.Contains(k - size) || !inRing.Contains(k + size)) continue;
            double gx = (values[k + 1] - values[k - 1]) / 2, gy = (values[k + size] - values[k - size]) / 2;
            jxx += gx * gx; jxy += gx * gy; jyy += gy * gy;
        }
        return FromRing(ring, softness, (jxx, jxy, jyy));
    }

    /// <summary>
    /// Chords from <paramref name="ring"/>. A direction's weight falls as e^(−(m − m_min) / (softness · m_min)), m its
    /// mismatch (mean squared difference of the ring's two ends over the chords in that direction), times the same
    /// fall-off of the ring's variation along it (<paramref name="tensor"/>'s energy in that direction): the pores' own
    /// levels set the scales, so a line across the ring gets its own direction and plain skin all of them.
    /// </summary>
    private static RingChords FromRing(RingAngles ring, float softness, (double Xx, double Xy, double Yy) tensor)
    {
        var raw = ring.Values;
        int n = raw.Length;
        var f = new float[n];
        for (int b = 0; b < n; b++) f[b] = (float)((raw[(b - 1 + n) % n] + 2 * raw[b] + raw[(b + 1) % n]) / 4);
        var mismatch = new double[Directions];
        for (int k = 0; k < Directions; k++)
        {
            float phi = k * MathF.PI / Directions;
            double sum = 0;
            for (int b = 0; b < n; b++)
            {
                // The chord in direction φ from the ring at angle θ meets it again at 2φ + π − θ.
                float theta = (b + 0.5f) / n * 2 * MathF.PI - MathF.PI;
                float e = f[b] - At(f, 2 * phi + MathF.PI - theta);
                sum += e * e;
            }
            mismatch[k] = sum / n;
        }
        // The ring's variation along each direction (the structure tensor's energy there); the directions' unit vectors
        // serve the fill as well.
        var along = new double[Directions];
        float[] dirCos = new float[Directions], dirSin = new float[Directions];
        for (int k = 0; k < Directions; k++)
        {
            dirCos[k] = MathF.Cos(k * MathF.PI / Directions); dirSin[k] = MathF.Sin(k * MathF.PI / Directions);
            double c = dirCos[k], sn = dirSin[k];
            along[k] = tensor.Xx * c * c + 2 * tensor.Xy * c * sn + tensor.Yy * sn * sn;
        }
        double min = mismatch.Min(), minAlong = along.Min();
        var score = new double[Directions];
        for (int k = 0; k < Directions; k++)
            score[k] = -(mismatch[k] - min) / (softness * min + 1e-12) - (along[k] - minAlong) / (softness * minAlong + 1e-12);
        double top = score.Max();
        var weight = new float[Directions];
        double total = 0;
        for (int k = 0; k < Directions; k++) total += weight[k] = (float)Math.Exp(score[k] - top);
        for (int k = 0; k < Directions; k++) weight[k] = (float)(weight[k] / total);
        return new RingChords(ring.Radius, f, weight, dirCos, dirSin);
    }

    /// <summary>The fill at distance <paramref name="d"/> from the centre in the direction (cos θ, sin θ); beyond the ring, the ring's value.</summary>
    public float At(float d, float cos1, float sin1)
    {
        if (d >= _radius) return At(_ring, MathF.Atan2(sin1, cos1));
        float px = d * cos1, py = d * sin1, room = _radius * _radius - d * d;
        float sum = 0, weights = 0;
        for (int k = 0; k < Directions; k++)
        {
            float w = _weight[k];
            if (w < 1e-3f) continue;
            float ux = _dirCos[k], uy = _dirSin[k];
            float along = px * ux + py * uy, half = MathF.Sqrt(along * along + room);
            float t1 = -along - half, t2 = -along + half; // t1 < 0 < t2: the chord's ends from the point
            float v1 = At(_ring, MathF.Atan2(py + t1 * uy, px + t1 * ux)), v2 = At(_ring, MathF.Atan2(py + t2 * uy, px + t2 * ux));
            sum += w * (v1 * t2 - v2 * t1) / (t2 - t1);
            weights += w;
        }
        return sum / weights;
    }

    /// <summary>The binned ring <paramref name="f"/> at <paramref name="angle"/>, linearly between bin centres.</summary>
    private static float At(float[] f, float angle)
    {
        int n = f.Length;
        float pos = (angle + MathF.PI) / (2 * MathF.PI) * n - 0.5f;
        pos -= n * MathF.Floor(pos / n);
        int i0 = Math.Min(n - 1, (int)pos), i1 = (i0 + 1) % n;
        float t = pos - i0;
        return f[i0] + (f[i1] - f[i0]) * t;
    }
}
