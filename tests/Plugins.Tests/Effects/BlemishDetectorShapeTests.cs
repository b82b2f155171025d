using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// The detector's shape tests on synthetic skin (a 200 px face: skin-coloured, with noise as pore texture): a round spot
/// on a strong shading gradient is found (the old test, where each side had to differ on its own, refused spots on a
/// cheek's slope or beside a jaw shadow), while a shadow edge and a strand of hair, which differ along one axis only or
/// leave a rough ring around any plane, are not.
/// </summary>
public sealed class BlemishDetectorShapeTests
{
    private const int Size = 200;
    private const float FaceWidth = 200;

    [Fact]
    public void A_spot_on_a_shading_gradient_is_found()
    {
        // A soft shading edge through the spot (luma 0.35 -> 0.75 over about 25 px): over the detector's side boxes, a few
        // pixels either side, the skin changes about as much as the spot's own contrast.
        var image = Skin((x, y) => 0.55f + 0.2f * MathF.Tanh((x - 100) / 12f));
        PaintSpot(image, 100, 100, sigma: 2f, strength: 0.25f);
        var found = Detect(image);
        Assert.Contains(found, b => MathF.Abs(b.X - 100) <= 2 && MathF.Abs(b.Y - 100) <= 2 && b.Kind == BlemishKind.Dark);
    }

    [Fact]
    public void A_shadow_edge_and_a_strand_of_hair_are_not_blemishes()
    {
        // A soft vertical shadow edge at x = 70 and a dark strand 2 px wide along y = 2x/3 + 40, on flat skin.
        var image = Skin((x, y) =>
        {
            float edge = 0.18f / (1 + MathF.Exp(-(x - 70) / 1.5f));
            float distance = MathF.Abs(2f * x / 3 - y + 40) / MathF.Sqrt(1 + 4f / 9);
            float strand = 0.25f * MathF.Exp(-distance * distance / 2);
            return 0.72f - edge - strand;
        });
        // Away from the image's border, where the strand ends and the detector's boxes are cut.
        var found = Detect(image).Where(b => b.X >= 10 && b.Y >= 10 && b.X < Size - 10 && b.Y < Size - 10).ToList();
        Assert.True(found.Count == 0, $"found {found.Count}: {string.Join("; ", found.Select(b => $"({b.X:F0}, {b.Y:F0}) r {b.Radius:F1} {b.Kind}"))}");
    }

    /// <summary>
    /// An acne mark (core sigma 4 px, halo 2.5 times wider, as the quality bench paints it) on a 200 px face is larger than
    /// the largest blemish (4 % of the face: radius 4 px, the fall-off searched to 6 px). A strong one is healed at the
    /// largest size (radius 6 px); a faint one of the same size is still refused, as anything without a fall-off.
    /// </summary>
    [Fact]
    public void A_strong_red_mark_larger_than_the_largest_size_is_healed_at_that_size()
    {
        var strong = Skin((x, y) => 0.6f);
        PaintAcne(strong, 100, 100, sigma: 4, strength: 0.9f);
        var found = Assert.Single(Detect(strong), b => MathF.Abs(b.X - 100) <= 2 && MathF.Abs(b.Y - 100) <= 2);
        Assert.Equal(BlemishKind.Red, found.Kind);
        Assert.True(found.Score >= BlemishDetector.StrongRedMark, $"score {found.Score:F2}");
        Assert.Equal(1.5f * 0.02f * FaceWidth, found.Radius, 0.01f);

        var faint = Skin((x, y) => 0.6f);
        PaintAcne(faint, 100, 100, sigma: 4, strength: 0.3f);
        var candidates = new List<BlemishCandidate>();
        Assert.DoesNotContain(Detect(faint, candidates), b => MathF.Abs(b.X - 100) <= 2 && MathF.Abs(b.Y - 100) <= 2);
        var refused = candidates.Where(c => MathF.Abs(c.X - 100) <= 2 && MathF.Abs(c.Y - 100) <= 2).MaxBy(c => c.Score);
        Assert.NotNull(refused);
        Assert.True(refused.Score >= 1 && refused.Score < BlemishDetector.StrongRedMark, $"score {refused.Score:F2}");
        Assert.Equal("no fall-off", refused.Rejected);
    }

    private static List<Blemish> Detect(PlanarImage image, List<BlemishCandidate>? candidates = null)
    {
        var skin = new PlanarImage(Size, Size, 1);
        Array.Fill(skin.Data, 1f);
        var keepAway = new PlanarImage(Size, Size, 1);
        return BlemishDetector.Detect(image, skin, keepAway, FaceWidth, new BlemishDetectorSettings(), default, candidates);
    }

    /// <summary>Skin colour scaled to the given luma, with ±1.5 % multiplicative noise (fixed seed) as pore texture.</summary>
    private static PlanarImage Skin(Func<int, int, float> luma)
    {
        var random = new Random(7);
        var image = new PlanarImage(Size, Size, 3);
        float[] tint = [1.18f, 0.95f, 0.8f];
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                float v = luma(x, y) * (1 + 0.03f * ((float)random.NextDouble() - 0.5f));
                for (int c = 0; c < 3; c++) image[c, x, y] = Math.Clamp(v * tint[c], 0, 1);
            }
        return image;
    }

    /// <summary>An acne mark as the benchmark paints one: green and blue lowered in the core and in a halo 2.5 times wider.</summary>
    private static void PaintAcne(PlanarImage image, float cx, float cy, float sigma, float strength)
    {
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                float d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                float core = strength * MathF.Exp(-d2 / (2 * sigma * sigma)), halo = strength * MathF.Exp(-d2 / (2 * 6.25f * sigma * sigma));
                float red = 0.35f * core + 0.12f * halo;
                image[0, x, y] *= 1 - 0.05f * core;
                image[1, x, y] *= 1 - red;
                image[2, x, y] *= 1 - 0.85f * red;
            }
    }

    /// <summary>A brown spot as the benchmark paints one: Gaussian, blue darkened most, red least.</summary>
    private static void PaintSpot(PlanarImage image, float cx, float cy, float sigma, float strength)
    {
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                float k = strength * MathF.Exp(-((x - cx) * (x - cx) + (y - cy) * (y - cy)) / (2 * sigma * sigma));
                image[0, x, y] *= 1 - 0.6f * k;
                image[1, x, y] *= 1 - 0.8f * k;
                image[2, x, y] *= 1 - 0.95f * k;
            }
    }
}
