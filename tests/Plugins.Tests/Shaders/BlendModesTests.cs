using FsCheck;
using FsCheck.Fluent;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Tests.Shaders;

public class BlendModesTests
{
    private static readonly Gen<float> Unit = Gen.Choose(0, 1_000_000).Select(k => k / 1_000_000f);

    [Fact]
    public void AbmOfRAbmGivesBackAnyReachableRetouch()
    {
        // Reachable R for a pixel I: I^2 <= R <= 2I - I^2 (blend layer in [0, 1]); R = I^2 + t (2I - 2I^2).
        var cases = Gen.Zip(Unit, Unit).Select(t => (I: t.Item1, R: t.Item1 * t.Item1 + t.Item2 * (2 * t.Item1 - 2 * t.Item1 * t.Item1)));
        Check.QuickThrowOnFailure(Prop.ForAll(cases.ToArbitrary(), c =>
        {
            float b = BlendModes.InverseAbm(c.I, c.R);
            float r = BlendModes.Abm(c.I, b);
            return (b >= 0f && b <= 1f && Math.Abs(r - c.R) <= 1e-4f).Label($"I={c.I} R={c.R} B={b} ABM={r}");
        }));
    }

    [Fact]
    public void VectorAndScalarPathsAgreeAndRoundTripOnSpans()
    {
        // Spans of odd length exercise both the SIMD body and the scalar tail.
        var arrays = Gen.Choose(1, 200).SelectMany(n => Gen.Zip(Unit.ArrayOf(n), Unit.ArrayOf(n)));
        Check.QuickThrowOnFailure(Prop.ForAll(arrays.ToArbitrary(), pair =>
        {
            var (image, t) = pair;
            var retouched = new float[image.Length];
            for (int k = 0; k < image.Length; k++) retouched[k] = image[k] * image[k] + t[k] * (2 * image[k] - 2 * image[k] * image[k]);
            var blend = new float[image.Length];
            BlendModes.InverseAbm(image, retouched, blend);
            var back = new float[image.Length];
            BlendModes.Abm(image, blend, back);
            for (int k = 0; k < image.Length; k++)
            {
                if (blend[k] != BlendModes.InverseAbm(image[k], retouched[k])) return false;
                if (back[k] != BlendModes.Abm(image[k], blend[k])) return false;
                if (Math.Abs(back[k] - retouched[k]) > 1e-4f) return false;
            }
            return true;
        }));
    }

    [Fact]
    public void UnreachableRetouchesClampTheBlendLayerAndExtremePixelsStayNeutral()
    {
        Assert.Equal(1f, BlendModes.InverseAbm(0.5f, 0.9f));    // 2I - I^2 = 0.75 is the most it can brighten
        Assert.Equal(0f, BlendModes.InverseAbm(0.5f, 0.1f));    // I^2 = 0.25 is the most it can darken
        Assert.Equal(0.5f, BlendModes.InverseAbm(0f, 0.3f));    // black cannot be moved
        Assert.Equal(0.5f, BlendModes.InverseAbm(1f, 0.3f));    // nor white
        Assert.Equal(0.5f, BlendModes.InverseAbm(float.NaN, 0.3f));
        var blend = new float[9];
        BlendModes.InverseAbm(new float[] { 0, 1, 0, 1, 0, 1, 0, 1, 1e-7f }, new float[] { 1, 0, 1, 0, 1, 0, 1, 0, 1 }, blend);
        Assert.All(blend, b => Assert.Equal(0.5f, b));
    }

    [Fact]
    public void StrengthZeroGivesNeutralBlendAndNeutralBlendGivesTheImageBitExactly()
    {
        var rng = new Random(11);
        var image = new float[10_007];
        for (int k = 0; k < image.Length; k++) image[k] = rng.NextSingle();
        image[0] = 0f; image[1] = 1f; image[2] = float.Epsilon; image[3] = 1f - 1e-7f;
        var retouched = Array.ConvertAll(image, v => v * 0.8f + 0.1f);
        var blend = new float[image.Length];
        BlendModes.InverseAbm(image, retouched, blend, strength: 0f);
        Assert.All(blend, b => Assert.Equal(0.5f, b));
        var result = new float[image.Length];
        BlendModes.Abm(image, blend, result);
        Assert.True(image.AsSpan().SequenceEqual(result), "ABM(I, 0.5) must be I bit for bit");
        for (int k = 0; k < image.Length; k++) Assert.Equal(image[k], BlendModes.Abm(image[k], 0.5f));
    }

    [Fact]
    public void StrengthScalesTheBlendLayerAroundNeutral()
    {
        Assert.Equal(0.7f, BlendModes.ApplyStrength(0.9f, 0.5f), 1e-6f);
        Assert.Equal(0.3f, BlendModes.ApplyStrength(0.1f, 0.5f), 1e-6f);
        var img = new PlanarImage(5, 3, 1); img.Data.AsSpan().Fill(0.4f);
        var ret = new PlanarImage(5, 3, 1); ret.Data.AsSpan().Fill(0.5f);
        var full = BlendModes.InverseAbm(img, ret, 1f);
        var half = BlendModes.InverseAbm(img, ret, 0.5f);
        Assert.Equal(full.Data[0] - 0.5f, 2 * (half.Data[0] - 0.5f), 1e-6f);
    }
}
