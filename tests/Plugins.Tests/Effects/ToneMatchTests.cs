using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Tests.Faces;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// Skin tone match on the group photos with their real analysis: the faces' mean skin hues move together while
/// each face keeps its own chroma and lightness (complexions are not evened), and lightness moves only when its
/// slider asks. The catalog contract tests check the bit-exact parts for every effect.
/// </summary>
public sealed class ToneMatchTests(AnalyzerFixture analyses) : IClassFixture<AnalyzerFixture>
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void Skin_hues_come_together_while_each_face_keeps_its_chroma_and_lightness(int sample)
    {
        var photo = FaceTestData.Photo(sample);
        var analysis = analyses.Analysis(sample);
        Assert.True(analysis.Faces.Count >= 2, $"sample{sample}: {analysis.Faces.Count} face(s)");
        var effect = new ToneMatchEffect();
        var settings = effect.Defaults().Set(ToneMatchEffect.Amount.Name, 1).Set(ToneMatchEffect.Lightness.Name, 0);

        var result = effect.Render(photo, analysis, settings);

        var regions = ToneMatchEffect.Regions(photo, analysis);
        var before = regions.Select(r => ToneMatchEffect.MeanSkin(photo, r)).ToArray();
        var after = regions.Select(r => ToneMatchEffect.MeanSkin(result.Image, r)).ToArray();
        float spreadBefore = HueSpread(before), spreadAfter = HueSpread(after);
        // Tolerances: the means are re-measured over the same core skin after a soft-weighted turn and sRGB clipping,
        // so they land near, not on, the median: 60 % of the largest hue difference between faces must go, each
        // face's mean chroma stays within 5 % and its mean lightness within 0.004 (Oklab L).
        Assert.True(spreadAfter <= 0.4f * spreadBefore, $"sample{sample}: hue spread {spreadBefore:0.0}° -> {spreadAfter:0.0}°");
        for (int k = 0; k < regions.Count; k++)
        {
            float c0 = MathF.Sqrt(before[k].A * before[k].A + before[k].B * before[k].B), c1 = MathF.Sqrt(after[k].A * after[k].A + after[k].B * after[k].B);
            Assert.True(MathF.Abs(c1 - c0) <= 0.05f * c0, $"sample{sample} face {k}: chroma {c0:0.0000} -> {c1:0.0000}");
            Assert.True(MathF.Abs(after[k].L - before[k].L) < 0.004f, $"sample{sample} face {k}: lightness {before[k].L:0.000} -> {after[k].L:0.000} with lightness 0");
        }
        Assert.Contains("faces matched", result.Message);
    }

    [Fact]
    public void The_lightness_slider_brings_the_faces_lightness_together()
    {
        var photo = FaceTestData.Photo(1);
        var analysis = analyses.Analysis(1);
        var effect = new ToneMatchEffect();
        var result = effect.Render(photo, analysis, effect.Defaults().Set(ToneMatchEffect.Amount.Name, 1).Set(ToneMatchEffect.Lightness.Name, 1));

        var regions = ToneMatchEffect.Regions(photo, analysis);
        float Spread(PlanarImage image) { var l = regions.Select(r => ToneMatchEffect.MeanSkin(image, r).L).ToArray(); return l.Max() - l.Min(); }
        // Tolerance: half of the lightness range between faces goes (the median face stays, the soft rim dilutes the rest).
        Assert.True(Spread(result.Image) <= 0.5f * Spread(photo), $"lightness spread {Spread(photo):0.000} -> {Spread(result.Image):0.000}");
    }

    /// <summary>
    /// Hair across a face lies inside the mesh's face skin; turned or lifted with the skin it is tinted. Sample3's right
    /// woman, dark strands over her cheek and temple (placed by looking at a 300 % crop), with lightness matched too:
    /// before the skin-likeness gate they moved 5 levels in red and blue; the gate leaves them as they were (at most
    /// 1 level in any channel), while her cheek still turns.
    /// </summary>
    [Fact]
    public void Hair_across_a_face_is_not_tinted_with_its_skin()
    {
        var photo = FaceTestData.Photo(3);
        var effect = new ToneMatchEffect();
        var result = effect.Render(photo, analyses.Analysis(3), effect.Defaults().Set(ToneMatchEffect.Amount.Name, 1).Set(ToneMatchEffect.Lightness.Name, 1));
        foreach (var (x, y) in new[] { (1490, 420), (1500, 460) })
        {
            double moved = PatchChange.Largest(photo, result.Image, x, y);
            Assert.True(moved <= 1, $"hair at ({x}, {y}) moved {moved:F1} levels");
        }
        double cheek = PatchChange.Largest(photo, result.Image, 1530, 470);
        Assert.True(cheek >= 5, $"her cheek moved only {cheek:F1} levels");
    }

    [Fact]
    public void One_face_is_left_as_it_is_with_a_message()
    {
        var image = BatchFace();
        var result = new ToneMatchEffect().Render(image, Batch.BatchTestFiles.FaceCropAnalysis(image));
        Assert.Equal(image.Data, result.Image.Data);
        Assert.Contains("one face", result.Message);
    }

    private static PlanarImage BatchFace() => Batch.BatchTestFiles.FaceCrop();

    /// <summary>Largest difference, in degrees, between two faces' mean skin hues (Oklab).</summary>
    private static float HueSpread((float L, float A, float B)[] means)
    {
        float worst = 0;
        for (int i = 0; i < means.Length; i++)
            for (int j = i + 1; j < means.Length; j++)
                worst = MathF.Max(worst, MathF.Abs(ToneMatchEffect.Wrap(MathF.Atan2(means[i].B, means[i].A) - MathF.Atan2(means[j].B, means[j].A))) * 180 / MathF.PI);
        return worst;
    }
}
