using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Dewrinkle;
using RetouchPlugins.Tests.Effects;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// A fold across a small printed patch (<see cref="PrintLiftCarry"/>): the patch is smaller than the base's window, so on
/// it the fold is measured poorly; the lift measured on the plain cloth around it is carried onto it. Away from the
/// patch nothing changes.
/// </summary>
public sealed class DewrinklePrintCarryTests
{
    private const int Size = 512, Patch = 64;

    /// <summary>
    /// Near-black cloth (the weave at a quarter of its sRGB level) with a centred square of diagonal red and blue stripes
    /// (period 16 px): a light plateau on dark cloth, like the benchmark's patch on sample3's satin.
    /// </summary>
    private static PlanarImage Patched()
    {
        var weave = DewrinkleSyntheticTests.Weave(Size, Size);
        var cloth = weave.Clone();
        for (int i = 0; i < cloth.Data.Length; i++) cloth.Data[i] = MathF.Round(cloth.Data[i] * 0.25f * 255) / 255;
        int p0 = (Size - Patch) / 2;
        SyntheticCloth.PrintStripes(cloth, weave, p0, p0, Patch, Patch);
        return cloth;
    }

    private static PlanarImage Flatten(PlanarImage image, bool carry)
    {
        var options = new FoldFlatteningOptions { PersonHeight = 1000 };
        if (!carry) options = options with { PrintCarryShare = 0 };
        return SyntheticCloth.Flatten(image, options).Retouched;
    }

    [Fact]
    public void A_fold_across_a_small_print_is_lifted_on_the_print_too()
    {
        var clean = Patched();
        // 55 % darker at its centre (ln 0.8), 2.4 % of the person's height wide (a blob of overlapping folds), vertical through the patch.
        var folded = DewrinkleSyntheticTests.Folded(clean, Size / 2f, 24f, 0.8f);
        var with = Flatten(folded, carry: true);
        var without = Flatten(folded, carry: false);
        int p0 = (Size - Patch) / 2 + 8;
        double onPrintWith = FoldDepth.Removed(clean, folded, with, halfWidth: 4, margin: p0);
        double onPrintWithout = FoldDepth.Removed(clean, folded, without, halfWidth: 4, margin: p0);
        double plainWith = FoldDepth.Removed(clean, folded, with, halfWidth: 4);
        float far = 0;
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                if (Math.Abs(y - Size / 2) < Patch / 2 + 40) continue; // 40 px: the protection's spread and the average's reach
                for (int c = 0; c < 3; c++) far = MathF.Max(far, MathF.Abs(with[c, x, y] - without[c, x, y]));
            }
        // Measured: 9.0 % of the fold's log depth removed on the print with the carry, 0.0 % without (on the plain cloth along
        // the fold 46.7 %: the cloth's lift, in log luminance, moves the light print's l less than its own); 0.000 levels far off.
        Assert.True(onPrintWith >= onPrintWithout + 0.05, $"on the print {onPrintWith:P1} removed with the carry, {onPrintWithout:P1} without (5 points more expected)");
        Assert.True(onPrintWith <= plainWith + 0.05, $"the print was lifted past the cloth around it: {onPrintWith:P1} against {plainWith:P1}");
        Assert.True(far <= 0.01f / 255, $"away from the print the carry changed a pixel by {far * 255:F3} levels");
    }
}
