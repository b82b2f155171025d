namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// A condition between parameters that their ranges alone cannot say (e.g. the smallest blemish size must not be
/// above the largest). A descriptor lists its rules; <see cref="EffectDescriptor.Validate"/> checks them, so
/// the CLI, batch (before the first photo) and the effect itself refuse the same settings with the same words.
/// </summary>
public sealed record SettingsRule(string Summary, Func<EffectSettings, string?> Problem)
{
    /// <summary><paramref name="lower"/> must not be above <paramref name="upper"/>.</summary>
    public static SettingsRule NotAbove(EffectParameter lower, EffectParameter upper) => new(
        $"{lower.Name} <= {upper.Name}",
        s => s.Get(lower) <= s.Get(upper) ? null
            : $"'{lower.Name}' {s.Get(lower):0.##} is larger than '{upper.Name}' {s.Get(upper):0.##}; the smallest cannot be above the largest");
}
