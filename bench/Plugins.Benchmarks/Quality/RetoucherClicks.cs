using System.Numerics;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>
/// Where a retoucher clicks after looking at a result: one point on each painted spot still visible, not on its exact
/// centre (a click lands somewhere on the spot): the true centre moved by a third of the spot's radius in a direction
/// drawn from the seed, the same on every run. Written as the blemish effect's `spots` text.
/// </summary>
public static class RetoucherClicks
{
    /// <summary>How far from the centre a click lands, as a share of the spot's radius.</summary>
    public const float Offset = 1f / 3;

    public static string Describe => "each a third of the spot's radius from its centre in a direction drawn from the seed";

    /// <summary>The `spots` text for the spots of <paramref name="outcomes"/> still visible; empty when none is.</summary>
    public static string OnVisible(IReadOnlyList<SpotOutcome> outcomes, int seed, int width, int height)
    {
        var random = new Random(seed);
        var points = new List<string>();
        foreach (var o in outcomes)
        {
            double angle = random.NextDouble() * 2 * Math.PI; // drawn for every spot, so a click does not depend on the others' verdicts
            if (!o.StillVisible) continue;
            float x = Math.Clamp(o.X + Offset * o.Radius * MathF.Cos((float)angle), 0, width - 1), y = Math.Clamp(o.Y + Offset * o.Radius * MathF.Sin((float)angle), 0, height - 1);
            points.Add(PhotoPoints.Format(new Vector2(x, y)));
        }
        return string.Join("; ", points);
    }
}
