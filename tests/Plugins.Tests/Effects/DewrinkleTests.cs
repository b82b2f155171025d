using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Faces;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// The garment de-wrinkle on the real demo photos with the real analyzer: the automatic garment mask, bit-exact
/// outside it and at strength 0, bad user masks named in the error, a photo without a person left alone.
/// </summary>
public sealed class DewrinkleTests(AnalyzerFixture analyzer) : IClassFixture<AnalyzerFixture>
{
    [Fact]
    public void Outside_the_garment_mask_the_output_equals_the_input_exactly()
    {
        var photo = FaceTestData.Photo(3);
        var outcome = GarmentDewrinkle.Render(photo, analyzer.Analysis(3), new DewrinkleSettings());
        var mask = outcome.GarmentMask ?? throw new Xunit.Sdk.XunitException("sample3 has people: a garment mask was expected");
        int n = photo.PlaneSize, changedInside = 0;
        for (int i = 0; i < n; i++)
            for (int c = 0; c < photo.Channels; c++)
            {
                float a = photo.Data[c * n + i], b = outcome.Image.Data[c * n + i];
                if (mask.Data[i] == 0) { if (a != b) Assert.Fail($"pixel {i % photo.Width},{i / photo.Width} plane {c} changed outside the garment: {a} -> {b}"); }
                else if (a != b) changedInside++;
            }
        Assert.True(changedInside > 10_000, $"only {changedInside} samples changed inside the garment");
        ImageFile.SavePng(mask, Path.Combine(FaceTestData.OutputFolder(), "sample3-garment-mask.png"));
    }

    [Fact]
    public void The_automatic_mask_is_cloth_not_faces_or_background()
    {
        var analysis = analyzer.Analysis(3);
        var mask = GarmentDewrinkle.Render(FaceTestData.Photo(3), analysis, new DewrinkleSettings { Strength = 0 }).GarmentMask!;
        // Face skin and places u2netp calls background are never garment.
        for (int i = 0; i < mask.Data.Length; i++)
        {
            if (analysis.FaceSkinMask.Data[i] >= 0.5f) Assert.True(mask.Data[i] < 0.05f, $"face skin at {i % mask.Width},{i / mask.Width} is garment ({mask.Data[i]:F2})");
            if (analysis.PersonMask!.Data[i] < GarmentMask.PersonLow) Assert.Equal(0f, mask.Data[i]);
        }
        // The black top of the woman in the middle (a point marked by hand on sample3: 1060, 1000) is garment.
        Assert.True(mask[0, 1060, 1000] > 0.9f, $"the black top at 1060,1000 has garment weight {mask[0, 1060, 1000]:F2}");
    }

    [Fact]
    public void Strength_zero_returns_the_photo_bit_for_bit()
    {
        var photo = FaceTestData.Photo(3);
        var outcome = GarmentDewrinkle.Render(photo, analyzer.Analysis(3), new DewrinkleSettings { Strength = 0 });
        Assert.NotNull(outcome.GarmentMask);
        Assert.Equal(photo.Data, outcome.Image.Data);
    }

    [Fact]
    public void A_user_mask_of_the_wrong_size_is_an_error_naming_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("dewrinkle-mask-").FullName;
        try
        {
            string path = Path.Combine(dir, "small-mask.png");
            ImageFile.SavePng(new PlanarImage(100, 80, 1), path);
            var e = Assert.Throws<ArgumentException>(() => GarmentMaskFile.Load(path, 1920, 1350));
            Assert.Contains(path, e.Message);
            Assert.Contains("100x80", e.Message);
            Assert.Contains("1920x1350", e.Message);
            // A mask of the full photo for a preview of it (half size) is downsampled, not refused; another shape is.
            string full = Path.Combine(dir, "full-mask.png");
            ImageFile.SavePng(new PlanarImage(1920, 1350, 1), full);
            Assert.Equal((960, 675), GarmentMaskFile.Load(full, 960, 675) is var m ? (m.Width, m.Height) : default);
            Assert.Contains("1920x1350", Assert.Throws<ArgumentException>(() => GarmentMaskFile.Load(full, 960, 600)).Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_user_mask_that_is_not_an_image_is_an_error_naming_the_file()
    {
        var dir = Directory.CreateTempSubdirectory("dewrinkle-mask-").FullName;
        try
        {
            string path = Path.Combine(dir, "notes.png");
            File.WriteAllText(path, "this is not a PNG");
            var e = Assert.Throws<ImageFileException>(() => GarmentMaskFile.Load(path, 1920, 1350));
            Assert.Contains(path, e.Message);
            Assert.Contains("garment mask", e.Message);
            var missing = Path.Combine(dir, "missing.png");
            var m = Assert.Throws<FileNotFoundException>(() => GarmentMaskFile.Load(missing, 10, 10));
            Assert.Contains(missing, m.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void A_user_mask_file_limits_the_change_to_its_white_part()
    {
        var photo = FaceTestData.Photo(3).Crop(900, 700, 400, 400);
        var dir = Directory.CreateTempSubdirectory("dewrinkle-mask-").FullName;
        try
        {
            var drawn = new PlanarImage(400, 400, 3);
            for (int y = 100; y < 300; y++) for (int x = 100; x < 300; x++) for (int c = 0; c < 3; c++) drawn[c, x, y] = 1;
            string path = Path.Combine(dir, "mask.png");
            ImageFile.SavePng(drawn, path);
            var mask = GarmentMaskFile.Load(path, 400, 400);
            var outcome = GarmentDewrinkle.Render(photo, null, new DewrinkleSettings(), mask);
            for (int i = 0; i < photo.Data.Length; i++)
                if (mask.Data[i % photo.PlaneSize] == 0) Assert.Equal(photo.Data[i], outcome.Image.Data[i]);
            Assert.Contains(Enumerable.Range(0, photo.Data.Length), i => photo.Data[i] != outcome.Image.Data[i]);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void No_person_and_no_mask_returns_the_photo_unchanged_with_a_message()
    {
        // A plain grey card: no face, so no garment can be told from skin or hair.
        var card = new PlanarImage(640, 480, 3);
        Array.Fill(card.Data, 0.5f);
        using var portrait = PortraitAnalyzer.Open();
        var outcome = GarmentDewrinkle.Render(card, portrait.Analyze(card, CancellationToken.None), new DewrinkleSettings());
        Assert.Equal(FaceEffects.NoFaces, outcome.Message);
        Assert.Null(outcome.GarmentMask);
        Assert.Equal(card.Data, outcome.Image.Data);
        // Without any analysis either.
        Assert.Equal(GarmentDewrinkle.NoPerson, GarmentDewrinkle.Render(card, null, new DewrinkleSettings()).Message);
    }
}
