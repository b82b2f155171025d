namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The de-wrinkle's sliders. Strength mixes the result in (0 = the photo unchanged); fine and coarse are how
/// much of the fold band goes where small (0.5-0.8 % of the person's height) and large (1.3-2 %) folds are
/// found; protect keeps prints, coloured seams and step edges (0 = no protection). WorkingHeight is the
/// person's height in pixels at which the layer is computed (never above the photo's own resolution).
/// </summary>
public sealed record DewrinkleSettings
{
    public float Strength { get; init; } = 1f;
    public float Fine { get; init; } = 1f;
    public float Coarse { get; init; } = 1f;
    public float Protect { get; init; } = 0.8f;
    public int WorkingHeight { get; init; } = 1024;

    public void Validate()
    {
        Check(Strength, nameof(Strength)); Check(Fine, nameof(Fine)); Check(Coarse, nameof(Coarse)); Check(Protect, nameof(Protect));
        if (WorkingHeight is < 256 or > 4096) throw new ArgumentOutOfRangeException(nameof(WorkingHeight), WorkingHeight, "working height must be 256..4096 px");
    }

    private static void Check(float value, string name)
    {
        if (!(value >= 0 && value <= 1)) throw new ArgumentOutOfRangeException(name, value, $"{name} must be between 0 and 1");
    }
}
