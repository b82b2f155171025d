namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Seeded, position-keyed Gaussian grain: the value at a photo pixel depends only on (x, y, seed), so a
/// re-render, a tile or a preview of the same region gets the same grain. Box–Muller over two hashed uniforms.
/// </summary>
public static class FilmGrain
{
    /// <summary>A standard normal sample for pixel (x, y).</summary>
    public static float Sample(int x, int y, uint seed)
    {
        uint h1 = Hash((uint)x * 0x9E3779B1u ^ (uint)y * 0x85EBCA77u ^ seed);
        uint h2 = Hash(h1 ^ 0x27D4EB2Fu);
        float u1 = ((h1 >> 8) + 0.5f) / 16777216f, u2 = (h2 >> 8) / 16777216f;
        return MathF.Sqrt(-2 * MathF.Log(u1)) * MathF.Cos(2 * MathF.PI * u2);
    }

    private static uint Hash(uint v)
    {
        v ^= v >> 16; v *= 0x7FEB352Du;
        v ^= v >> 15; v *= 0x846CA68Bu;
        v ^= v >> 16;
        return v;
    }
}
