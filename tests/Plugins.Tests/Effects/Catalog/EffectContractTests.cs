using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Effects.Catalog;

/// <summary>
/// The contract every catalog effect is held to, enumerated from the catalog (a new effect is covered by
/// registering it): descriptors are well formed; the output equals the input bit for bit outside the effect's
/// layered masks and with its no-op settings; a photo without faces comes back unchanged with the message;
/// cancellation stops it; the input image is never modified; a 16-bit photo comes back 16-bit.
/// </summary>
public sealed class EffectContractTests(CatalogPhoto photo) : IClassFixture<CatalogPhoto>
{
    public static TheoryData<string> Ids => new(EffectCatalog.All.Select(e => e.Id));

    [Fact]
    public void Descriptors_are_well_formed_and_shared_parameter_names_mean_one_thing()
    {
        var all = EffectCatalog.All.Select(e => e.Descriptor).ToArray();
        Assert.Equal(all.Length, all.Select(d => d.Id).Distinct().Count());
        Assert.Equal(all.Length, all.Select(d => d.Label).Distinct().Count());
        Assert.All(all, d => Assert.Matches("^[a-z][a-z0-9-]*$", d.Id));
        Assert.All(all, d => Assert.Equal(d.Parameters.Count, d.Parameters.Select(p => p.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count()));
        Assert.All(all, d => Assert.NotEmpty(d.NoOp));
        Assert.All(all, d => Assert.All(d.NoOp, n => Assert.NotNull(d.Parameter(n.Parameter))));
        foreach (var group in all.SelectMany(d => d.Parameters).GroupBy(p => p.Name))
            Assert.Single(group.Select(p => p.Kind).Distinct()); // one CLI option serves every effect that has it
    }

    [Theory, MemberData(nameof(Ids))]
    public void Outside_its_layered_masks_the_output_equals_the_input_bit_for_bit(string id)
    {
        var (image, analysis) = photo.Group;
        var effect = EffectCatalog.Get(id).Create();
        var result = effect.Render(new EffectInput(image, analysis, photo.Resources), Strong(effect));

        var inside = new PlanarImage(image.Width, image.Height, 1);
        foreach (var m in result.Masks.Where(m => m.Kind.Layered)) MaskPlanes.MaxInto(inside, m.Mask);
        int changedInside = 0;
        for (int i = 0; i < image.PlaneSize; i++)
            for (int c = 0; c < 3; c++)
            {
                float a = image.Data[c * image.PlaneSize + i], b = result.Image.Data[c * image.PlaneSize + i];
                if (inside.Data[i] <= 0) Assert.True(a == b, $"{id}: ({i % image.Width}, {i / image.Width}) plane {c} changed outside its masks: {a} -> {b}");
                else if (a != b) changedInside++;
            }
        Assert.True(changedInside > 100, $"{id}: only {changedInside} samples changed on a photo of three faces"); // it did something
    }

    [Theory, MemberData(nameof(Ids))]
    public void Its_no_op_settings_give_a_bit_exact_copy_and_the_input_is_never_modified(string id)
    {
        var (image, analysis) = photo.Group;
        var before = (float[])image.Data.Clone();
        var effect = EffectCatalog.Get(id).Create();
        var settings = effect.Defaults();
        foreach (var (name, value) in effect.Descriptor.NoOp) settings.Set(name, value);

        var result = effect.Render(new EffectInput(image, analysis, photo.Resources), settings);

        Assert.Equal(image.Data, result.Image.Data);
        Assert.NotSame(image, result.Image);
        effect.Render(new EffectInput(image, analysis, photo.Resources), Strong(effect));
        Assert.Equal(before, image.Data);
    }

    [Theory, MemberData(nameof(Ids))]
    public void A_photo_without_faces_comes_back_unchanged_with_the_message(string id)
    {
        var effect = EffectCatalog.Get(id).Create();
        if (!effect.Descriptor.Needs.HasFlag(AnalysisNeeds.Faces)) return; // nothing to find
        var (image, analysis) = CatalogPhoto.NoFace();

        var result = effect.Render(new EffectInput(image, analysis, photo.Resources), Strong(effect));

        Assert.Equal(image.Data, result.Image.Data);
        Assert.Equal(FaceEffects.NoFaces, result.Message);
    }

    [Theory, MemberData(nameof(Ids))]
    public void Cancellation_stops_it(string id)
    {
        var (image, analysis) = photo.Group;
        var effect = EffectCatalog.Get(id).Create();
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => effect.Render(new EffectInput(image, analysis, photo.Resources), Strong(effect), null, cancel.Token));
    }

    [Theory, MemberData(nameof(Ids))]
    public void A_sixteen_bit_photo_comes_back_sixteen_bit_through_the_runner(string id)
    {
        var (image, analysis) = photo.Group;
        var dir = Directory.CreateTempSubdirectory("retouch-contract-").FullName;
        try
        {
            string input = Path.Combine(dir, "in.tif"), output = Path.Combine(dir, "out.tif");
            ImageFile.Save(new ImageDocument(image, 16, ImageFile.BuiltInIccProfile("srgb"), null, ImageFormat.Tiff), input);
            var provider = new DelegateAnalysisProvider((other, token) => other.SameSize(image) ? analysis : photo.Analyze(other, token)); // a reference photo is another image
            using var resources = new EffectResources(provider);
            var effect = EffectCatalog.Get(id).Create();

            var run = new EffectRunner(provider, resources).Run(effect, new RunRequest(input, output, Strong(effect)));

            Assert.Equal(16, run.BitsPerSample);
            Assert.Equal(16, ImageFile.ReadInfo(output).BitsPerSample);
        }
        finally { Directory.Delete(dir, true); }
    }

    /// <summary>
    /// Defaults, with every "amount"-like parameter that defaults to 0 turned up so each step of a recipe runs, and
    /// every required reference-photo parameter given <see cref="CatalogPhoto.ReferencePhotoPath"/> (optional ones, like
    /// a style that has a bundled default, keep their default).
    /// </summary>
    internal static EffectSettings Strong(IPortraitEffect effect)
    {
        var settings = effect.Defaults();
        foreach (var p in effect.Descriptor.Parameters.Where(p => p.Kind == ParameterKind.File && p.Role == FileRole.Image && p.Required))
            settings.SetText(p.Name, CatalogPhoto.ReferencePhotoPath);
        foreach (var p in effect.Descriptor.Parameters.Where(p => p.Kind == ParameterKind.Number && p.Default == 0 && p.Max > 0))
            settings.Set(p.Name, Math.Min(p.Max, 0.5));
        return settings;
    }
}
