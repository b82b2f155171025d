using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// <see cref="RingCurvature"/> reads the isotropic curvature of shading from an annulus: what a membrane fill lacks to hold
/// a highlight or a dip under a healed spot. The slope and the saddle (which a membrane takes from the rim) must not leak
/// into it, nor pore-scale noise.
/// </summary>
public sealed class RingCurvatureTests
{
    private const int Size = 121;
    private const float Centre = 60, Kappa = -4e-5f;

    /// <summary>A dome (κ (x² + y²)) with a slope, a saddle and ±0.02 of noise (pores), the same in all three channels.</summary>
    private static PlanarImage Dome()
    {
        var random = new Random(7);
        var image = new PlanarImage(Size, Size, 3);
        for (int y = 0; y < Size; y++)
            for (int x = 0; x < Size; x++)
            {
                float u = x - Centre, v = y - Centre;
                float value = 0.6f + 0.002f * u - 0.001f * v + Kappa * (u * u + v * v) + 3e-5f * (u * u - v * v)
                    + 0.02f * (float)(random.NextDouble() * 2 - 1);
                for (int c = 0; c < 3; c++) image[c, x, y] = value;
            }
        return image;
    }

    /// <summary>Within 10 % of κ: the dome's centre lies 0.064 above its ring at 40 px, three times the noise.</summary>
    [Fact]
    public void The_dome_s_curvature_is_read_from_an_annulus_without_its_slope_and_saddle()
    {
        var kappa = RingCurvature.Fit(Dome(), null, Centre, Centre, 12, 40);
        Assert.NotNull(kappa);
        foreach (float k in kappa) Assert.InRange(k, 1.1f * Kappa, 0.9f * Kappa);
    }

    /// <summary>An annulus with skin on one side only (gate on the right half) tells a slope, not a curvature: no answer.</summary>
    [Fact]
    public void A_one_sided_annulus_gives_no_curvature()
    {
        var gate = new PlanarImage(Size, Size, 1);
        for (int y = 0; y < Size; y++)
            for (int x = (int)Centre; x < Size; x++) gate[0, x, y] = 1;
        Assert.Null(RingCurvature.Fit(Dome(), gate, Centre, Centre, 12, 40));
        Assert.NotNull(RingCurvature.Fit(Dome(), null, Centre, Centre, 12, 40));
    }
}
