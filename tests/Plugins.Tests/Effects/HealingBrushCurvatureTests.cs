using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using Xunit.Abstractions;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// The healing brush keeps part of the skin's own curvature under a spot: a patch from flat skin used to leave a spot on the
/// top of a dome (a cheekbone's highlight) flat, at the level of the hole's rim, as the membrane through the rim has no
/// curvature and the patch brought none. The patch's curvature is now pulled halfway toward the skin's around the hole.
/// </summary>
public sealed class HealingBrushCurvatureTests(ITestOutputHelper log)
{
    private const int Size = 128, Period = 8;
    private const float Centre = 64, Hole = 4, DomeRadius = 14, DomeHeight = 0.15f;

    /// <summary>
    /// Skin texture repeating every <see cref="Period"/> pixels (patches match the rim well), lifted by a paraboloid dome
    /// of <see cref="DomeRadius"/> around the centre (flat beyond).
    /// </summary>
    private static PlanarImage DomedSkin()
    {
        var image = new PlanarImage(Size, Size, 3);
        float[] tone = [0.62f, 0.48f, 0.4f];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < Size; y++)
                for (int x = 0; x < Size; x++)
                {
                    float r2 = ((x - Centre) * (x - Centre) + (y - Centre) * (y - Centre)) / (DomeRadius * DomeRadius);
                    float dome = 1 + DomeHeight * MathF.Max(0, 1 - r2);
                    image[c, x, y] = tone[c] * dome * (1 + 0.04f * MathF.Sin(2 * MathF.PI * x / Period) * MathF.Sin(2 * MathF.PI * y / Period));
                }
        return image;
    }

    /// <summary>
    /// The healed core's contrast against the rim (beyond the heal) within 60 % of the clean dome's, where the flat fill left
    /// nearly all of it (measured: the clean dome 5.5 levels of green; with the patch's flat curvature 1.3, 76 % off; now 3.1,
    /// 44 % off).
    /// </summary>
    [Fact]
    public void A_spot_on_a_dome_keeps_part_of_the_dome_s_highlight()
    {
        var clean = DomedSkin();
        var image = clean.Clone();
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < Size; y++)
                for (int x = 0; x < Size; x++)
                {
                    float d2 = (x - Centre) * (x - Centre) + (y - Centre) * (y - Centre);
                    image[c, x, y] *= 1 - 0.4f * MathF.Exp(-d2 / 8);
                }
        // Clean skin (where patches may come from, and where the skin's curvature is read) around the heal, to twice its
        // radius, and past the dome; a patch must lie on it whole, so patches come from the flat skin only.
        float outer = HealingBrush.OuterRadius(Hole);
        var source = new PlanarImage(Size, Size, 1);
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                float d = MathF.Sqrt((x - Centre) * (x - Centre) + (y - Centre) * (y - Centre));
                source[0, x, y] = (d >= outer && d <= 2 * outer) || d > DomeRadius ? 1 : 0;
            }
        var gate = new PlanarImage(Size, Size, 1);
        Array.Fill(gate.Data, 1f);

        bool textured = HealingBrush.Heal(image, source, gate, new PlanarImage(Size, Size, 1), Centre, Centre, Hole);

        Assert.True(textured, "a patch from the flat skin fits");
        float ringIn = outer + 0.5f, ringOut = ringIn + 2;
        float cleanContrast = Contrast(clean, ringIn, ringOut), healedContrast = Contrast(image, ringIn, ringOut);
        log.WriteLine($"green core-vs-rim contrast: clean {255 * cleanContrast:F1} levels, healed {255 * healedContrast:F1}");
        Assert.True(cleanContrast > 4f / 255, $"the dome shows: {255 * cleanContrast:F1} levels");
        Assert.True(MathF.Abs(healedContrast - cleanContrast) < 0.6f * cleanContrast,
            $"healed {255 * healedContrast:F1} levels against the clean dome's {255 * cleanContrast:F1}");
    }

    /// <summary>Green mean of the core (2 px) minus that of the ring from <paramref name="ringIn"/> to <paramref name="ringOut"/>.</summary>
    private static float Contrast(PlanarImage image, float ringIn, float ringOut)
    {
        double core = 0, ring = 0; int nc = 0, nr = 0;
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                float d = MathF.Sqrt((x - Centre) * (x - Centre) + (y - Centre) * (y - Centre));
                if (d <= 2) { core += image[1, x, y]; nc++; }
                else if (d >= ringIn && d <= ringOut) { ring += image[1, x, y]; nr++; }
            }
        return (float)(core / nc - ring / nr);
    }
}
