using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Masks;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// The whole-plane mask steps that run in bands of rows on all cores: <see cref="MaskMath.Bounds"/> against a
/// one-row-at-a-time scan, and <see cref="MaskPlanes.GateInPlace"/> against its formula, pixel by pixel (exact).
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
    public void Gate_in_place_follows_its_formula_and_floors_small_values_to_zero()
    {
        int w = 97, h = 61;
        var random = new Random(5);
        PlanarImage Random1(float lo, float hi)
        {
            var p = new PlanarImage(w, h, 1);
            for (int i = 0; i < p.Data.Length; i++) p.Data[i] = lo + (float)random.NextDouble() * (hi - lo);
            return p;
        }
        var mask = Random1(-0.2f, 1.2f); var gate = Random1(0, 1); var exclude = Random1(-0.1f, 0.7f);
        var expected = mask.Clone();
        for (int i = 0; i < expected.Data.Length; i++)
        {
            float v = Math.Clamp(mask.Data[i], 0f, 1f) * MaskPlanes.Step(0.35f, 0.65f, gate.Data[i]) * (1 - Math.Clamp(2 * exclude.Data[i], 0f, 1f));
            expected.Data[i] = v < MaskPlanes.Floor ? 0 : v;
        }
        MaskPlanes.GateInPlace(mask, gate, 0.35f, 0.65f, exclude);
        Assert.Equal(expected.Data, mask.Data);
        Assert.Contains(0f, mask.Data);
        Assert.DoesNotContain(mask.Data, v => v > 0 && v < MaskPlanes.Floor);
    }
}
