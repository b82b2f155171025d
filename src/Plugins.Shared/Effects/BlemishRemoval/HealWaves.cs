using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Orders heals (the spots of one face, or the faces of a photo) into waves that can each run in parallel and still give
/// the photo the sequential loop gives, bit for bit: a heal goes into the wave after the last earlier heal whose bounds
/// meet its own, so every pair that can see each other's pixels runs in the original order, and the heals in one wave
/// touch disjoint pixels.
/// </summary>
internal static class HealWaves
{
    /// <summary>Indices of <paramref name="bounds"/> (in heal order) grouped by wave, the waves in the order to run them.</summary>
    public static List<List<int>> Plan(IReadOnlyList<PixelRect> bounds)
    {
        var wave = new int[bounds.Count];
        var waves = new List<List<int>>();
        for (int i = 0; i < bounds.Count; i++)
        {
            int w = 0;
            for (int j = 0; j < i; j++)
                if (wave[j] >= w && Meet(bounds[i], bounds[j])) w = wave[j] + 1;
            wave[i] = w;
            if (w == waves.Count) waves.Add([]);
            waves[w].Add(i);
        }
        return waves;
    }

    private static bool Meet(PixelRect a, PixelRect b) => a.X < b.Right && b.X < a.Right && a.Y < b.Bottom && b.Y < a.Bottom;
}
