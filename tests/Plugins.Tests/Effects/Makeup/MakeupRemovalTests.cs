using RetouchPlugins.Benchmarks.Makeup;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Faces;
using Xunit.Abstractions;

namespace RetouchPlugins.Tests.Effects.Makeup;

/// <summary>Makeup removal on the demo photos with the real analyzer.</summary>
public sealed class MakeupRemovalTests(MakeupFixture fixture, ITestOutputHelper log) : IClassFixture<MakeupFixture>
{
    /// <summary>
    /// Lipstick of a known colour (<see cref="SyntheticLipstick"/>) painted onto the lips of sample6's four faces (natural to light pink lips) comes
    /// off to within 7 ΔE2000 of the original lips' mean on average and 11 on any face (the painted lips start
    /// 23 to 26 away; measured 6.6, 9.6, 3.9 and 1.7). What is left is the error of the skin-predicted lip colour for that face.
    /// </summary>
    [Fact]
    public void Synthetic_lipstick_comes_off()
    {
        var photo = FaceTestData.Photo(6);
        var analysis = fixture.Analysis(6);
        var painted = photo.Clone();
        var faces = analysis.Faces.Where(f => f.Mesh is not null).ToList();
        foreach (var face in faces) SyntheticLipstick.Paint(painted, face);
        ImageFile.SavePng(painted, Path.Combine(FaceTestData.OutputFolder(), "makeup-lipstick-painted.png"));

        var result = new MakeupRenderer().Render(painted, analysis, null, new MakeupSettings { Remove = true, EyeShadow = 0, Blush = 0 });
        ImageFile.SavePng(result.Image, Path.Combine(FaceTestData.OutputFolder(), "makeup-lipstick-removed.png"));
        var errors = new List<double>();
        foreach (var face in faces)
        {
            var (area, zones) = MakeupMetrics.Zones(photo, face);
            var original = MakeupMetrics.MeanLab(photo, area, zones.Lips);
            var withLipstick = MakeupMetrics.MeanLab(painted, area, zones.Lips);
            var removed = MakeupMetrics.MeanLab(result.Image, area, zones.Lips);
            double before = DeltaE2000.Between(withLipstick, original), after = DeltaE2000.Between(removed, original);
            log.WriteLine($"face {face.Box.X:0}: painted lips {before:0.0} ΔE from the original, after removal {after:0.0}");
            Assert.True(before > 20, $"the painted lipstick is only {before:0.0} ΔE from the lips");
            Assert.True(after < 11, $"face {face.Box.X:0}: {after:0.0} ΔE from the original lips after removal");
            errors.Add(after);
        }
        Assert.True(errors.Average() < 7, $"mean {errors.Average():0.0} ΔE from the original lips after removal");
    }

    [Fact]
    public void Removal_changes_only_lips_lids_and_cheeks_and_keeps_eyes_and_mouth_openings()
    {
        var photo = FaceTestData.Photo(3);
        var analysis = fixture.Analysis(3);
        var result = new MakeupRenderer().Render(photo, analysis, null, new MakeupSettings { Remove = true });
        ImageFile.SavePng(result.Image, Path.Combine(FaceTestData.OutputFolder(), "makeup-sample3-removed.png"));
        Assert.Equal(0f, result.Mask(MakeupZone.Foundation).Data.Max());
        int changed = 0;
        for (int i = 0; i < photo.PlaneSize; i++)
        {
            bool same = Enumerable.Range(0, 3).All(c => photo.Data[c * photo.PlaneSize + i] == result.Image.Data[c * photo.PlaneSize + i]);
            if (same) continue;
            changed++;
            Assert.True(result.Mask(MakeupZone.Lips).Data[i] > 0 || result.Mask(MakeupZone.EyeShadow).Data[i] > 0 || result.Mask(MakeupZone.Blush).Data[i] > 0,
                $"pixel {i % photo.Width},{i / photo.Width} changed outside the lips, lids and cheeks");
        }
        Assert.True(changed > 5_000, $"only {changed} pixels changed");
        foreach (var face in analysis.Faces.Where(f => f.Mesh is not null))
        {
            var regions = new FaceRegions(face.Mesh!) { FeatureFeather = 0 };
            var openings = regions.Mask(FaceRegion.Eyes, photo.Width, photo.Height);
            regions.AddTo(openings, FaceRegion.InnerMouth);
            for (int i = 0; i < photo.PlaneSize; i++)
                if (openings.Data[i] >= 0.5f)
                    for (int c = 0; c < 3; c++) Assert.Equal(photo.Data[c * photo.PlaneSize + i], result.Image.Data[c * photo.PlaneSize + i]);
        }
    }
}
