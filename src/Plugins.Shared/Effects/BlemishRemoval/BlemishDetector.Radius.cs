using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Effects;

/// <summary>A candidate's radius from its ring profile (how far its contrast reaches before it falls off; not <see cref="RetouchPlugins.Shaders.Kernels.RadialProfile"/>, which fits a healed spot's shape).</summary>
public static partial class BlemishDetector
{
    /// <summary>
    /// The blob's radius from its radial profile: the channel on rings 0, 1, 2, ... pixels out (each ring's mean for a dark
    /// spot, its median for a red one), the background taken from the outermost rings; the radius is where the contrast
    /// has fallen to 20% of the centre's. The detector's scale only says a blob is there; this says how much to heal. NaN
    /// when the contrast has not fallen off by 1.5 × the largest radius (or before the background rings): the spot is
    /// the edge of something larger. The background rings lie <see cref="ProfileReach"/> detector scales
    /// (<paramref name="rho"/>) out, at most twice the largest radius.
    /// </summary>
    /// <remarks>
    /// A red mark's rings reach the lips, a nostril or a flushed cheek beside it, redder than any skin; their mean holds the
    /// profile up, so the mark had no fall-off (healed at the largest size when strong, else refused) or too wide a one,
    /// while the median takes the skin that covers most of each ring. Seeds benchmark: held-out per-spot visibility removed
    /// 69.3 -> 69.5 % (acne 73.0 -> 73.5 %), skin PSNR up 0.1-0.2 dB on every seed (the red places of the clean photos are
    /// healed smaller). For dark spots the median did no better (dark spots 66.5 -> 66.0 %).
    /// </remarks>
    private static float EstimateRadius(PlanarImage plane, int cx, int cy, BlemishKind kind, float rMax, float rho)
    {
        int R = (int)MathF.Ceiling(MathF.Min(2 * rMax, ProfileReach * rho)) + 3;
        Span<float> sum = stackalloc float[R + 1];
        Span<int> count = stackalloc int[R + 1];
        for (int y = Math.Max(0, cy - R); y <= Math.Min(plane.Height - 1, cy + R); y++)
            for (int x = Math.Max(0, cx - R); x <= Math.Min(plane.Width - 1, cx + R); x++)
            {
                int r = RingIndex(x - cx, y - cy);
                if (r > R) continue;
                sum[r] += plane[0, x, y]; count[r]++;
            }
        // sum[r] / count[r] is what the profile reads from ring r; for a red mark that is the ring's median.
        if (kind == BlemishKind.Red) RingMedians(plane, cx, cy, R, sum, count);
        float background = 0; int n = 0;
        for (int r = R - 2; r <= R; r++) if (count[r] > 0) { background += sum[r] / count[r]; n++; }
        background /= Math.Max(1, n);
        float sign = kind == BlemishKind.Dark ? 1 : -1;
        float centre = sign * (background - sum[0] / Math.Max(1, count[0]));
        if (centre <= 0) return float.NaN;
        int limit = Math.Min(R - 1, (int)MathF.Ceiling(1.5f * rMax) + 1);
        for (int r = 1; r <= limit; r++)
        {
            if (count[r] == 0) continue;
            float c = sign * (background - sum[r] / count[r]);
            if (c < 0.2f * centre)
            {
                // interpolate between r − 1 and r
                float prev = sign * (background - sum[r - 1] / Math.Max(1, count[r - 1]));
                float t = prev > c ? (prev - 0.2f * centre) / (prev - c) : 1;
                return Math.Clamp(r - 1 + t, 1f, 1.5f * rMax);
            }
        }
        return float.NaN; // the contrast does not fall off within the largest blemish size
    }

    /// <summary>
    /// How far out (in detector scales) the radial profile takes its background. It was always twice the largest radius,
    /// which for a small spot reaches past the skin beside it: a jaw's shadow, the dark under a chin, hair; the background
    /// came out darker than the skin around the spot and the spot had "no fall-off" (sample4's and sample1's chin spots in
    /// the contact sheet). Seeds benchmark, held-out per-spot visibility removed: twice the largest radius 70.9 %, 6 scales
    /// 70.9 %, 4: 71.1 % (seed 5 73.1 -> 74.0 %, skin PSNR the same, places of the clean photos healed 982 -> 980),
    /// 3: 71.0 % (PSNR -0.03 dB, 1,018 healed).
    /// </summary>
    internal const float ProfileReach = 4f;

    /// <summary>The radial profile's ring a pixel (<paramref name="dx"/>, <paramref name="dy"/>) from the centre falls in: its distance, rounded.</summary>
    private static int RingIndex(int dx, int dy) => (int)MathF.Round(MathF.Sqrt(dx * dx + dy * dy));

    /// <summary>
    /// Sets <paramref name="sum"/>[r] to the median of ring r's pixels times its count, for the rings 0..<paramref name="R"/>
    /// that <paramref name="count"/> has (counted with <see cref="RingIndex"/>, as here: the groups below are sized by it).
    /// </summary>
    private static void RingMedians(PlanarImage plane, int cx, int cy, int R, Span<float> sum, ReadOnlySpan<int> count)
    {
        // The pixels grouped by ring (a counting sort by ring), then each ring's group sorted.
        var start = new int[R + 2];
        for (int r = 0; r <= R; r++) start[r + 1] = start[r] + count[r];
        var values = new float[start[R + 1]];
        var next = start[..(R + 1)];
        for (int y = Math.Max(0, cy - R); y <= Math.Min(plane.Height - 1, cy + R); y++)
            for (int x = Math.Max(0, cx - R); x <= Math.Min(plane.Width - 1, cx + R); x++)
            {
                int r = RingIndex(x - cx, y - cy);
                if (r <= R) values[next[r]++] = plane[0, x, y];
            }
        for (int r = 0; r <= R; r++)
        {
            if (count[r] == 0) continue;
            Array.Sort(values, start[r], count[r]);
            sum[r] = values[start[r] + count[r] / 2] * count[r];
        }
    }
}
