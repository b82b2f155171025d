namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// A ring's values as a function of angle: the mean of the ring's pixels in each of a few bins around the centre (about
/// two pixels of arc each), angles without a pixel (off the skin) bridged from their neighbours. What
/// <see cref="RingHarmonic"/> and <see cref="RingChords"/> fill a disk from.
/// </summary>
public sealed class RingAngles
{
    /// <summary>The ring's mean distance from the centre (at least the inner radius given).</summary>
    public float Radius { get; }

    /// <summary>The mean value per bin; bin b covers angles from −π + 2π b / n to −π + 2π (b + 1) / n.</summary>
    public double[] Values { get; }

    private RingAngles(float radius, double[] values) { Radius = radius; Values = values; }

    /// <summary>
    /// Bins the ring made of <paramref name="pixels"/> (indices into a <paramref name="size"/>-wide buffer whose pixel (0, 0)
    /// lies at (<paramref name="ox"/>, <paramref name="oy"/>) from the centre). Null when less than half of the angles
    /// hold a ring pixel: a background from one side only would be a guess.
    /// </summary>
    public static RingAngles? Bin(float[] values, IReadOnlyList<int> pixels, int size, float ox, float oy, float innerRadius)
    {
        if (pixels.Count == 0) return null;
        double radiusSum = 0;
        foreach (int k in pixels) radiusSum += Distance(ox + k % size, oy + k / size);
        float radius = MathF.Max(innerRadius, (float)(radiusSum / pixels.Count));
        int bins = Math.Clamp((int)MathF.Round(2 * MathF.PI * radius / 2), 8, 64);
        var sum = new double[bins];
        var count = new int[bins];
        foreach (int k in pixels)
        {
            float dx = ox + k % size, dy = oy + k / size;
            int b = (int)((MathF.Atan2(dy, dx) + MathF.PI) / (2 * MathF.PI) * bins) % bins;
            sum[b] += values[k]; count[b]++;
        }
        int filled = count.Count(n => n > 0);
        if (2 * filled < bins) return null;
        var f = new double[bins];
        for (int b = 0; b < bins; b++) f[b] = count[b] > 0 ? sum[b] / count[b] : double.NaN;
        for (int b = 0; b < bins; b++)
        {
            if (count[b] > 0) continue;
            int before = 1, after = 1;
            while (count[(b - before + bins) % bins] == 0) before++;
            while (count[(b + after) % bins] == 0) after++;
            double lo = sum[(b - before + bins) % bins] / count[(b - before + bins) % bins];
            double hi = sum[(b + after) % bins] / count[(b + after) % bins];
            f[b] = lo + (hi - lo) * before / (before + after);
        }
        return new RingAngles(radius, f);
    }

    private static float Distance(float dx, float dy) => MathF.Sqrt(dx * dx + dy * dy);
}
