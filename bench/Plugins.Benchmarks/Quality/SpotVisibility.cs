using System.Numerics;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>What became of one painted spot in one method's result.</summary>
public sealed record SpotOutcome(string Image, string Method, SpotZone Zone, BlemishKind Kind, float X, float Y, float Radius, float Strength,
    double VisibleBefore, double VisibleAfter, double Removed, bool InSkinMask, string Verdict)
{
    /// <summary>The clean photo's own core-vs-ring contrast at the spot (8-bit levels, RGB distance): the skin's structure there.</summary>
    public double CleanContrast { get; init; }

    /// <summary>At least <see cref="SpotVisibility.VisibleLevel"/> of the spot's visibility is left: a retoucher still finds it.</summary>
    public bool StillVisible => VisibleAfter >= SpotVisibility.VisibleLevel * 255;
}

/// <summary>
/// Per-spot visibility, the way a retoucher sees a spot: as the contrast of its core against the skin right around it.
/// For a spot of radius r: core = the disk of radius max(1.5, r/2) (one sigma of the painted profile); ring = the annulus
/// from reach + 1 to reach + 1 + max(2, r), just outside what the spot changed (reach 1.6 r for a dark spot, 3.5 r for
/// acne and its halo). Contrast C = mean RGB of the core − mean RGB of the ring (a colour vector, 0..1 units).
/// Visibility V(image) = |C(image) − C(clean)|: the spot's contrast beyond what the clean photo has there.
/// Removed = 1 − V(result) / V(blemished), clamped to [−1, 1] so one spot made far worse cannot outweigh the rest;
/// the benchmark reports its mean over spots. A spot counts as still visible when V(result) ≥ <see cref="VisibleLevel"/>.
/// </summary>
public static class SpotVisibility
{
    /// <summary>
    /// Four 8-bit levels (RGB distance) of core-vs-ring contrast beyond the clean photo's: a spot a retoucher still finds at
    /// 100 %. A heal with other skin's texture leaves about 2-3 levels on the smallest cores (pore noise over a few pixels).
    /// </summary>
    public const double VisibleLevel = 4.0 / 255;

    /// <summary>The verdict of a spot still visible with less than 30 % of its visibility removed.</summary>
    public const string NotHealed = "left: not healed (not detected)";

    public static IReadOnlyList<SpotOutcome> Measure(string image, string method, BlemishSet set, PlanarImage result, PlanarImage skinMask)
    {
        var outcomes = new List<SpotOutcome>();
        foreach (var b in set.Blemishes.Where(b => b.Kind != BlemishKind.Redness))
        {
            var clean = Contrast(set.Clean, b);
            double before = Vector3.Distance(Contrast(set.Blemished, b), clean);
            if (before <= 0) continue; // nothing was painted (a spot at the photo's edge)
            double after = Vector3.Distance(Contrast(result, b), clean);
            double removed = Math.Clamp(1 - after / before, -1, 1);
            bool inSkin = skinMask[0, (int)b.X, (int)b.Y] >= 0.5f;
            string verdict = after < VisibleLevel ? "gone"
                : !inSkin ? "left: outside the face-skin mask"
                : removed < 0.3 ? NotHealed
                : "left: healed, residual contrast";
            outcomes.Add(new SpotOutcome(image, method, b.Zone, b.Kind, b.X, b.Y, b.Radius, b.Strength, before * 255, after * 255, removed, inSkin, verdict)
                { CleanContrast = 255 * clean.Length() });
        }
        return outcomes;
    }

    /// <summary>Mean of core minus mean of ring, per channel.</summary>
    public static Vector3 Contrast(PlanarImage rgb, PaintedBlemish b)
    {
        float core = MathF.Max(1.5f, b.Radius / 2);
        float reach = (b.Kind == BlemishKind.Acne ? 3.5f : 1.6f) * b.Radius;
        float ringIn = reach + 1, ringOut = ringIn + MathF.Max(2, b.Radius);
        Vector3 coreSum = Vector3.Zero, ringSum = Vector3.Zero;
        int coreCount = 0, ringCount = 0;
        int r = (int)MathF.Ceiling(ringOut);
        for (int y = Math.Max(0, (int)b.Y - r); y <= Math.Min(rgb.Height - 1, (int)b.Y + r); y++)
            for (int x = Math.Max(0, (int)b.X - r); x <= Math.Min(rgb.Width - 1, (int)b.X + r); x++)
            {
                float d = MathF.Sqrt((x - b.X) * (x - b.X) + (y - b.Y) * (y - b.Y));
                var v = new Vector3(rgb[0, x, y], rgb[1, x, y], rgb[2, x, y]);
                if (d <= core) { coreSum += v; coreCount++; }
                else if (d >= ringIn && d <= ringOut) { ringSum += v; ringCount++; }
            }
        return coreCount == 0 || ringCount == 0 ? Vector3.Zero : coreSum / coreCount - ringSum / ringCount;
    }
}
