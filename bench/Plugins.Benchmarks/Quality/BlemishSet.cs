using RetouchPlugins.Shaders;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>
/// One synthetic-blemish test image: the clean photo (the reference), the same photo with blemishes painted in
/// (8-bit, as a file would hold it) and the ground truth: where the spots and acne changed the photo by more than
/// one 8-bit level (their whole footprint, halos included), where by more than 8 levels (their visible cores), where the redness patches did, and the blemish-free face skin that the texture metric reads.
/// </summary>
public sealed record BlemishSet(
    PlanarImage Clean,
    PlanarImage Blemished,
    PlanarImage SpotMask,
    PlanarImage SpotCoreMask,
    PlanarImage RednessMask,
    PlanarImage CleanSkin,
    IReadOnlyList<PaintedBlemish> Blemishes);

public enum BlemishKind { DarkSpot, Acne, Redness }

/// <summary>One painted blemish: kind, centre (photo pixels), radius, strength and the zone of the face it was placed in.</summary>
public sealed record PaintedBlemish(BlemishKind Kind, float X, float Y, float Radius, float Strength, SpotZone Zone);
