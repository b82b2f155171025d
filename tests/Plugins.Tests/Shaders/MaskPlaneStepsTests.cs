using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Masks;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// The whole-plane mask steps that run in bands of rows on all cores: <see cref="MaskMath.Bounds"/> against a
/// one-row-at-a-time scan, and <see cref="MaskPlanes.ComposeGated"/> against its formula, pixel by pixel (exact), and
/// <see cref="Resample.AreaDownsample(PlanarImage, PixelRect, int, int, int, KernelOptions?)"/> of a region against crop-then-downsample.
/// </summary>
public sealed class MaskPlaneStepsTests
{
    [Fact]
    public void Bounds_of_an_empty_mask_is_null() => Assert.Null(MaskMath.Bounds(new PlanarImage(300, 200, 1)));

    [Theory]
    [InlineData(0, 0)]
    [InlineData(299, 199)]
    [InlineData(123, 77)]
    public void Bounds_of_one_pixel_is_that_pixel(int x, int y)
    {
        var mask = new PlanarImage(300, 200, 1);
        mask[0, x, y] = 0.01f;
        Assert.Equal(new PixelRect(x, y, 1, 1), MaskMath.Bounds(mask));
    }

    [Fact]
    public void Bounds_of_scattered_values_spans_them_all_across_row_bands()
    {
        var mask = new PlanarImage(640, 480, 1);
        var random = new Random(3);
        int x0 = int.MaxValue, y0 = int.MaxValue, x1 = -1, y1 = -1;
        for (int k = 0; k < 40; k++)
        {
            int x = random.Next(20, 600), y = random.Next(30, 450);
            mask[0, x, y] = 0.5f;
            x0 = Math.Min(x0, x); y0 = Math.Min(y0, y); x1 = Math.Max(x1, x); y1 = Math.Max(y1, y);
        }
        mask[0, 5, 5] = -1f; // not above 0: not part of the mask
        Assert.Equal(new PixelRect(x0, y0, x1 - x0 + 1, y1 - y0 + 1), MaskMath.Bounds(mask));
    }

    [Fact]
    public void Compose_gated_follows_its_formula_on_the_bilinear_upsampled_planes_and_floors_small_values_to_zero()
    {
        int w = 197, h = 131;
        var random = new Random(5);
        PlanarImage Random1(int width, int height, float lo, float hi)
        {
            var p = new PlanarImage(width, height, 1);
            for (int i = 0; i < p.Data.Length; i++) p.Data[i] = lo + (float)random.NextDouble() * (hi - lo);
            return p;
        }
        var lowMask = Random1(50, 33, -0.2f, 1.2f); var lowGate = Random1(97, 66, 0, 1); var exclude = Random1(w, h, -0.1f, 0.7f);
        var mask = Resample.BilinearUpsample(lowMask, w, h); var gate = Resample.BilinearUpsample(lowGate, w, h);
        var expected = new PlanarImage(w, h, 1);
        for (int i = 0; i < expected.Data.Length; i++)
        {
            float v = Math.Clamp(mask.Data[i], 0f, 1f) * MaskPlanes.Step(0.35f, 0.65f, gate.Data[i]) * (1 - Math.Clamp(2 * exclude.Data[i], 0f, 1f));
            expected.Data[i] = v < MaskPlanes.Floor ? 0 : v;
        }
        var actual = MaskPlanes.ComposeGated(lowMask, lowGate, 0.35f, 0.65f, exclude);
        Assert.Equal(expected.Data, actual.Data);
        Assert.Contains(0f, actual.Data);
        Assert.DoesNotContain(actual.Data, v => v > 0 && v < MaskPlanes.Floor);
    }

    [Fact]
    public void Area_downsample_of_a_region_equals_cropping_first()
    {
        var random = new Random(9);
        var image = new PlanarImage(301, 203, 4);
        for (int i = 0; i < image.Data.Length; i++) image.Data[i] = (float)random.NextDouble();
        var region = new PixelRect(37, 21, 190, 151);
        var cropped = Resample.AreaDownsample(region.RgbCrop(image), 77, 61);
        var inPlace = Resample.AreaDownsample(image, region, 77, 61, 3);
        Assert.Equal(cropped.Data, inPlace.Data);
        Assert.Throws<ArgumentException>(() => Resample.AreaDownsample(image, new PixelRect(200, 0, 120, 10), 10, 5, 3));
    }
}
