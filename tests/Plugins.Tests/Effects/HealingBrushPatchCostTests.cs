using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// The healing brush's patch cost judges what a patch brings into the hole, not only how its rim matches: a crease or a
/// highlight streak across a patch's middle (its rim clean) was copied into spots on the quality bench's photos.
/// </summary>
public sealed class HealingBrushPatchCostTests
{
    private const int Size = 128, Period = 8;
    private const float Hole = 5, Centre = 64;

    /// <summary>
    /// Skin texture repeating every <see cref="Period"/> pixels, so patches offset by multiples of it match the blemish's
    /// rim exactly (rim cost 0); one of them has a 2 px dark streak, 8 px long, inside its hole only.
    /// </summary>
    private static PlanarImage Skin(int streakX, int streakY)
    {
        var image = new PlanarImage(Size, Size, 3);
        float[] tone = [0.78f, 0.6f, 0.5f];
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < Size; y++)
                for (int x = 0; x < Size; x++)
                    image[c, x, y] = tone[c] * (1 + 0.04f * MathF.Sin(2 * MathF.PI * x / Period) * MathF.Sin(2 * MathF.PI * y / Period));
        for (int y = streakY; y < streakY + 2; y++)
            for (int x = streakX - 4; x < streakX + 4; x++)
                for (int c = 0; c < 3; c++) image[c, x, y] *= 0.93f;
        return image;
    }

    [Fact]
    public void A_patch_with_a_streak_inside_costs_more_than_a_clean_one_with_the_same_rim()
    {
        const int clean = 32, streaked = -32; // offsets along x and y, multiples of the texture's period
        var image = Skin((int)Centre, (int)Centre + streaked);
        var source = new PlanarImage(Size, Size, 1);
        Array.Fill(source.Data, 1f);
        int rim = (int)MathF.Ceiling(HealingBrush.OuterRadius(Hole)) + 2;

        double cleanCost = HealingBrush.PatchCost(image, source, Centre, Centre, Hole, rim, clean, 0);
        double streakCost = HealingBrush.PatchCost(image, source, Centre, Centre, Hole, rim, 0, streaked);

        // Both rims match exactly (the rim cost alone gave both 0, and the ranking took the first, the streak's when it
        // came first); the streak (7 % darker, 1-2 levels of grey detail energy over the hole) must now cost clearly more.
        Assert.True(cleanCost < 1e-6, $"clean patch cost {cleanCost:E2}");
        Assert.True(streakCost > 1e-4, $"streaked patch cost {streakCost:E2} (clean {cleanCost:E2})");
    }
}
