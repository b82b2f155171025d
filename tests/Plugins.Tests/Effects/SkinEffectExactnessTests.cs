using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// The promises every skin effect keeps bit for bit: nothing outside the mask changes, strength 0 is a
/// copy, 16-bit values are not pushed to an 8-bit grid, and a photo without faces comes back as it was.
/// </summary>
public sealed class SkinEffectExactnessTests
{
    private static readonly Lazy<PlanarImage> Sample1 = new(HandPlacedFace.LoadPhoto);

    /// <summary>The skin effects of the catalog (those that work in the skin mask).</summary>
    public static TheoryData<string> Effects => new(EffectCatalog.All.Where(e => e.Descriptor.Masks.Contains(MaskKind.Skin) || e.Descriptor.Masks.Contains(MaskKind.Whitening)
        || e.Descriptor.Masks.Contains(MaskKind.HealedBlemishes)).Select(e => e.Id));

    private static (IPortraitEffect Effect, EffectSettings Settings) Make(string name)
    {
        var effect = EffectCatalog.Get(name).Create();
        var settings = effect.Defaults();
        if (settings.Has(SkinRecipe.Whiten.Name) && settings.Get(SkinRecipe.Whiten.Name) == 0) settings.Set(SkinRecipe.Whiten.Name, 0.5); // the recipe's whitening step runs too
        return (effect, settings);
    }

    [Theory, MemberData(nameof(Effects))]
    public void Outside_the_skin_mask_the_output_equals_the_input_exactly(string name)
    {
        var image = SyntheticBlemishes.Paint(Sample1.Value);
        var analysis = HandPlacedFace.Analysis(image.Width, image.Height);
        var (effect, settings) = Make(name);
        var result = effect.Render(image, analysis, settings);

        int changedInside = 0;
        for (int i = 0; i < image.PlaneSize; i++)
            for (int c = 0; c < 3; c++)
            {
                float a = image.Data[c * image.PlaneSize + i], b = result.Image.Data[c * image.PlaneSize + i];
                if (analysis.SkinMask.Data[i] == 0) { if (a != b) Assert.Fail($"{name}: pixel {i % image.Width},{i / image.Width} plane {c} changed outside the skin: {a} -> {b}"); }
                else if (a != b) changedInside++;
            }
        Assert.True(changedInside > 100, $"{name} changed only {changedInside} samples inside the skin");
    }

    [Fact]
    public void Outside_the_skin_mask_the_pyramid_path_is_exact_too()
    {
        var image = HandPlacedFace.LargeFace(Sample1.Value);
        var analysis = HandPlacedFace.Analysis(image.Width, image.Height, 0, 0, 3);
        var result = new SkinRetouchEffect().Render(image, analysis, SkinRetouchEffect.Info.DefaultSettings());
        for (int i = 0; i < image.Data.Length; i++)
            if (analysis.SkinMask.Data[i % image.PlaneSize] == 0 && image.Data[i] != result.Image.Data[i])
                Assert.Fail($"sample {i} changed outside the skin: {image.Data[i]} -> {result.Image.Data[i]}");
        double change = 0;
        for (int i = 0; i < image.Data.Length; i++) change = Math.Max(change, Math.Abs(image.Data[i] - result.Image.Data[i]));
        Assert.True(change > 0.01, $"the large face was hardly changed (max {change})");
    }

    [Fact]
    public void Body_skin_is_retouched_only_inside_the_skin_mask()
    {
        var image = Sample1.Value;
        var (face, skin, analysis) = WithBodySkin(image);
        var effect = new SkinRetouchEffect();
        var result = effect.Render(image, analysis, effect.Defaults().Set("body", 1));
        int n = image.PlaneSize, bodyChanged = 0;
        for (int i = 0; i < image.Data.Length; i++)
        {
            int p = i % n;
            if (skin.Data[p] == 0 && image.Data[i] != result.Image.Data[i]) Assert.Fail($"sample {i} changed outside the skin");
            if (face.FaceSkinMask.Data[p] == 0 && skin.Data[p] > 0 && image.Data[i] != result.Image.Data[i]) bodyChanged++;
        }
        Assert.True(bodyChanged > 1000, $"only {bodyChanged} body-skin samples changed");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Whitening_reaches_all_body_skin_only_when_body_is_on_and_otherwise_fades_into_the_skin_next_to_the_face(bool body)
    {
        var image = Sample1.Value;
        var (face, skin, analysis) = WithBodySkin(image);
        var effect = new WhiteningEffect();
        var result = effect.Render(image, analysis, effect.Defaults().Set("whiten", 0.8).Set("body", body ? 1 : 0));
        int reach = (int)MathF.Ceiling(WhiteningEffect.NeckFadeReach * FaceEffects.TypicalFaceWidth(analysis));
        int n = image.PlaneSize, farChanged = 0, nearChanged = 0, faceChanged = 0;
        for (int i = 0; i < image.Data.Length; i++)
        {
            int p = i % n;
            if (image.Data[i] == result.Image.Data[i]) continue;
            if (face.FaceSkinMask.Data[p] >= 1) faceChanged++;
            if (face.FaceSkinMask.Data[p] > 0 || skin.Data[p] < 1) continue;
            // Body skin: within the fade's reach of the face skin (plus the 4-px probe step) or beyond it.
            if (NearFaceSkin(face.FaceSkinMask, p % image.Width, p / image.Width, reach + 4)) nearChanged++;
            else farChanged++;
        }
        Assert.True(faceChanged > 1000, $"only {faceChanged} face-skin samples whitened");
        // The drawn neck and chest: with body on all of it changes; with body off only its part next to the face,
        // where the change fades out (a face lifted alone would end lighter than its own neck).
        // Measured with body off: 441 samples (the drawn ellipse's top, where it comes within half a face width of the face skin).
        Assert.True(nearChanged > 150, $"only {nearChanged} body-skin samples next to the face whitened");
        if (body) Assert.True(farChanged > 1000, $"body on: only {farChanged} body-skin samples far from the face whitened");
        else Assert.Equal(0, farChanged);
    }

    /// <summary>The hand-placed face plus neck and chest below it (sample1, right-hand woman) drawn by hand as body skin.</summary>
    private static (PortraitAnalysis Face, PlanarImage Skin, PortraitAnalysis Analysis) WithBodySkin(PlanarImage image)
    {
        var face = HandPlacedFace.Analysis(image.Width, image.Height);
        var skin = face.SkinMask.Clone();
        HandPlacedFace.Ellipse(skin, 1500, 560, 60, 70, 10);
        return (face, skin, new PortraitAnalysis(image.Width, image.Height, face.Faces, skin, face.FaceSkinMask, face.FeatureMask, null));
    }

    private static bool NearFaceSkin(PlanarImage faceSkin, int x, int y, int r)
    {
        for (int dy = -r; dy <= r; dy += 4)
            for (int dx = -r; dx <= r; dx += 4)
            {
                int xx = Math.Clamp(x + dx, 0, faceSkin.Width - 1), yy = Math.Clamp(y + dy, 0, faceSkin.Height - 1);
                if (faceSkin[0, xx, yy] > 0) return true;
            }
        return false;
    }

    [Theory, MemberData(nameof(Effects))]
    public void Strength_or_amount_zero_returns_a_bit_exact_copy(string name)
    {
        var image = SyntheticBlemishes.Paint(Sample1.Value);
        var analysis = HandPlacedFace.Analysis(image.Width, image.Height);
        var (effect, settings) = Make(name);
        foreach (var (parameter, value) in effect.Descriptor.NoOp) settings.Set(parameter, value);
        var result = effect.Render(image, analysis, settings);
        Assert.Equal(image.Data, result.Image.Data);
    }

    [Fact]
    public void A_sixteen_bit_image_keeps_its_sixteen_bit_values()
    {
        // 16-bit samples that are not on the 8-bit grid (x·65535 not a multiple of 257).
        var image = SyntheticBlemishes.Paint(Sample1.Value);
        for (int i = 0; i < image.Data.Length; i++)
            image.Data[i] = MathF.Round(Math.Clamp(image.Data[i] + (i % 97) / 65535f, 0, 1) * 65535) / 65535;
        var analysis = HandPlacedFace.Analysis(image.Width, image.Height);
        var result = SkinRecipe.Create().Render(image, analysis, SkinRecipe.Info.DefaultSettings());

        int offGrid = 0, changed = 0;
        for (int i = 0; i < image.Data.Length; i++)
        {
            float a = image.Data[i], b = result.Image.Data[i];
            if (analysis.SkinMask.Data[i % image.PlaneSize] == 0) { if (a != b) Assert.Fail($"sample {i} moved: {a} -> {b}"); continue; }
            if (a == b) continue;
            changed++;
            float on8 = MathF.Round(b * 255) / 255;
            if (MathF.Abs(b - on8) * 65535 > 1) offGrid++;
        }
        Assert.True(changed > 1000, $"only {changed} samples changed");
        Assert.True(offGrid > changed / 2, $"{offGrid} of {changed} changed samples are off the 8-bit grid: the result was quantised");
    }

    [Theory, MemberData(nameof(Effects))]
    public void A_photo_without_faces_comes_back_unchanged_with_a_message(string name)
    {
        var image = Sample1.Value.Crop(0, 600, 400, 300); // red curtain and floor, nobody there
        var empty = new PlanarImage(image.Width, image.Height, 1);
        var analysis = new PortraitAnalysis(image.Width, image.Height, [], empty, empty.Clone(), empty.Clone(), null);
        var (effect, settings) = Make(name);
        var result = effect.Render(image, analysis, settings);
        Assert.Equal(image.Data, result.Image.Data);
        Assert.Contains("no face", result.Message);
    }
}
