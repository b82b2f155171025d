using System.Numerics;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Tests.Support;

/// <summary>How much a small square of a photo moved between two renderings: what a test reads at a hand-placed point.</summary>
public static class PatchChange
{
    /// <summary>Mean change of each channel over the square of the given radius around (cx, cy), in 8-bit levels.</summary>
    public static Vector3 Of(PlanarImage before, PlanarImage after, int cx, int cy, int radius = 4)
    {
        var sum = Vector3.Zero;
        int count = 0;
        for (int y = cy - radius; y <= cy + radius; y++)
            for (int x = cx - radius; x <= cx + radius; x++, count++)
                sum += new Vector3(after[0, x, y] - before[0, x, y], after[1, x, y] - before[1, x, y], after[2, x, y] - before[2, x, y]);
        return 255 * sum / count;
    }

    /// <summary>The mean of the three channels' changes (a lift is positive).</summary>
    public static double Lift(PlanarImage before, PlanarImage after, int cx, int cy, int radius = 4)
    {
        var change = Of(before, after, cx, cy, radius);
        return (change.X + change.Y + change.Z) / 3;
    }

    /// <summary>The largest of the three channels' changes, in either direction (a hue turn moves channels apart).</summary>
    public static double Largest(PlanarImage before, PlanarImage after, int cx, int cy, int radius = 4)
    {
        var change = Vector3.Abs(Of(before, after, cx, cy, radius));
        return Math.Max(change.X, Math.Max(change.Y, change.Z));
    }
}
