using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using Background = RetouchPlugins.Benchmarks.Quality.ShapeOracle.Background;
using Knowledge = RetouchPlugins.Benchmarks.Quality.ShapeOracle.Knowledge;

namespace RetouchPlugins.Tests.Bench;

/// <summary>
/// The oracle division of the bench (`oracle`): with everything known it undoes the painting, and what it leaves with
/// the strength fitted comes from the skin under the spots, not from the fit (on skin without structure it undoes it too).
/// </summary>
public class ShapeOracleTests
{
    private static double MeanRemoved(BlemishSet set, PlanarImage result, PlanarImage skin) =>
        SpotVisibility.Measure("crop", "oracle", set, result, skin).Average(o => o.Removed);

    private static (BlemishSet Set, PlanarImage Skin) Painted(PlanarImage photo)
    {
        var analysis = BenchFixtures.EllipseFace(photo.Width, photo.Height);
        return (new BlemishGenerator(3).Paint(photo, analysis), analysis.FaceSkinMask);
    }

    [Fact]
    public void With_everything_known_the_painting_is_undone_up_to_rounding()
    {
        var (set, skin) = Painted(PlaneMath.Quantize8(BenchFixtures.PhotoCrop(size: 300)));
        // 8-bit rounding on the weakest spots, and spots at the ellipse's edge (painted by the mask's weight, divided at
        // full weight), are all that is left: 89 % per spot on average on this crop, 97.5 % on the bench's photos.
        Assert.InRange(MeanRemoved(set, ShapeOracle.DivideAll(set, Knowledge.Everything, Background.Harmonic, 1.6f), skin), 0.85, 1.0);
    }

    [Fact]
    public void On_skin_without_structure_a_fitted_strength_removes_nearly_all_and_on_a_photo_less()
    {
        // A flat skin tone with pore-sized noise: nothing under the spots looks like a spot.
        var random = new Random(1);
        var flat = new PlanarImage(300, 300, 3);
        float[] tone = [0.78f, 0.6f, 0.5f];
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < flat.Width * flat.Height; i++)
                flat.Data[c * flat.Width * flat.Height + i] = tone[c] + 0.01f * (float)(random.NextDouble() - 0.5);
        var (flatSet, flatSkin) = Painted(PlaneMath.Quantize8(flat));
        double onFlat = MeanRemoved(flatSet, ShapeOracle.DivideAll(flatSet, Knowledge.ShapeAndColour, Background.Harmonic, 0.5f), flatSkin);
        Assert.True(onFlat >= 0.9, $"on flat skin {onFlat:P1} removed");

        var (photoSet, photoSkin) = Painted(PlaneMath.Quantize8(BenchFixtures.PhotoCrop(size: 300)));
        double onPhoto = MeanRemoved(photoSet, ShapeOracle.DivideAll(photoSet, Knowledge.ShapeAndColour, Background.Harmonic, 0.5f), photoSkin);
        Assert.True(onPhoto < onFlat, $"on the photo {onPhoto:P1}, on flat skin {onFlat:P1}");
    }
}
