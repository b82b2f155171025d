using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Running;

namespace RetouchPlugins.Tests.Effects.Catalog;

/// <summary>
/// A run to a flat file renders into the decoded photo instead of a copy (<see cref="EffectInput.ImageIsScratch"/>;
/// 288 MB less at 24 MP) and, without a mask folder, builds no mask that is only shown (<see cref="EffectInput.MasksWanted"/>).
/// The file must be the one a render on a copy with every mask gives, byte for byte, for every catalog effect, including
/// masks that are carried up from the analysis' working copy while the photo's planes are being changed.
/// </summary>
public sealed class ScratchRenderTests(CatalogPhoto photo) : IClassFixture<CatalogPhoto>
{
    public static TheoryData<string> Ids => EffectContractTests.Ids;

    /// <summary>Strong settings (each recipe step runs: the skin retouch whitens too, which reads the whole-photo skin).</summary>
    [Theory, MemberData(nameof(Ids))]
    public void A_flat_file_from_the_runner_is_the_render_on_a_copy_byte_for_byte(string id) =>
        AssertSameAsOnACopy(id, photo.Analyze, EffectContractTests.Strong);

    /// <summary>
    /// The skin retouch with body skin and whitening on an analysis made at 512 px: the whole-photo skin is carried up to
    /// the photo's size, guided by the photo, on first use, which is after the blemish step changed the photo's planes.
    /// </summary>
    [Fact]
    public void Masks_carried_up_during_the_render_are_those_of_the_untouched_photo()
    {
        using var analyzer = PortraitAnalyzer.Open();
        var options = new AnalyzerOptions { WorkingSize = 512 };
        AssertSameAsOnACopy("skin", (image, token) => analyzer.Analyze(image, options, null, token), effect =>
        {
            var settings = EffectContractTests.Strong(effect);
            settings.Set(SkinParameters.Body.Name, 1);
            return settings;
        });
    }

    /// <summary>
    /// Every combination of the settings that decide which whole-photo masks a render reads (body skin, whitening, the
    /// blemish step) on an analysis whose masks are still to be carried up: the render into the photo declares what it
    /// reads (<see cref="IInPlaceEffect.WholePhotoMasksRead"/>), so none throws for a mask it did not declare, and each
    /// file is the render on a copy byte for byte.
    /// </summary>
    [Theory]
    [InlineData("skin", false, 0.0, false)]
    [InlineData("skin", true, 0.0, false)]
    [InlineData("skin", false, 0.6, false)]
    [InlineData("skin", true, 0.6, false)]
    [InlineData("skin", false, 0.0, true)]
    [InlineData("skin", true, 0.0, true)]
    [InlineData("skin", false, 0.6, true)]
    [InlineData("skin", true, 0.6, true)]
    [InlineData("whiten", false, 0.6, false)]
    [InlineData("whiten", true, 0.6, false)]
    public void Every_declaration_of_the_masks_a_render_reads_holds(string id, bool body, double whiten, bool blemishes)
    {
        using var analyzer = PortraitAnalyzer.Open();
        var options = new AnalyzerOptions { WorkingSize = 512 };
        AssertSameAsOnACopy(id, (image, token) => analyzer.Analyze(image, options, null, token), effect =>
        {
            var settings = effect.Defaults();
            settings.Set(SkinParameters.Body.Name, body ? 1 : 0);
            settings.Set(WhiteningEffect.Amount.Name, whiten);
            if (id == "skin") settings.Set(SkinRecipe.Blemishes.Name, blemishes ? 1 : 0);
            return settings;
        });
    }

    /// <summary>
    /// Which renders write into the input: a scratch image without a selection, by the in-place effects (face restore
    /// too: it measures each face's grain before the first paste); never without the flag, or with a selection (its
    /// limit reads the original); other effects keep their own copy.
    /// </summary>
    [Fact]
    public void Only_a_scratch_image_without_a_selection_is_rendered_into()
    {
        var (image, analysis) = photo.Group;
        PlanarImage Rendered(string id, bool scratch, PlanarImage? selection = null, PlanarImage? into = null)
        {
            var effect = EffectCatalog.Get(id).Create();
            return effect.Render(new EffectInput(into ?? image.Clone(), analysis, photo.Resources, selection) { ImageIsScratch = scratch },
                EffectContractTests.Strong(effect)).Image;
        }
        var mine = image.Clone();
        Assert.Same(mine, Rendered("skin", scratch: true, into: mine));
        mine = image.Clone();
        Assert.Same(mine, Rendered("whiten", scratch: true, into: mine));
        mine = image.Clone();
        Assert.Same(mine, Rendered("restore", scratch: true, into: mine));
        mine = image.Clone();
        Assert.NotSame(mine, Rendered("skin", scratch: false, into: mine));
        Assert.Equal(image.Data, mine.Data);
        var everywhere = new PlanarImage(image.Width, image.Height, 1);
        Array.Fill(everywhere.Data, 1f);
        Assert.NotSame(mine, Rendered("skin", scratch: true, everywhere, mine));
        Assert.NotSame(mine, Rendered("stylize", scratch: true, into: mine));
        Assert.Equal(image.Data, mine.Data);
    }

    /// <summary>The skin retouch's skin and blend-layer masks are built for a mask folder only; the file is the same either way.</summary>
    [Fact]
    public void Masks_that_are_only_shown_are_built_when_a_mask_folder_asks_for_them()
    {
        InFolderWithThePhoto((dir, input) =>
        {
            var provider = new DelegateAnalysisProvider(photo.Analyze);
            using var resources = new EffectResources(provider);
            var runner = new EffectRunner(provider, resources);
            var effect = EffectCatalog.Get("skin").Create();
            string plain = Path.Combine(dir, "plain.png"), withMasks = Path.Combine(dir, "with-masks.png"), masks = Path.Combine(dir, "masks");
            var without = runner.Run(effect, new RunRequest(input, plain, effect.Defaults()));
            var with = runner.Run(effect, new RunRequest(input, withMasks, effect.Defaults(), MasksFolder: masks));

            Assert.DoesNotContain(without.Masks, m => m.Kind == MaskKind.Skin || m.Kind == MaskKind.BlendLayer);
            Assert.Contains(with.Masks, m => m.Kind == MaskKind.BlendLayer);
            Assert.True(File.Exists(Path.Combine(masks, MaskKind.BlendLayer.FileName)));
            Assert.True(File.Exists(Path.Combine(masks, MaskKind.Skin.FileName)));
            Assert.True(File.ReadAllBytes(plain).AsSpan().SequenceEqual(File.ReadAllBytes(withMasks)), "the masks changed the file");
        });
    }

    private void AssertSameAsOnACopy(string id, PortraitAnalyze analyze, Func<IPortraitEffect, EffectSettings> settingsOf) =>
        InFolderWithThePhoto((dir, input) =>
        {
            string output = Path.Combine(dir, "out.png"), reference = Path.Combine(dir, "copy.png");
            var settings = settingsOf(EffectCatalog.Get(id).Create());
            var provider = new DelegateAnalysisProvider(analyze);
            using var resources = new EffectResources(provider);
            new EffectRunner(provider, resources).Run(EffectCatalog.Get(id).Create(), new RunRequest(input, output, settings));

            var document = ImageFile.Load(input);
            var before = document.Pixels.Clone();
            var result = EffectCatalog.Get(id).Create().Render(
                new EffectInput(document.Pixels, analyze(document.Pixels, default), resources) { SourceFile = input }, settings);
            Assert.Equal(before.Data, document.Pixels.Data); // without the flag the photo is left alone
            ImageFile.Save(document.WithPixels(result.Image), reference);
            Assert.True(File.ReadAllBytes(reference).AsSpan().SequenceEqual(File.ReadAllBytes(output)),
                $"{id}: the runner's flat file differs from the render on a copy");
        });

    /// <summary>The group photo as an 8-bit PNG in a temporary folder (deleted afterwards).</summary>
    private void InFolderWithThePhoto(Action<string, string> test)
    {
        var dir = Directory.CreateTempSubdirectory("retouch-scratch-").FullName;
        try
        {
            var input = Path.Combine(dir, "in.png");
            ImageFile.Save(new ImageDocument(photo.Group.Image, 8, null, null, ImageFormat.Png), input);
            test(dir, input);
        }
        finally { Directory.Delete(dir, true); }
    }
}
