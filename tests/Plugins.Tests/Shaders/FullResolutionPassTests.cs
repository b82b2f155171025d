using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Masks;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>The one-pass full-resolution steps of issue 13 against the multi-pass forms they replace.</summary>
public class FullResolutionPassTests
{
    private static PlanarImage PhotoLike(int w, int h, int channels, int seed)
    {
        var img = new PlanarImage(w, h, channels);
        for (int c = 0; c < channels; c++) TestImages.PhotoLike(w, h, seed + c).CopyTo(img.Plane(c));
        return img;
    }

    /// <summary>
    /// Last level + ABM + composite + blend-layer store in one pass equals the pyramid, Composite and the per-pixel store,
    /// bit for bit: with a speckled weight, and with an oval one (rows and row ends of 0, which the pass skips).
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void CompositeFinalLevelEqualsThePyramidAndComposite(bool oval)
    {
        var photo = PhotoLike(420, 330, 3, 7);
        var rect = new PixelRect(37, 21, 301, 257);
        var crop = rect.RgbCrop(photo);
        var low = Resample.AreaDownsample(crop, 40, 34);
        var blendLow = PhotoLike(40, 34, 3, 20); // any layer in [0, 1]
        var weight = PhotoLike(rect.Width, rect.Height, 1, 30);
        for (int i = 0; i < weight.Data.Length; i++) weight.Data[i] = weight.Data[i] < 0.4f ? 0 : weight.Data[i];
        if (oval)
            for (int y = 0; y < rect.Height; y++)
                for (int x = 0; x < rect.Width; x++)
                {
                    float u = (x - 0.5f * rect.Width) / (0.35f * rect.Width), v = (y - 0.45f * rect.Height) / (0.4f * rect.Height);
                    weight[0, x, y] = u * u + v * v < 1 ? Math.Clamp(1.5f * (1 - u * u - v * v), 0, 1) : 0;
                }
        const float strength = 0.8f;

        var expected = photo.Clone();
        var b0 = BlendPyramid.UpsampleBlendLayer(crop, low, blendLow);
        MaskMath.Composite(expected, BlendModes.Abm(crop, b0), weight, rect, strength);
        var expectedLayer = new PlanarImage(photo.Width, photo.Height, 1);
        Array.Fill(expectedLayer.Data, 0.5f);
        for (int y = 0; y < rect.Height; y++)
            for (int x = 0; x < rect.Width; x++)
                if (weight[0, x, y] > 0) expectedLayer[0, rect.X + x, rect.Y + y] = (b0[0, x, y] + b0[1, x, y] + b0[2, x, y]) / 3;

        var actual = photo.Clone();
        var layer = new PlanarImage(photo.Width, photo.Height, 1);
        Array.Fill(layer.Data, 0.5f);
        var (guide, blend) = BlendPyramid.UpsampleToLevelOne(crop, low, blendLow);
        BlendPyramid.CompositeFinalLevel(actual, rect, guide!, blend, weight, strength, layer);

        Assert.Equal(expected.Data, actual.Data);
        Assert.Equal(expectedLayer.Data, layer.Data);
    }

    /// <summary>
    /// The pyramid up to level 1 read from a rectangle of the photo in place (the skin retouch no longer copies a close-up's
    /// face rectangle out) gives the guide and blend layer it gives on the crop, bit for bit; the photo has a fourth plane,
    /// which the region form leaves out as the crop did.
    /// </summary>
    [Fact]
    public void UpsampleToLevelOneOfARegionEqualsItOnTheCrop()
    {
        var photo = PhotoLike(640, 520, 4, 11);
        var rect = new PixelRect(53, 29, 517, 463);
        var crop = rect.RgbCrop(photo);
        var low = Resample.AreaDownsample(crop, 61, 55);
        var blendLow = PhotoLike(61, 55, 3, 40);

        var (cropGuide, cropBlend) = BlendPyramid.UpsampleToLevelOne(crop, low, blendLow);
        var (regionGuide, regionBlend) = BlendPyramid.UpsampleToLevelOne(photo, rect, low, blendLow);

        Assert.NotNull(cropGuide);
        Assert.Equal(3, regionGuide!.Channels);
        Assert.Equal(cropGuide.Data, regionGuide.Data);
        Assert.Equal(cropBlend.Data, regionBlend.Data);
    }

    /// <summary>Above the exact limit the feather is three box passes: within 1.5 % of the peak of the sampled Gaussian on a disk's edge.</summary>
    [Theory]
    [InlineData(9f)]
    [InlineData(24f)]
    public void WideFeatherMatchesTheGaussian(float sigma)
    {
        int size = (int)(12 * sigma) + 40;
        var disk = new float[size * size];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
                disk[y * size + x] = (x - size / 2) * (x - size / 2) + (y - size / 2) * (y - size / 2) < size * size / 16 ? 1 : 0;
        var boxes = (float[])disk.Clone();
        GaussianFeather.Blur(boxes, size, size, sigma);
        var exact = NaiveGaussian(disk, size, sigma);
        double worst = 0;
        for (int i = 0; i < disk.Length; i++) worst = Math.Max(worst, Math.Abs(boxes[i] - exact[i]));
        Assert.True(worst < 0.015, $"sigma {sigma}: largest difference {worst:F4}");
    }

    private static float[] NaiveGaussian(float[] src, int size, float sigma)
    {
        int r = (int)MathF.Ceiling(4 * sigma);
        var k = Enumerable.Range(-r, 2 * r + 1).Select(i => Math.Exp(-i * i / (2.0 * sigma * sigma))).ToArray();
        double sum = k.Sum();
        var tmp = new float[src.Length]; var dst = new float[src.Length];
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double s = 0;
                for (int j = -r; j <= r; j++) if (x + j >= 0 && x + j < size) s += k[j + r] * src[y * size + x + j];
                tmp[y * size + x] = (float)(s / sum);
            }
        for (int y = 0; y < size; y++)
            for (int x = 0; x < size; x++)
            {
                double s = 0;
                for (int j = -r; j <= r; j++) if (y + j >= 0 && y + j < size) s += k[j + r] * tmp[(y + j) * size + x];
                dst[y * size + x] = (float)(s / sum);
            }
        return dst;
    }

    /// <summary>
    /// A mask carried up by guided upsampling: exactly 0 where the working mask is 0 all around, in [0, 1], and on
    /// a flat guide within 0.2 of bilinear upsampling (the filter's two 5-pixel box windows soften the edge by about 2 working pixels more).
    /// </summary>
    [Fact]
    public void GuidedMaskUpsamplingKeepsZerosAndFollowsTheMask()
    {
        int lw = 80, lh = 60, k = 3;
        var mask = new PlanarImage(lw, lh, 1);
        for (int y = 20; y < 40; y++) for (int x = 30; x < 55; x++) mask[0, x, y] = 1;
        MaskPlanes.Blur(mask, 2f);
        MaskPlanes.Clean(mask);
        var flatFull = new PlanarImage(lw * k, lh * k, 3);
        Array.Fill(flatFull.Data, 0.6f);
        var flatLow = new PlanarImage(lw, lh, 1);
        Array.Fill(flatLow.Data, 0.6f);

        var up = GuidedMaskUpsampler.Upsample(mask, flatLow, flatFull);
        var bilinear = Resample.BilinearUpsample(mask, lw * k, lh * k);
        double worst = 0;
        for (int y = 0; y < lh * k; y++)
            for (int x = 0; x < lw * k; x++)
            {
                float v = up[0, x, y];
                Assert.InRange(v, 0f, 1f);
                if (x < 18 * k || x >= 67 * k || y < 8 * k || y >= 52 * k) Assert.Equal(0f, v); // farther than the blur and the filter reach
                worst = Math.Max(worst, Math.Abs(v - bilinear[0, x, y]));
            }
        // The guided filter's box windows smooth a little more than bilinear alone.
        Assert.True(worst < 0.2, $"largest difference from bilinear {worst:F3}");
    }

    /// <summary>
    /// The coefficients are computed over the mask's bounds only: a small mask comes out as it does when a speck in
    /// each corner makes its bounds the whole working plane (the earlier whole-plane computation), away from the specks.
    /// </summary>
    [Fact]
    public void GuidedMaskUpsamplingOverTheBoundsEqualsTheWholePlane()
    {
        int lw = 120, lh = 90, k = 3;
        var low = PhotoLike(lw, lh, 3, 11);
        var full = Resample.BilinearUpsample(low, lw * k, lh * k);
        var lowGuide = LumaPlane.Of(low);
        var mask = new PlanarImage(lw, lh, 1);
        for (int y = 40; y < 60; y++) for (int x = 50; x < 80; x++) mask[0, x, y] = 1;
        MaskPlanes.Blur(mask, 2f);
        MaskPlanes.Clean(mask);
        var specked = mask.Clone();
        specked[0, 0, 0] = 1;
        specked[0, lw - 1, lh - 1] = 1;

        var bounded = GuidedMaskUpsampler.Upsample(mask, lowGuide, full);
        var whole = GuidedMaskUpsampler.Upsample(specked, lowGuide, full);
        double worst = 0;
        int compared = 0;
        for (int y = 0; y < lh * k; y++)
            for (int x = 0; x < lw * k; x++)
            {
                if ((x < 20 * k && y < 20 * k) || (x >= (lw - 20) * k && y >= (lh - 20) * k)) continue; // the specks' reach
                worst = Math.Max(worst, Math.Abs(bounded[0, x, y] - whole[0, x, y]));
                compared++;
            }
        Assert.True(bounded.Data.Count(v => v > 0.5f) > 1000, "the mask did not come through");
        Assert.True(worst <= 1e-6, $"largest difference {worst:E2} over {compared} pixels");
    }
}
