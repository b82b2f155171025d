using System.Globalization;
using System.Text;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// What a recipe instance keeps between renders of the same preview: the image and masks after each step but the
/// last, with the step settings that made them. A slider move on a later step (the skin retouch's strength) then
/// starts from the checkpoint instead of re-running the earlier steps (blemish healing). Only for inputs the host
/// marks <see cref="EffectInput.LivePreview"/> and up to <see cref="MaxPixels"/> (screen-sized previews, re-rendered on
/// every slider move with the very same image, analysis and selection objects); other renders keep nothing.
/// Thread-safe; one per recipe instance.
/// </summary>
internal sealed class RecipeCheckpoints
{
    /// <summary>A 4K preview; each checkpoint is a copy of the image (12 bytes a pixel), so at most 100 MB per step here.</summary>
    public const long MaxPixels = 3840L * 2160;

    private readonly object _gate = new();
    private EffectInput? _input;
    private readonly List<(string Key, PlanarImage Image, NamedMask[] Masks, string[] Messages)> _after = [];

    public static bool Applies(EffectInput input) => input.LivePreview && (long)input.Image.Width * input.Image.Height <= MaxPixels;

    /// <summary>What identifies a step's work: whether it runs and every value it reads.</summary>
    public static string Key(RecipeStep step, EffectSettings recipe)
    {
        var key = new StringBuilder();
        if (step.EnabledBy is { } toggle) key.Append(CultureInfo.InvariantCulture, $"{toggle}={recipe.Get(toggle)};");
        var own = recipe.For(step.Effect.Descriptor.Parameters);
        foreach (var p in own.Parameters)
            key.Append(p.Name).Append('=').Append(p.IsNumeric ? own.Get(p).ToString("R", CultureInfo.InvariantCulture) : own.GetText(p)).Append(';');
        return key.ToString();
    }

    /// <summary>
    /// The longest run of leading steps whose keys match what is kept for this very input: how many steps to skip,
    /// and a copy of the image after them with their masks and messages; (0, null) when nothing matches.
    /// </summary>
    public (int Steps, PlanarImage? Image, List<NamedMask> Masks, List<string> Messages) Resume(EffectInput input, IReadOnlyList<string> keys)
    {
        lock (_gate)
        {
            if (!Same(_input, input)) return (0, null, [], []);
            int n = 0;
            while (n < _after.Count && n < keys.Count && _after[n].Key == keys[n]) n++;
            if (n == 0) return (0, null, [], []);
            var last = _after[n - 1];
            return (n, last.Image.Clone(), [.. last.Masks], [.. last.Messages]);
        }
    }

    /// <summary>Keeps the state after step <paramref name="index"/> (dropping what was kept after it for other settings).</summary>
    public void Keep(EffectInput input, int index, string key, PlanarImage image, IEnumerable<NamedMask> masks, IEnumerable<string> messages)
    {
        lock (_gate)
        {
            if (!Same(_input, input))
            {
                _input = input;
                _after.Clear();
            }
            if (index > _after.Count) return; // an earlier step was not kept: this one cannot be resumed from
            _after.RemoveRange(index, _after.Count - index);
            _after.Add((key, image.Clone(), masks.ToArray(), messages.ToArray()));
        }
    }

    private static bool Same(EffectInput? kept, EffectInput input) => kept is not null && ReferenceEquals(kept.Image, input.Image)
        && ReferenceEquals(kept.Analysis, input.Analysis) && ReferenceEquals(kept.Selection, input.Selection) && ReferenceEquals(kept.Resources, input.Resources);
}
