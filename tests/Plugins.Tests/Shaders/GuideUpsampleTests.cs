using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.StyleBlit;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// GuideUpsample against the plain bilinear formula, sample for sample and bit for bit (a mostly-zero feature plane,
/// an all-zero one, a full one), at reduction factors and sizes that do and do not divide evenly.
/// </summary>
public sealed class GuideUpsampleTests
{
    [Theory]
    [InlineData(3, 101, 67)]
    [InlineData(4, 96, 80)]
    [InlineData(2, 33, 47)]
    public void Sparse_plane_is_bit_exact_with_the_plain_bilinear_formula(int factor, int width, int height)
    {
        int lw = GuideUpsample.Reduced(width, factor), lh = GuideUpsample.Reduced(height, factor);
        var low = new PlanarImage(lw, lh, 3);
        var random = new Random(7);
        // Plane 0: two small blobs (an eye and a lip); plane 1 all 0; plane 2 everywhere non-zero.
        for (int y = 0; y < lh; y++)
            for (int x = 0; x < lw; x++)
            {
                float eye = MathF.Max(0, 1 - MathF.Sqrt((x - lw * 0.3f) * (x - lw * 0.3f) + (y - lh * 0.4f) * (y - lh * 0.4f)) / 3f);
                float lip = x == lw - 1 && y == lh - 1 ? 0.5f : 0;
                low.Row(0, y)[x] = MathF.Max(eye, lip);
                low.Row(2, y)[x] = 0.01f + (float)random.NextDouble();
            }
        var result = GuideUpsample.Upsample(low, factor, width, height);
        var expected = PlainBilinear(low, factor, width, height);
        Assert.Equal(expected.Data.Length, result.Data.Length);
        for (int i = 0; i < expected.Data.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(expected.Data[i]) == BitConverter.SingleToInt32Bits(result.Data[i]),
                $"sample {i}: {result.Data[i]:R}, the formula gives {expected.Data[i]:R}");
        Assert.Contains(result.Data.Take(width * height), v => v > 0.5f); // the blob is there
        Assert.Contains(result.Data.Take(width * height), v => v == 0);    // and most of the plane is not
    }

    /// <summary>The bilinear formula at every output sample, with the same tap rule (centres, clamped at the border).</summary>
    private static PlanarImage PlainBilinear(PlanarImage low, int factor, int width, int height)
    {
        var result = new PlanarImage(width, height, low.Channels);
        for (int c = 0; c < low.Channels; c++)
            for (int y = 0; y < height; y++)
            {
                GuideUpsample.Tap((y + 0.5f) / factor - 0.5f, low.Height, out int y0, out int y1, out float fy);
                for (int x = 0; x < width; x++)
                {
                    GuideUpsample.Tap((x + 0.5f) / factor - 0.5f, low.Width, out int x0, out int x1, out float fx);
                    var r0 = low.Row(c, y0); var r1 = low.Row(c, y1);
                    float top = r0[x0] + fx * (r0[x1] - r0[x0]);
                    float bottom = r1[x0] + fx * (r1[x1] - r1[x0]);
                    result.Row(c, y)[x] = top + fy * (bottom - top);
                }
            }
        return result;
    }
}
