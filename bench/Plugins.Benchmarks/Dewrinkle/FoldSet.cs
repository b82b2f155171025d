using RetouchPlugins.Shaders;

namespace RetouchPlugins.Benchmarks.Dewrinkle;

/// <summary>One painted fold: centre, direction (radians), length and width (sigma) in pixels, depth (log luminance), with or without a lit crest.</summary>
public sealed record PaintedFold(float X, float Y, float Angle, float Length, float Width, float Depth, bool Crest, float Bend);

/// <summary>
/// A synthetic-fold case: <see cref="Reference"/> is the clean photo with the printed patch and seam (what a
/// perfect de-wrinkle returns), <see cref="Folded"/> the same with the folds, rounded to 8 bits. Masks:
/// where the folds changed the photo by more than one level, the pattern patch's edges, the garment.
/// <see cref="Shade"/> is the painted folds' log-luminance change (0 where there is no fold); <see cref="Overlaps"/>
/// how many folds each reach the support shade at a pixel (2 or more: folds crossing or lying side by side, a blob).
/// </summary>
public sealed record FoldSet(PlanarImage Reference, PlanarImage Folded, PlanarImage FoldMask, PlanarImage PatternEdges,
    PlanarImage Garment, IReadOnlyList<PaintedFold> Folds, float PersonHeight, PlanarImage Shade, PlanarImage Overlaps);
