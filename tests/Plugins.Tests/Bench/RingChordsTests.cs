using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Tests.Bench;

/// <summary>
/// The oracle's chord background (<see cref="RingChords"/>): a crease that crosses the ring is carried across the disk,
/// where the membrane (<see cref="RingHarmonic"/>) fades it toward the middle, and a plain gradient is filled as exactly
/// as by the membrane.
/// </summary>
public class RingChordsTests
{
    private const int Size = 41, Centre = 20;
    private const float Inner = 12, Outer = 15;

    /// <summary>The ring's pixels (from <see cref="Inner"/> to <see cref="Outer"/>) of a window of <see cref="Size"/>.</summary>
    private static List<int> Ring()
    {
        var ring = new List<int>();
        for (int k = 0; k < Size * Size; k++)
        {
            float dx = k % Size - Centre, dy = k / Size - Centre, d = MathF.Sqrt(dx * dx + dy * dy);
            if (d >= Inner && d <= Outer) ring.Add(k);
        }
        return ring;
    }

    private static float[] Window(Func<float, float, float> value)
    {
        var values = new float[Size * Size];
        for (int k = 0; k < values.Length; k++) values[k] = value(k % Size - Centre, k / Size - Centre);
        return values;
    }

    [Fact]
    public void A_crease_across_the_ring_is_carried_through_the_middle()
    {
        // Skin at 0.6 with a dark crease 3 px wide (a Gaussian 0.2 deep) running at 30 degrees through the centre,
        // and faint pore noise.
        var random = new Random(2);
        float nx = -MathF.Sin(MathF.PI / 6), ny = MathF.Cos(MathF.PI / 6);
        var values = Window((x, y) => 0.6f - 0.2f * MathF.Exp(-MathF.Pow(x * nx + y * ny, 2) / (2 * 1.5f * 1.5f)) + 0.01f * (float)(random.NextDouble() - 0.5));
        var ring = Ring();
        var chords = RingChords.Fit(values, ring, Size, -Centre, -Centre, Inner, softness: 1)!;
        var membrane = RingHarmonic.Fit(values, ring, Size, -Centre, -Centre, Inner)!;
        // On the crease at the centre the skin is 0.4 (the ring's bins, 2 px of arc, and their smoothing soften the crease
        // to about 0.47 at the ends); beside it (5 px off the crease) 0.6. The membrane keeps about half as much of it.
        Assert.InRange(chords.At(0, 1, 0), 0.4f, 0.5f);
        Assert.True(membrane.At(0, 1, 0) > chords.At(0, 1, 0) + 0.04f, $"the membrane {membrane.At(0, 1, 0):F3}, the chords {chords.At(0, 1, 0):F3} at the centre");
        Assert.InRange(chords.At(5, nx, ny), 0.57f, 0.63f);
    }

    [Fact]
    public void A_gradient_is_filled_as_the_membrane_fills_it()
    {
        var values = Window((x, y) => 0.5f + 0.01f * x - 0.005f * y);
        var ring = Ring();
        var chords = RingChords.Fit(values, ring, Size, -Centre, -Centre, Inner, softness: 1)!;
        var membrane = RingHarmonic.Fit(values, ring, Size, -Centre, -Centre, Inner)!;
        foreach (var (d, angle) in new[] { (0f, 0f), (6f, 1f), (9f, 2.5f), (11f, -2f) })
        {
            float cos = MathF.Cos(angle), sin = MathF.Sin(angle), truth = 0.5f + 0.01f * d * cos - 0.005f * d * sin;
            Assert.InRange(chords.At(d, cos, sin), truth - 0.004f, truth + 0.004f);
            Assert.InRange(membrane.At(d, cos, sin), truth - 0.004f, truth + 0.004f);
        }
    }
}
