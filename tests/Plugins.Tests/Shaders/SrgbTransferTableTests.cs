using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Dewrinkle;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// The sRGB transfer by table agrees with the exact functions (tolerance 1e-6, a fifteenth of a 16-bit level), and
/// the de-wrinkle's full-resolution lift built on it (<see cref="LogLuminanceChange.Lift"/>) with the exact
/// <see cref="FoldFlattening.ApplyChange"/> (tolerance 2e-6 per channel).
/// </summary>
public sealed class SrgbTransferTableTests
{
    private readonly SrgbTransferTable _table = new();

    [Fact]
    public void Decoding_and_encoding_match_the_exact_functions_over_the_whole_range()
    {
        double worstDecode = 0, worstEncode = 0;
        for (int i = 0; i <= 200_000; i++)
        {
            float v = i / 200_000f;
            worstDecode = Math.Max(worstDecode, Math.Abs(_table.ToLinear(v) - Oklab.SrgbToLinear(v)));
            worstEncode = Math.Max(worstEncode, Math.Abs(_table.ToSrgb(v) - Oklab.LinearToSrgb(v)));
        }
        Assert.InRange(worstDecode, 0, 1e-6);
        Assert.InRange(worstEncode, 0, 1e-6);
    }

    [Fact]
    public void Values_outside_the_range_are_clamped()
    {
        Assert.Equal(0f, _table.ToLinear(-0.2f));
        Assert.Equal(1f, _table.ToLinear(1.5f), 6);
        Assert.Equal(0f, _table.ToSrgb(-0.01f));
        Assert.Equal(1f, _table.ToSrgb(3f), 6);
    }

    [Fact]
    public void The_table_driven_lift_matches_the_exact_change()
    {
        double worst = 0;
        var random = new Random(17);
        for (int k = 0; k < 50_000; k++)
        {
            float r = (float)random.NextDouble(), g = (float)random.NextDouble(), b = (float)random.NextDouble();
            // Near-black cloth too, where the lift's ratio is largest.
            if (k % 4 == 0) { r *= 0.05f; g *= 0.05f; b *= 0.05f; }
            float change = (float)(random.NextDouble() * 2.5 - 0.5);
            float er = r, eg = g, eb = b, tr = r, tg = g, tb = b;
            FoldFlattening.ApplyChange(ref er, ref eg, ref eb, change);
            LogLuminanceChange.Lift(_table, ref tr, ref tg, ref tb, change);
            worst = Math.Max(worst, Math.Max(Math.Abs(er - tr), Math.Max(Math.Abs(eg - tg), Math.Abs(eb - tb))));
        }
        Assert.InRange(worst, 0, 2e-6);
    }
}
