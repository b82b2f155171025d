using RetouchPlugins.Shaders;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// Square synthetic skin for the heal kernels' tests: a tint times a round shading dome (a highlight when positive, a
/// shadow when negative) times ±1.5 % multiplicative pore noise from a fixed seed; a gate that is skin everywhere; and
/// ring means around the centre to measure a spot's core against its ring.
/// </summary>
internal sealed class SyntheticSkin(int size, float cx, float cy)
{
    public PlanarImage Dome(float level, float dome, float domeSigma, float[] tint, int seed)
    {
        var random = new Random(seed);
        var image = new PlanarImage(size, size, 3);
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                float d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                float v = (level + dome * MathF.Exp(-d2 / (2 * domeSigma * domeSigma))) * (1 + 0.03f * ((float)random.NextDouble() - 0.5f));
                for (int c = 0; c < 3; c++) image[c, x, y] = Math.Clamp(v * tint[c], 0, 1);
            }
        return image;
    }

    public PlanarImage Gate()
    {
        var gate = new PlanarImage(size, size, 1);
        Array.Fill(gate.Data, 1f);
        return gate;
    }

    /// <summary>Mean of channel <paramref name="c"/> over the pixels from <paramref name="from"/> to <paramref name="to"/> pixels from the centre.</summary>
    public float RingMean(PlanarImage image, int c, float from, float to)
    {
        double sum = 0; int n = 0;
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                float d = MathF.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                if (d < from || d > to) continue;
                sum += image[c, x, y]; n++;
            }
        return (float)(sum / n);
    }
}
