using RetouchPlugins.Shaders.Color;

namespace RetouchPlugins.Tests.Shaders;

public sealed class ToneCurveTests
{
    public static TheoryData<string> Curves => ["gamma 1.8", "gamma 2.2", "srgb", "para type 4", "table"];

    private static ToneCurve Curve(string name) => name switch
    {
        "gamma 1.8" => ToneCurve.Gamma(1.8f),
        "gamma 2.2" => ToneCurve.Gamma(563 / 256f),
        "srgb" => ToneCurve.Srgb,
        // An L*-like curve with an offset, continuous at its break (e = c d - (a d + b)^g).
        "para type 4" => ToneCurve.FromParameters(3f, 0.862f, 0.138f, 0.1f, 0.08f, 0.1f * 0.08f - MathF.Pow(0.862f * 0.08f + 0.138f, 3), 0),
        _ => ToneCurve.FromTable(Enumerable.Range(0, 1024).Select(i => Oklab.SrgbToLinear(i / 1023f)).ToArray()),
    };

    [Theory]
    [MemberData(nameof(Curves))]
    public void Encoding_undoes_decoding_over_the_range_and_beyond_it(string name)
    {
        var curve = Curve(name);
        // Inside [0, 1] within a 16-bit level; outside (colours beyond sRGB's gamut) mirrored and continued, within 1e-4.
        for (int i = -200; i <= 1200; i++)
        {
            float x = i / 1000f;
            float back = curve.ToEncoded(curve.ToLinear(x));
            Assert.True(MathF.Abs(back - x) < (x is >= 0 and <= 1 ? 1f / 65535 : 1e-4f), $"{name}: {x} -> {curve.ToLinear(x)} -> {back}");
        }
        Assert.Equal(-curve.ToLinear(0.3f), curve.ToLinear(-0.3f));
    }

    [Fact]
    public void The_srgb_curve_and_a_table_of_it_are_the_same_curve_and_a_gamma_is_not()
    {
        Assert.InRange(Curve("table").Distance(ToneCurve.Srgb), 0, 0.5f / 255);
        Assert.True(ToneCurve.Gamma(2.2f).Distance(ToneCurve.Srgb) > 2f / 255);
        Assert.Equal(Oklab.SrgbToLinear(0.02f), ToneCurve.Srgb.ToLinear(0.02f), 6);
        Assert.Equal(Oklab.SrgbToLinear(0.6f), ToneCurve.Srgb.ToLinear(0.6f), 6);
    }
}
