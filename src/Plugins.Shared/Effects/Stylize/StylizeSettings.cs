namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Typed settings of the exemplar stylize effect.
/// Threshold: StyleBlit's acceptance threshold in FaceBlit's 8-bit guide-error units (larger: bigger copied
/// chunks, more of the style's strokes, looser structure; 0: the position-only mapping).
/// BlendRadius: the voting window is (2r + 1)²; 0 copies without blending.
/// Seed: the seed grids' jitter; the same seed gives the same picture.
/// KeepBackground: the photo outside the head is kept bit-exact; off, the area around the head gets a
/// position-only pass of the style.
/// Strength: how much of the stylized head is blended over the photo (0 returns the photo unchanged).
/// </summary>
public sealed record StylizeSettings(float Threshold = 24, int BlendRadius = 1, int Seed = 0, bool KeepBackground = true, float Strength = 1)
{
    /// <summary>
    /// Faces wider than this (pixels) get their correspondence field at half resolution (null: the effect's
    /// choice, <see cref="ExemplarStylizer.HalfResolutionFaceWidth"/>). Tests and the benchmark set it to run
    /// either path on the same face.
    /// </summary>
    internal float? HalfResolutionAbove { get; init; }

    public void Check()
    {
        if (!(Strength >= 0) || Strength > 1) throw new ArgumentOutOfRangeException(nameof(Strength), Strength, "strength must be between 0 and 1");
        if (!(Threshold >= 0) || Threshold > 1000) throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "threshold must be between 0 and 1000");
        if (BlendRadius is < 0 or > 3) throw new ArgumentOutOfRangeException(nameof(BlendRadius), BlendRadius, "blend radius must be 0 to 3");
    }
}
