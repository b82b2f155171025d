using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shared.Effects;

/// <summary>How one attempt heals a spot.</summary>
internal enum HealMethod
{
    /// <summary>The spot's smooth profile divided out (<see cref="SpotDivision"/>), as a bump read against a ring near its
    /// core (<see cref="SpotModel"/>): the skin's own pores stay.</summary>
    Division,

    /// <summary>Texture copied from a clean patch nearby, blended by a membrane (<see cref="HealingBrush"/>).</summary>
    Patch,
}

/// <summary>
/// One try at healing a spot at full resolution: a window of the photo just large enough for the heal (for a patch, its
/// search around the hole), copied out and healed (the photo itself is not touched), with the heal's check
/// (<see cref="HealCheck"/>) against the spot as it was.
/// </summary>
internal sealed record HealAttempt(PixelRect Window, PlanarImage Pixels, PlanarImage Healed, HealCheck Before, HealCheck After, float Shows, HealMethod Method)
{
    /// <summary>
    /// What a division may leave unexplained inside the hole, as a multiple of the ring's texture (RMS), before the spot
    /// counts as having its own hard structure (a mole's sharp edge, a hair across it) that a patch heals better.
    /// </summary>
    public const float MaxDivisionResidual = 1.2f;

    /// <summary>
    /// The low band of a red mark's shading given back to its patch (<see cref="MarkShading"/>), in holes (Gaussian sigma).
    /// Quality bench (spots), per-spot visibility removed by the pipeline (70.7 % without any; the light added before the
    /// halo lift): 0.35: 71.9 %, 0.5: 71.8 %, 0.75: 71.5 %. Narrower bands copy red's own detail (a light line along a hair
    /// edge) rather than the skin's shading.
    /// </summary>
    public const float ShadingBand = 0.5f;

    /// <summary>
    /// Heals a copy of the window around <paramref name="spot"/> (rectangle pixels): by division, or with patch
    /// <paramref name="choice"/>; null when the window is empty, or when a division does not fit the spot (no skin
    /// ring to take a background from, or a residual above <see cref="MaxDivisionResidual"/>). The source mask comes
    /// from the working size (nearest sample), the gate from the analysis' full-resolution face skin.
    /// <paramref name="before"/> null: measured here, on this window's pixels. A red mark's halo is lifted (<see cref="HaloStep"/>)
    /// before the check.
    /// </summary>
    public static HealAttempt? Run(PlanarImage image, PlanarImage faceSkin, PlanarImage lowSource, PixelRect rect,
        float sx, float sy, PlanarImage healed, Blemish spot, float hole, HealMethod method, int choice, HealCheck? before,
        PatchRanking? ranking = null)
    {
        float outer = HealingBrush.OuterRadius(hole);
        // A red mark's division takes the same disk as its patch: its halo goes by the chroma lift first. (It reached 1.5x
        // wider before the lift came first; seeds benchmark, held-out per-spot visibility removed at 1.5x 67.9 %, 1.25x
        // 68.0 %, 1x 68.1 %, spots still visible 906 -> 897 of 1,244, skin PSNR 36.55 -> 36.66 dB; seed 5 72.3 -> 72.2 %.)
        var window = WindowAround(rect, spot, Reach(hole, method));
        if (window.Width <= 0 || window.Height <= 0) return null;
        int x0 = window.X - rect.X, y0 = window.Y - rect.Y;
        var pixels = window.RgbCrop(image);
        var source = method == HealMethod.Patch ? new PlanarImage(window.Width, window.Height, 1) : null;
        var gate = new PlanarImage(window.Width, window.Height, 1);
        for (int y = 0; y < window.Height; y++)
        {
            int ly = Math.Min(lowSource.Height - 1, (int)((y0 + y + 0.5f) * sy));
            var skinRow = faceSkin.Row(0, window.Y + y).Slice(window.X, window.Width);
            for (int x = 0; x < window.Width; x++)
            {
                // A spot the retoucher pointed at is healed wherever it lies (off the face-skin mask's reach too).
                gate.Data[y * window.Width + x] = spot.Request >= 0 ? 1 : GateOf(skinRow[x]);
                if (source is null) continue;
                int lx = Math.Min(lowSource.Width - 1, (int)((x0 + x + 0.5f) * sx));
                source.Data[y * window.Width + x] = lowSource.Data[ly * lowSource.Width + lx];
            }
        }
        float cx = spot.X - x0, cy = spot.Y - y0;
        var spotBefore = before ?? HealCheck.Measure(pixels, cx, cy, hole);
        // The photo's healed mask so far over the window (other spots' heals, another face's where faces meet); the
        // heal max-es its weights into this copy, which is pasted back only if this attempt is kept.
        var healedWindow = healed.Crop(window.X, window.Y, window.Width, window.Height);
        // A red mark's patch gets back the light its red channel had under the mark (MarkShading), at half the hole: the
        // skin's highlight that the membrane from the rim loses.
        MarkShading? shading = null;
        if (method == HealMethod.Division)
        {
            // A red mark's redness goes by chroma first, over its core and halo alike (the lift is round, and red, the light
            // under the mark, stays); the division then takes out the light the mark took, which the lift leaves. Seeds
            // benchmark, per-spot visibility removed on the held-out seeds: 67.4 -> 67.5 %, spots still visible 917 -> 905 of
            // 1,244 (fewer or as many on each of the eight seeds; seed 5: 72.0 -> 72.3 %).
            if (spot.Kind == BlemishKind.Red) HaloStep.Lift(pixels, gate, healedWindow, cx, cy, hole);
            var division = SpotDivision.Estimate(pixels, gate, cx, cy, hole, outer, HealCheck.Band(hole));
            if (division is null || division.Residual > MaxDivisionResidual) return null;
            if (spot.Faint && !FaintSpotGate.Admits(division)) return null;
            division.Apply(pixels, gate, healedWindow);
        }
        else
        {
            shading = spot.Kind == BlemishKind.Red ? MarkShading.Before(pixels, cx, cy, hole, outer, MathF.Max(1, ShadingBand * hole)) : null;
            HealingBrush.Heal(pixels, source!, gate, healedWindow, cx, cy, hole, choice, ranking);
        }
        // A red mark's halo reaches past any heal of its core: lifted by chroma before the check, which otherwise kept the
        // attempts whose core came out darker (less red against the halo left around it). After a division it lifts what
        // the first lift and the division left.
        if (spot.Kind == BlemishKind.Red) HaloStep.Lift(pixels, gate, healedWindow, cx, cy, hole);
        // The light after the lift: grey light added first dilutes the halo's chroma dip the lift reads (72.0 % of the
        // bench's per-spot visibility removed against 71.8 % before the lift). The lift leaves red as it is.
        shading?.Restore(pixels, gate);
        var after = HealCheck.Measure(pixels, cx, cy, hole);
        return new HealAttempt(window, pixels, healedWindow, spotBefore, after, after.Shows(spotBefore), method);
    }

    /// <summary>How much of a heal a pixel takes from its face-skin value: fully from a quarter on (the mask's soft rim).</summary>
    public static float GateOf(float skin) => Math.Clamp(skin * 4, 0, 1);

    /// <summary>
    /// The photo pixels any attempt at <paramref name="spot"/> with a hole of <paramref name="hole"/> pixels may read or
    /// write: spots whose bounds do not meet can be healed at the same time.
    /// </summary>
    public static PixelRect Bounds(PixelRect rect, Blemish spot, float hole) =>
        WindowAround(rect, spot, Math.Max(Reach(hole, HealMethod.Patch), Reach(hole, HealMethod.Division)));

    /// <summary>A patch is searched up to 4 outer radii away; a division and the check reach 3 bands past the heal.</summary>
    private static int Reach(float hole, HealMethod method)
    {
        float outer = HealingBrush.OuterRadius(hole);
        int heal = method == HealMethod.Patch ? (int)MathF.Ceiling(5 * outer) + 5
            : (int)MathF.Ceiling(outer + 3 * HealCheck.Band(hole)) + 3;
        // Every attempt may lift a red mark's halo after its heal (HaloStep), which reads that far.
        return Math.Max(heal, HaloStep.Extent(hole));
    }

    /// <summary>The square of <paramref name="reach"/> pixels around the spot (rectangle pixels), clipped to the rectangle, in photo pixels.</summary>
    private static PixelRect WindowAround(PixelRect rect, Blemish spot, int reach)
    {
        int x0 = Math.Max(0, (int)MathF.Floor(spot.X) - reach), y0 = Math.Max(0, (int)MathF.Floor(spot.Y) - reach);
        int x1 = Math.Min(rect.Width, (int)MathF.Ceiling(spot.X) + reach + 1), y1 = Math.Min(rect.Height, (int)MathF.Ceiling(spot.Y) + reach + 1);
        return new PixelRect(rect.X + x0, rect.Y + y0, Math.Max(0, x1 - x0), Math.Max(0, y1 - y0));
    }
}
