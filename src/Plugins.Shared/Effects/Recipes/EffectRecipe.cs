using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// One step of a recipe: an effect, its share of the progress bar, and the recipe parameter that turns it
/// on (a toggle, or an amount: the step runs when the value is not 0; null = always).
/// </summary>
public sealed record RecipeStep(IInPlaceEffect Effect, double Share, string? EnabledBy = null);

/// <summary>
/// An effect made of declared steps that run one after another on a single copy of the photo (e.g. the
/// one-action skin retouch: blemishes, then evening, then whitening). Each step gets the recipe's values
/// for the parameters it knows (by name) and its own defaults for the rest. Masks come back in the order
/// the recipe's descriptor lists them; step messages are joined.
/// </summary>
public sealed class EffectRecipe(EffectDescriptor descriptor, params RecipeStep[] steps) : IPortraitEffect
{
    private readonly RecipeCheckpoints _checkpoints = new();

    public EffectDescriptor Descriptor => descriptor;

    public IReadOnlyList<RecipeStep> Steps => steps;

    public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        if (descriptor.Needs.HasFlag(AnalysisNeeds.Faces) && !FaceEffects.Check(input, descriptor).HasFaces)
            return new EffectResult(input.Image.Clone(), [], FaceEffects.NoFaces);

        // A preview rendered again with only a later step's values changed starts after the unchanged steps.
        bool checkpoint = RecipeCheckpoints.Applies(input);
        var keys = checkpoint ? steps.Select(s => RecipeCheckpoints.Key(s, settings)).ToArray() : [];
        var (skip, resumed, masks, messages) = checkpoint ? _checkpoints.Resume(input, keys) : (0, null, [], []);
        var current = resumed ?? input.WorkingImage(WholePhotoMasksRead(settings)); // one copy at most, every step works on it in place
        double total = steps.Sum(s => s.Share), done = steps.Take(skip).Sum(s => s.Share);
        for (int i = skip; i < steps.Length; i++)
        {
            var step = steps[i];
            double from = done / total, to = (done += step.Share) / total;
            if (Enabled(step, settings))
            {
                cancellation.ThrowIfCancellationRequested();
                var result = step.Effect.RenderInPlace(current, input, settings.For(step.Effect.Descriptor.Parameters), Part(progress, from, to), cancellation);
                current = result.Image;
                masks.AddRange(result.Masks);
                if (result.Message is not null) messages.Add(result.Message);
            }
            if (checkpoint && i < steps.Length - 1) _checkpoints.Keep(input, i, keys[i], current, masks, messages);
        }
        progress?.Report(1);
        var order = descriptor.Masks.ToArray();
        var ordered = masks.OrderBy(m => Array.IndexOf(order, m.Kind) is var i && i < 0 ? int.MaxValue : i).ToList();
        return Selection.Limit(input, new EffectResult(current, ordered, messages.Count == 0 ? null : string.Join("; ", messages)));
    }

    /// <summary>What the enabled steps read of the whole-photo masks (<see cref="IInPlaceEffect.WholePhotoMasksRead"/>).</summary>
    public WholePhotoMasks WholePhotoMasksRead(EffectSettings settings) =>
        steps.Where(s => Enabled(s, settings))
            .Aggregate(WholePhotoMasks.None, (read, s) => read | s.Effect.WholePhotoMasksRead(settings.For(s.Effect.Descriptor.Parameters)));

    private static bool Enabled(RecipeStep step, EffectSettings settings) => step.EnabledBy is not { } toggle || settings.Get(toggle) != 0;

    private static IProgress<double>? Part(IProgress<double>? progress, double from, double to) =>
        progress is null ? null : new ScaledProgress(progress, from, to);
}
