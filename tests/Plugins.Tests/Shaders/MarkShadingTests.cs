using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using Xunit.Abstractions;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// <see cref="MarkShading"/> on synthetic skin (±1.5 % multiplicative pore noise): an acne mark (green and blue lowered,
/// red by a seventh as much, as the quality bench paints it) on a highlight, healed by a "patch" from the same skin without
/// the highlight (what a membrane from the heal's rim gives), gets the highlight back from red; under a shadow (red darker
/// too) nothing is added.
/// </summary>
public sealed class MarkShadingTests(ITestOutputHelper log)
{
    private const int Size = 64;
    private const float Cx = 32, Cy = 32, Hole = 4, Outer = 6.4f, Sigma = 2;
    private static readonly SyntheticSkin Synthetic = new(Size, Cx, Cy);

    /// <summary>
    /// The core's green contrast against the skin just past the heal within 35 % of the clean highlight's, where the patch
    /// alone leaves none of it (measured when written: clean 14.6 levels, patch -0.2, restored 14.2).
    /// </summary>
    [Fact]
    public void A_highlight_under_a_red_mark_is_given_back()
    {
        var clean = Skin(0.12f);
        var marked = clean.Clone();
        PaintAcne(marked);
        var patched = Skin(0);
        float wanted = Contrast(clean), lost = Contrast(patched);

        MarkShading.Before(marked, Cx, Cy, Hole, Outer, Sigma).Restore(patched, Synthetic.Gate());

        float restored = Contrast(patched);
        log.WriteLine($"green core-vs-rim: clean {wanted:F1} levels, patch {lost:F1}, restored {restored:F1}");
        Assert.True(wanted > 8 && lost < 2, $"the highlight shows ({wanted:F1} levels) and the patch loses it ({lost:F1})");
        Assert.True(MathF.Abs(restored - wanted) < 0.35f * wanted, $"restored {restored:F1} levels against the clean {wanted:F1}");
    }

    [Fact]
    public void Nothing_is_added_under_a_shadow()
    {
        var shaded = Skin(-0.12f);
        PaintAcne(shaded);
        var patched = Skin(0);
        var before = patched.Clone();

        MarkShading.Before(shaded, Cx, Cy, Hole, Outer, Sigma).Restore(patched, Synthetic.Gate());

        Assert.Equal(before.Data, patched.Data);
    }

    /// <summary>The bench's acne core at strength 0.8, radius 4 (sigma 2): red by 5 %, green by 35 %, blue by 30 % at the centre.</summary>
    private static void PaintAcne(PlanarImage image)
    {
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                float core = 0.8f * MathF.Exp(-((x - Cx) * (x - Cx) + (y - Cy) * (y - Cy)) / (2 * 2f * 2f));
                image[0, x, y] *= 1 - 0.05f * core;
                image[1, x, y] *= 1 - 0.35f * core;
                image[2, x, y] *= 1 - 0.3f * core;
            }
    }

    /// <summary>Green mean of the core (2 px) minus the ring just past the heal, in 8-bit levels.</summary>
    private static float Contrast(PlanarImage image) => 255 * (Synthetic.RingMean(image, 1, 0, 2) - Synthetic.RingMean(image, 1, Outer + 0.5f, Outer + 3));

    /// <summary>A highlight (positive) or shadow (negative) dome of 4 px under the mark's place.</summary>
    private static PlanarImage Skin(float highlight) => Synthetic.Dome(1, highlight, 4, [0.78f, 0.6f, 0.5f], seed: 5);
}
