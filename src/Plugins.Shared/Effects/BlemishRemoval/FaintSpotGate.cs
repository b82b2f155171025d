using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Whether a faint dark spot (<see cref="Blemish.Faint"/>, below the detector's threshold) is healed: only when its
/// division (<see cref="SpotDivision"/>) fits it closely and it stands well out of the skin's texture, i.e. a smooth round
/// dip on plain skin. Below the threshold the detector also finds shading in a crease, the edge of hair or a shadow beside
/// an eye, which a division would flatten; those fit worse or stand out less.
/// </summary>
internal static class FaintSpotGate
{
    /// <summary>
    /// The division's residual at most and its prominence at least. On the quality bench (seed 5) the divisions of the 50
    /// faint places that pass the detector's shape tests meet both for 4 painted spots (prominence 8.5-11.7, residual
    /// 0.46-0.82) and no other place; with the residual at 1.2 (a strong spot's limit) the same spots and two other places
    /// (a purple shadow beside an eye at prominence 9.5); without the prominence test, 6 painted spots and about 40 other
    /// places (per-spot visibility removed 71.1 % against 70.7 % with the gate, skin PSNR the same to 0.02 dB). The
    /// prominence was 6 until the plane test's nearer ring (<see cref="BlemishDetector.PlaneRingInner"/>) let more faint
    /// spots through to the gate; seeds benchmark, held-out per-spot visibility removed and places of the clean photos
    /// healed over the eight seeds: 7: 70.3 %, 936; 6: 70.6 %, 944; 5: 70.9 %, 982; 4: 71.2 %, 1,094 (and 8 of sample6's
    /// 27 faint places healed, against 2 at 5 and 6). Skin PSNR within 0.01 dB at each.
    /// </summary>
    public const float MaxResidual = 1f, MinProminence = 5f;

    /// <summary>Why a faint spot was not healed, in <see cref="BlemishDiagnostics"/>.</summary>
    public const string Refusal = "faint: no close division";

    /// <summary>Whether <paramref name="division"/>, estimated for a faint spot, lets it be healed.</summary>
    public static bool Admits(SpotDivision division) => division.Residual <= MaxResidual && division.Prominence >= MinProminence;

    /// <summary>
    /// The gate on the detection's working copy (<paramref name="rgb"/>, with the heal's <paramref name="gate"/> at that
    /// size), before any full-resolution attempt: on a reduced face (a 24 MP close-up) a division at full resolution costs
    /// 10-40 ms, and most faint places are refused. On faces at working size (the quality bench's) it is the same test as
    /// the full-resolution one.
    /// </summary>
    public static bool Admits(PlanarImage rgb, PlanarImage gate, Blemish spot)
    {
        float hole = BlemishRemovalEffect.HoleRadius(spot), outer = HealingBrush.OuterRadius(hole);
        // Only the free profile's residual and prominence are read: no bump fitted.
        var division = SpotDivision.Estimate(rgb, gate, spot.X, spot.Y, hole, outer, HealCheck.Band(hole), bump: false);
        return division is not null && Admits(division);
    }
}
