namespace RetouchPlugins.Shaders.StyleBlit;

/// <summary>
/// The jittered seed of one grid cell: a pure function of (seed, level, cell), so every pixel (on any thread,
/// in any order) sees the same seeds. StyleBlit reads a 256² table of uniform noise; a hash gives the same
/// uniform offsets without a table and without repeating every 256 cells.
/// </summary>
internal static class SeedJitter
{
    /// <summary>The seed pixel of cell (bx, by) at spacing h = 2^level: floor(h · (b + j)), j uniform in [0, 1)².</summary>
    public static (int X, int Y) Seed(ulong seed, int level, int bx, int by)
    {
        ulong h = Mix(seed ^ ((ulong)(uint)level << 56) ^ ((ulong)(uint)bx << 28) ^ (uint)by);
        int size = 1 << level;
        // Two 24-bit uniforms; (b + j)·h with j = k / 2^24 floors to b·h + (k·h >> 24).
        int jx = (int)(((h & 0xFFFFFF) * (ulong)size) >> 24);
        int jy = (int)((((h >> 24) & 0xFFFFFF) * (ulong)size) >> 24);
        return (bx * size + jx, by * size + jy);
    }

    /// <summary>SplitMix64's finaliser: every input bit affects every output bit.</summary>
    private static ulong Mix(ulong z)
    {
        z += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
