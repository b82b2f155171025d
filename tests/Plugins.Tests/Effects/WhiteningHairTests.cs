using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Faces;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// Whitening lifts skin only: where hair falls across a face inside the mesh's face oval it stays as it was, and the
/// skin the mesh's brow polygon covers past the brow hairs is lifted with the forehead around it instead of standing
/// out as an unlifted "ghost brow". Real photos at <c>--whiten 0.8</c>, the strength where both showed at fit-to-screen:
/// before, the dark hair over the right woman's cheek in sample3 turned grey (+44 levels) with her brow's margin left
/// as a dark blob in it, and the skin at the blonde woman's brow tail stayed 13 levels darker than its surroundings.
/// Points were placed by looking at 300-400 % crops (written to retouch-faces/whitening-sample3.png for a person to look at).
/// </summary>
public sealed class WhiteningHairTests(AnalyzerFixture fixture) : IClassFixture<AnalyzerFixture>
{
    /// <summary>Most a hair point may move (8-bit levels, any channel's mean over a 9 x 9 square).</summary>
    private const double HairTolerance = 2;

    /// <summary>Least a skin point must lift (8-bit levels, mean of the three channels) at 0.8: measured 16-25.</summary>
    private const double SkinLift = 10;

    private (PlanarImage Photo, PlanarImage Whitened) Whitened(int sample)
    {
        var photo = FaceTestData.Photo(sample);
        var effect = new WhiteningEffect();
        var result = effect.Render(photo, fixture.Analysis(sample), effect.Defaults().Set("whiten", 0.8));
        ImageFile.SavePng(result.Image, Path.Combine(FaceTestData.OutputFolder(), $"whitening-sample{sample}.png"));
        return (photo, result.Image);
    }

    [Fact]
    public void Hair_across_a_face_keeps_its_colour_while_the_skin_beside_it_lifts()
    {
        var (photo, whitened) = Whitened(3);
        // Dark strands over the right woman's cheek and temple, inside her mesh's face oval.
        foreach (var (x, y) in new[] { (1490, 420), (1500, 460), (1516, 387) })
        {
            double moved = PatchChange.Largest(photo, whitened, x, y);
            Assert.True(moved <= HairTolerance, $"hair at ({x}, {y}) moved {moved:F1} levels");
        }
        // Her cheek, and the blonde woman's forehead and cheek.
        foreach (var (x, y) in new[] { (1530, 470), (1210, 230), (1180, 380) })
        {
            double moved = PatchChange.Lift(photo, whitened, x, y);
            Assert.True(moved >= SkinLift, $"skin at ({x}, {y}) lifted only {moved:F1} levels");
        }
    }

    [Fact]
    public void Skin_under_the_mesh_brow_past_the_hairs_lifts_with_the_forehead_and_the_brow_hairs_stay()
    {
        var (photo, whitened) = Whitened(3);
        double forehead = PatchChange.Lift(photo, whitened, 1210, 230);
        // The blonde woman's left brow: its tail ends before the mesh's brow polygon does.
        foreach (var (x, y) in new[] { (1255, 318), (1250, 314) })
        {
            double moved = PatchChange.Lift(photo, whitened, x, y, radius: 2);
            Assert.True(moved >= 0.7 * forehead, $"skin at the brow tail ({x}, {y}) lifted {moved:F1} levels, the forehead {forehead:F1}");
        }
        // The brow hairs themselves: measured +0 to +1 (the forehead +16).
        foreach (var (x, y) in new[] { (1205, 310), (1215, 308) })
        {
            double moved = PatchChange.Lift(photo, whitened, x, y, radius: 2);
            Assert.True(moved <= 0.5 * forehead, $"the brow hairs at ({x}, {y}) lifted {moved:F1} levels, the forehead {forehead:F1}");
        }
    }
}
