using RetouchPlugins.Shared.Effects;
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
        var input = new EffectInput(image, BatchTestFiles.FaceCropAnalysis(image));
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
}
