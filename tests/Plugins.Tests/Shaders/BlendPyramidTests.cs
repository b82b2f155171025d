using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Tests.Shaders;

public class BlendPyramidTests
{
    private static PlanarImage PhotoLike(int w, int h, int channels, int seed)
    {
        var img = new PlanarImage(w, h, channels);
        for (int c = 0; c < channels; c++) TestImages.PhotoLike(w, h, seed + c).CopyTo(img.Plane(c));
        return img;
    }

    [Theory]
    [InlineData(400, 300, 50, 38)]   // factor 8: three x2 levels
    [InlineData(301, 177, 97, 57)]   // non-power-of-two factor
    [InlineData(64, 64, 64, 64)]     // working size = full size
    public void UnchangedRetouchGivesTheInputBack(int w, int h, int lw, int lh)
    {
        var full = PhotoLike(w, h, 3, 1);
        var low = Resample.AreaDownsample(full, lw, lh);
        var result = BlendPyramid.Apply(full, low.Clone(), low, mask: null);
        double worst = 0;
        for (int k = 0; k < full.Data.Length; k++) worst = Math.Max(worst, Math.Abs(result.Image.Data[k] - full.Data[k]));
        Assert.True(worst <= 1e-6, $"max change {worst:E2}");
        Assert.All(result.BlendLayer.Data, b => Assert.Equal(0.5f, b, 1e-6f));
    }

    [Fact]
    public void ZeroMaskAndZeroStrengthReturnTheInputBitExactly()
    {
        var full = PhotoLike(240, 160, 3, 2);
        var low = Resample.AreaDownsample(full, 60, 40);
        var brighter = BlendModes.Abm(low, Constant(60, 40, 3, 0.8f));
        var zero = new PlanarImage(240, 160, 1);
        var masked = BlendPyramid.Apply(full, brighter, low, zero);
        Assert.True(full.Data.AsSpan().SequenceEqual(masked.Image.Data), "mask 0 must leave every sample as it was");
        var off = BlendPyramid.Apply(full, brighter, low, null, new BlendPyramidOptions { Strength = 0f });
        Assert.True(full.Data.AsSpan().SequenceEqual(off.Image.Data), "strength 0 must leave every sample as it was");
    }

    [Fact]
    public void AUniformLowResolutionRetouchIsCarriedToFullResolutionWithItsTexture()
    {
        // The low-res retouch is ABM with a constant layer 0.8 (a brightening); the pyramid must reproduce
        // ABM(I0, 0.8) at full resolution, texture included, not a blurred version of it.
        var full = PhotoLike(320, 240, 3, 3);
        var low = Resample.AreaDownsample(full, 40, 30);
        var retouched = BlendModes.Abm(low, Constant(40, 30, 3, 0.8f));
        var result = BlendPyramid.Apply(full, retouched, low, null);
        var expected = BlendModes.Abm(full, Constant(320, 240, 3, 0.8f));
        double worst = 0;
        for (int k = 0; k < full.Data.Length; k++) worst = Math.Max(worst, Math.Abs(result.Image.Data[k] - expected.Data[k]));
        Assert.True(worst < 1e-3, $"max deviation {worst:E2}");
    }

    [Fact]
    public void HalfMaskGivesHalfTheChange()
    {
        var full = PhotoLike(128, 96, 1, 4);
        var low = Resample.AreaDownsample(full, 32, 24);
        var retouched = BlendModes.Abm(low, Constant(32, 24, 1, 0.9f));
        var whole = BlendPyramid.Apply(full, retouched, low, null);
        var half = BlendPyramid.Apply(full, retouched, low, Constant(128, 96, 1, 0.5f));
        for (int k = 0; k < full.Data.Length; k += 97)
            Assert.Equal((whole.Image.Data[k] - full.Data[k]) * 0.5f, half.Image.Data[k] - full.Data[k], 1e-6f);
    }

    [Fact]
    public void LevelsStepByAtMostTwo()
    {
        var sizes = BlendPyramid.LevelSizes(6000, 4000, 750, 500);
        Assert.Equal(4, sizes.Count); // 6000 -> 3000 -> 1500 -> 750
        Assert.Equal((3000, 2000), sizes[1]);
        for (int k = 1; k < sizes.Count; k++) Assert.True(sizes[k - 1].Width <= 2 * sizes[k].Width + 1);
        var odd = BlendPyramid.LevelSizes(5000, 3333, 1000, 667);
        Assert.Equal(4, odd.Count);
        Assert.Equal((1000, 667), odd[^1]);
    }

    [Fact]
    public void MismatchedInputsGiveClearErrors()
    {
        var full = new PlanarImage(100, 80, 3);
        var low = new PlanarImage(50, 40, 3);
        Assert.Throws<ArgumentException>(() => BlendPyramid.Apply(full, new PlanarImage(50, 41, 3), low, null));
        Assert.Throws<ArgumentException>(() => BlendPyramid.Apply(full, new PlanarImage(200, 160, 3), new PlanarImage(200, 160, 3), null)); // "working size" larger than the image
        Assert.Throws<ArgumentException>(() => BlendPyramid.Apply(full, low, low.Clone(), new PlanarImage(10, 10, 1)));
    }

    private static PlanarImage Constant(int w, int h, int channels, float value)
    {
        var img = new PlanarImage(w, h, channels);
        img.Data.AsSpan().Fill(value);
        return img;
    }
}
