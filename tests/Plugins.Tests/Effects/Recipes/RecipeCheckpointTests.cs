using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Tests.Batch;

namespace RetouchPlugins.Tests.Effects.Recipes;

/// <summary>
/// A recipe instance rendering the same preview again starts after the steps whose values did not change; the
/// result must be exactly what a fresh instance renders, whichever step's value moved.
/// </summary>
public sealed class RecipeCheckpointTests
{
    [Fact]
    public void A_slider_move_on_a_later_step_gives_the_same_pixels_as_a_fresh_render()
    {
        var image = BatchTestFiles.FaceCrop();
        var input = new EffectInput(image, BatchTestFiles.FaceCropAnalysis(image)) { LivePreview = true };
        var reused = SkinRecipe.Create();
        EffectSettings With(params (string Name, double Value)[] values)
        {
            var s = SkinRecipe.Info.DefaultSettings();
            foreach (var (name, value) in values) s.Set(name, value);
            return s;
        }

        foreach (var settings in new[]
                 {
                     With(("strength", 0.8)),
                     With(("strength", 0.3)),                        // the evening step moved: blemishes resumed
                     With(("strength", 0.3), ("whiten", 0.5)),       // the last step moved
                     With(("strength", 0.3), ("sensitivity", 0.9)),  // the first step moved: everything again
                     With(("strength", 0.3), ("blemishes", 0)),      // the first step turned off
                     With(("strength", 0.6)),
                 })
        {
            var again = reused.Render(input, settings);
            var fresh = SkinRecipe.Create().Render(input, settings);
            Assert.Equal(fresh.Image.Data, again.Image.Data);
            Assert.Equal(fresh.Masks.Select(m => m.Kind), again.Masks.Select(m => m.Kind));
            foreach (var (a, b) in fresh.Masks.Zip(again.Masks)) Assert.Equal(a.Mask.Data, b.Mask.Data);
            Assert.Equal(fresh.Message, again.Message);
        }
        Assert.NotEqual(SkinRecipe.Create().Render(input, With(("strength", 0.8))).Image.Data, image.Data); // the test renders real changes
    }

    [Theory]
    [InlineData(true, 1)]   // a live preview: the first step's result is kept and reused
    [InlineData(false, 2)]  // any other render: nothing is kept, every step runs again
    public void Only_a_live_preview_resumes_and_then_the_unchanged_step_does_not_run_again(bool livePreview, int firstStepRuns)
    {
        var first = new CountingStep("first", "a");
        var second = new CountingStep("second", "b");
        var recipe = new EffectRecipe(new EffectDescriptor("test-recipe", "Test recipe", "Two counting steps.", [first.Parameter, second.Parameter], [], AnalysisNeeds.None),
            new RecipeStep(first, 1), new RecipeStep(second, 1));
        var input = new EffectInput(new PlanarImage(4, 3, 3), null) { LivePreview = livePreview };

        var once = recipe.Render(input, recipe.Descriptor.DefaultSettings().Set("b", 0.2));
        var twice = recipe.Render(input, recipe.Descriptor.DefaultSettings().Set("b", 0.7));

        Assert.Equal((firstStepRuns, 2), (first.Runs, second.Runs));
        Assert.Equal(0.2f + 0.5f, once.Image.Data[0], 5); // a's default 0.5 added, then b
        Assert.Equal(0.7f + 0.5f, twice.Image.Data[0], 5);
    }

    /// <summary>Adds its parameter's value to every sample and counts its runs.</summary>
    private sealed class CountingStep(string id, string parameter) : IInPlaceEffect
    {
        public EffectParameter Parameter { get; } = new(parameter, parameter, ParameterKind.Number, 0.5, 0, 1, "Added to every sample.");
        public int Runs { get; private set; }
        public EffectDescriptor Descriptor => new(id, id, id, [Parameter], [], AnalysisNeeds.None);

        public EffectResult RenderInPlace(PlanarImage output, EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default)
        {
            Runs++;
            for (int i = 0; i < output.Data.Length; i++) output.Data[i] += settings.GetFloat(Parameter);
            return new EffectResult(output, []);
        }

        public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default) =>
            RenderInPlace(input.Image.Clone(), input, settings, progress, cancellation);

        public WholePhotoMasks WholePhotoMasksRead(EffectSettings settings) => WholePhotoMasks.None;
    }
}
