namespace RetouchPlugins.Shared.Effects.Stylize;

/// <summary>
/// Typed settings of the exemplar stylize effect.
/// Threshold: StyleBlit's acceptance threshold in FaceBlit's 8-bit guide-error units (larger: bigger copied
/// chunks, more of the style's strokes, looser structure; 0: the position-only mapping).
/// BlendRadius: the voting window is (2r + 1)²; 0 copies without blending.
/// Seed: the seed grids' jitter; the same seed gives the same picture.
/// KeepBackground: the photo outside the head is kept bit-exact; off, the area around the head gets a
/// position-only pass of the style.
/// </summary>
public sealed record StylizeSettings(float Threshold = 24, int BlendRadius = 1, int Seed = 0, bool KeepBackground = true)
{
    public void Check()
    {
        if (!(Threshold >= 0) || Threshold > 1000) throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "threshold must be between 0 and 1000");
        if (BlendRadius is < 0 or > 3) throw new ArgumentOutOfRangeException(nameof(BlendRadius), BlendRadius, "blend radius must be 0 to 3");
    }
}
