using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Dewrinkle;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// The de-wrinkle's per-pixel change (<see cref="FoldFlattening.ApplyChange"/>): luminance moves exactly as asked;
/// a lift keeps the pixel's Oklab chroma (so the noise of lifted near-black cloth does not turn into colour grain),
/// a darkening scales all channels; one pixel is never lifted more than <see cref="FoldFlattening.MaxLift"/>.
/// </summary>
public sealed class DewrinkleLiftTests
{
    private static float Luminance(float r, float g, float b) =>
        0.2126f * Oklab.SrgbToLinear(r) + 0.7152f * Oklab.SrgbToLinear(g) + 0.0722f * Oklab.SrgbToLinear(b);

    [Theory]
    [InlineData(0.10f, 0.06f, 0.16f, 0.6f)]   // near-black purple-ish noise pixel of dark blue satin, lifted
    [InlineData(0.30f, 0.12f, 0.08f, 0.4f)]   // a dark fold on orange cloth, lifted
    public void A_lift_moves_luminance_exactly_and_keeps_oklab_chroma(float r, float g, float b, float change)
    {
        float y = Luminance(r, g, b);
        var before = Oklab.FromSrgb(r, g, b);
        float r2 = r, g2 = g, b2 = b;
        FoldFlattening.ApplyChange(ref r2, ref g2, ref b2, change);

        float expected = (y + FoldFlattening.LogOffset) * MathF.Exp(change) - FoldFlattening.LogOffset;
        Assert.InRange(Luminance(r2, g2, b2) / expected, 0.995f, 1.005f);
        var after = Oklab.FromSrgb(r2, g2, b2);
        Assert.True(after.L > before.L * 1.1f, $"lightness {before.L:F3} -> {after.L:F3}: not lifted");
        // Scaling all channels (the former carrier) grows a and b by ratio^(1/3): 10-40 % here. Kept: within 4 %.
        Assert.InRange(after.A, before.A - 0.04f * MathF.Abs(before.A) - 0.002f, before.A + 0.04f * MathF.Abs(before.A) + 0.002f);
        Assert.InRange(after.B, before.B - 0.04f * MathF.Abs(before.B) - 0.002f, before.B + 0.04f * MathF.Abs(before.B) + 0.002f);
    }

    [Fact]
    public void A_darkening_scales_all_three_channels_so_hue_and_saturation_stay()
    {
        float r = 0.7f, g = 0.4f, b = 0.2f;
        FoldFlattening.ApplyChange(ref r, ref g, ref b, -0.5f);
        float ratioR = Oklab.SrgbToLinear(r) / Oklab.SrgbToLinear(0.7f), ratioB = Oklab.SrgbToLinear(b) / Oklab.SrgbToLinear(0.2f);
        Assert.InRange(ratioR, 0.3f, 0.95f);
        Assert.InRange(ratioB / ratioR, 0.995f, 1.005f);
    }

    [Fact]
    public void One_pixel_is_lifted_at_most_max_lift()
    {
        float r = 0.02f, g = 0.02f, b = 0.02f;
        float y = Luminance(r, g, b);
        FoldFlattening.ApplyChange(ref r, ref g, ref b, 3f);
        Assert.InRange(Luminance(r, g, b) / y, FoldFlattening.MaxLift * 0.99f, FoldFlattening.MaxLift * 1.01f);
    }
}
