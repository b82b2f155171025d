using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.StyleBlit;

/// <summary>
/// Parameters of StyleBlit synthesis. The guide error between a target pixel p and a style pixel s is
/// <c>PositionWeight · (|Tx(p) − sx| + |Ty(p) − sy|) + Σ_c FeatureWeights[c] · 255 · |T_c(p) − S_c(s)|</c>,
/// in FaceBlit's 8-bit units: with <see cref="PositionWeight"/> = 10·256 / (frame width), a one-level
/// feature difference costs the same as in the reference code, and <see cref="Threshold"/> keeps its scale.
/// </summary>
public sealed record StyleBlitOptions
{
    /// <summary>A copy is accepted where the guide error is below this; 0 accepts none (the position-only mapping).</summary>
    public float Threshold { get; init; } = 40;

    /// <summary>Error per style pixel of positional mismatch.</summary>
    public float PositionWeight { get; init; } = 3.3f;

    /// <summary>Weight of each feature plane (length = the guides' feature plane count).</summary>
    public float[] FeatureWeights { get; init; } = [];

    /// <summary>Seed levels: spacing 2^(Levels−1) down to 1 (StyleBlit: 7 levels, 64 … 1).</summary>
    public int Levels { get; init; } = 7;

    /// <summary>The per-seed search looks this far (L1, style pixels) around the positional prediction.</summary>
    public int SearchRadius { get; init; } = 40;

    /// <summary>
    /// Spacing of the lookup's first pass: candidates on a grid of this spacing around the prediction, then the
    /// best refined at half the spacing down to 1 px (8 neighbours each). 1 searches every pixel. A larger step
    /// fits guides whose detail is coarser than a pixel (a large face: the effect scales it with the face width),
    /// and divides the lookup's cost by about step².
    /// </summary>
    public int SearchStep { get; init; } = 1;

    /// <summary>
    /// Cell size (style pixels) of the seed lookup table (<see cref="SeedLookupTable"/>, kept by the style): 0 makes
    /// every lookup the full search. With a table, a lookup is the entry for the pixel's (position cell, appearance
    /// level) refined around it, and needs guides of one packed word (up to 8 planes) whose planes after the first
    /// vary slowly with position (segmentation); other pixels take the full search.
    /// </summary>
    public int LookupCell { get; init; }

    /// <summary>
    /// Style pixels per target pixel: 1 when target and style guides have the same resolution; 2 when the target's
    /// guide is at half the style's resolution (its positional guide still names full-resolution style pixels, those
    /// of each target pixel's top-left child). A chunk copy then moves <c>Stride</c> style pixels per target pixel,
    /// so a field made on the half-resolution target, up-sampled by adding each child's offset from its parent,
    /// copies full-resolution style pixels with pixel-exact chunk borders (<see cref="HalfResolution"/>).
    /// </summary>
    public int TargetStride { get; init; } = 1;

    /// <summary>Seeds the jitter of the seed grids: the same seed gives the same result.</summary>
    public ulong Seed { get; init; }

    public KernelOptions? Kernel { get; init; }

    internal void Check(int featurePlanes)
    {
        if (FeatureWeights.Length != featurePlanes)
            throw new ArgumentException($"{FeatureWeights.Length} feature weights for {featurePlanes} feature planes");
        if (!(Threshold >= 0) || !float.IsFinite(Threshold)) throw new ArgumentOutOfRangeException(nameof(Threshold), Threshold, "threshold must be 0 or more");
        if (!(PositionWeight > 0) || !float.IsFinite(PositionWeight)) throw new ArgumentOutOfRangeException(nameof(PositionWeight), PositionWeight, "position weight must be positive");
        if (FeatureWeights.Any(w => !(w >= 0) || !float.IsFinite(w))) throw new ArgumentOutOfRangeException(nameof(FeatureWeights), "feature weights must be 0 or more");
        if (Levels is < 1 or > 12) throw new ArgumentOutOfRangeException(nameof(Levels), Levels, "1 to 12 levels");
        if (SearchStep is < 1 or > 16) throw new ArgumentOutOfRangeException(nameof(SearchStep), SearchStep, "search step 1 to 16");
        if (LookupCell is < 0 or > 64) throw new ArgumentOutOfRangeException(nameof(LookupCell), LookupCell, "lookup cell 0 (no table) to 64");
        if (TargetStride is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(TargetStride), TargetStride, "target stride 1 to 4");
        if (SearchRadius is < 0 or > 512) throw new ArgumentOutOfRangeException(nameof(SearchRadius), SearchRadius, "search radius 0 to 512");
    }
}
