using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shared.Effects;

public enum BlemishKind { Dark, Red }

/// <summary>A detected blemish: centre and radius in the pixels of the image it was found in.</summary>
public sealed record Blemish(float X, float Y, float Radius, float Score, BlemishKind Kind)
{
    /// <summary>
    /// A dark spot below the detector's threshold (from <see cref="BlemishDetector.FaintDarkSpot"/> of it): healed only by a
    /// division that fits it closely (<see cref="FaintSpotGate"/>), never by a patch.
    /// </summary>
    public bool Faint => Score < 1;

    /// <summary>The index of the point a retoucher asked to heal that this spot answers (<see cref="BlemishDetector.AtRequests"/>); -1 when the detector found it.</summary>
    public int Request { get; init; } = -1;
}

/// <summary>What the detector looks for; sizes are diameters as a share of the face width.</summary>
public sealed record BlemishDetectorSettings(float Sensitivity = 0.5f, float MinSize = 0.005f, float MaxSize = 0.04f, int MaxCount = 300);

/// <summary>
/// Multi-scale centre-surround blob detection on two channels: luminance (dark spots: centre darker
/// than the ring around it) and redness R − G (red bumps: centre redder than its ring). Each scale
/// compares a box mean of the blob's core with the mean of a ring about 2.5 radii out (a difference of
/// boxes, the O(1) stand-in for a DoG). A pixel's threshold is the larger of a fixed contrast and a
/// multiple of the local texture level, so pores and skin grain do not count as blemishes. Candidates
/// must be local maxima, sit on skin away from the features, and be surrounded on all four sides
/// (which rejects shadow edges and strands of hair).
/// </summary>
public static partial class BlemishDetector
{
    /// <summary>
    /// The detector's response maps: per pixel the strongest ring-minus-core contrast over the scales (dark on luma, red on
    /// R − G) as a multiple of what it must exceed there (1 = the threshold), with the scale and the kind that gave it.
    /// </summary>
    private sealed record Responses(PlanarImage Luma, PlanarImage Red, float[] Best, float[] BestRadius, float[] BestKind, float RMin, float RMax);

    private static Responses Respond(PlanarImage rgb, float faceWidth, BlemishDetectorSettings settings, CancellationToken cancellation)
    {
        int w = rgb.Width, h = rgb.Height, n = w * h;
        var luma = new PlanarImage(w, h, 1);
        var red = new PlanarImage(w, h, 1);
        for (int i = 0; i < n; i++)
        {
            float r = rgb.Data[i], g = rgb.Data[n + i], b = rgb.Data[2 * n + i];
            luma.Data[i] = 0.299f * r + 0.587f * g + 0.114f * b;
            red.Data[i] = r - g;
        }

        float s = Math.Clamp(settings.Sensitivity, 0, 1);
        // At the default 0.5: 0.035 of luma and 0.026 of R−G, so faint brown spots and an acne mark's halo count, and 3x
        // the local texture, so pores do not. (Before issue 13 the default floors were 0.0575 and 0.042: faint spots stayed.)
        float darkFloor = Lerp(0.06f, 0.01f, s), redFloor = Lerp(0.045f, 0.008f, s), textureFactor = Lerp(4f, 2f, s);
        var texture = TextureLevel(luma, TextureRadius(faceWidth));

        var best = new float[n];
        var bestRadius = new float[n];
        var bestKind = new float[n]; // 0 dark, 1 red
        var (rMin, rMax) = Radii(faceWidth, settings);
        // What a response must exceed, per pixel, whatever the scale: a floor or a multiple of the local texture.
        var darkDenominator = new float[n];
        var redDenominator = new float[n];
        for (int i = 0; i < n; i++)
        {
            float t = textureFactor * texture.Data[i];
            darkDenominator[i] = MathF.Max(darkFloor, t);
            redDenominator[i] = MathF.Max(redFloor, 0.6f * t);
        }
        // Seven or so scales of ring-minus-core on two planes: one summed-area table each serves every radius.
        var lumaSums = IntegralImage.Of(luma.Data, w, h);
        var redSums = IntegralImage.Of(red.Data, w, h);
        for (float rho = rMin; rho <= rMax * 1.001f; rho *= 1.4f)
        {
            cancellation.ThrowIfCancellationRequested();
            int rc = Math.Max(1, (int)MathF.Round(0.6f * rho)), rs = Math.Max(rc + 2, (int)MathF.Round(2.5f * rho));
            lumaSums.RingMinusCoreRows(rc, rs, (y, darkResponse) =>
                BestResponse.Keep(darkResponse, darkDenominator.AsSpan(y * w, w), negate: false, rho, 0,
                    best.AsSpan(y * w, w), bestRadius.AsSpan(y * w, w), bestKind.AsSpan(y * w, w)));
            // Per pixel the red test still comes after the dark one, as when both were one loop.
            redSums.RingMinusCoreRows(rc, rs, (y, redResponse) =>
                BestResponse.Keep(redResponse, redDenominator.AsSpan(y * w, w), negate: true, rho, 1,
                    best.AsSpan(y * w, w), bestRadius.AsSpan(y * w, w), bestKind.AsSpan(y * w, w)));
        }
        return new Responses(luma, red, best, bestRadius, bestKind, rMin, rMax);
    }

    /// <summary>The pixels within <paramref name="half"/> of <paramref name="point"/>'s pixel, clipped to the image.</summary>
    private static PixelRect Window(Vector2 point, int half, int width, int height)
    {
        int px = (int)MathF.Round(point.X), py = (int)MathF.Round(point.Y);
        int x0 = Math.Clamp(px - half, 0, width - 1), y0 = Math.Clamp(py - half, 0, height - 1);
        int x1 = Math.Clamp(px + half + 1, x0 + 1, width), y1 = Math.Clamp(py + half + 1, y0 + 1, height);
        return new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }

    /// <summary>The smallest and largest spot radii looked for (pixels): the detector's first and last scale.</summary>
    private static (float Min, float Max) Radii(float faceWidth, BlemishDetectorSettings settings)
    {
        float rMin = MathF.Max(1.25f, settings.MinSize * faceWidth / 2);
        return (rMin, MathF.Max(rMin, settings.MaxSize * faceWidth / 2));
    }

    /// <summary>The box radius over which the skin's texture level is measured (<see cref="TextureLevel"/>).</summary>
    private static int TextureRadius(float faceWidth) => Math.Max(2, (int)(0.04f * faceWidth));

    /// <summary>
    /// How far from a pixel the responses there read (the largest scale's ring, the texture level's box and the 3x3
    /// box under it): a window this much larger than what is searched gives the same responses as the whole photo.
    /// </summary>
    private static int ResponseReach(float faceWidth, BlemishDetectorSettings settings) =>
        (int)MathF.Ceiling(2.5f * Radii(faceWidth, settings).Max) + 1 + TextureRadius(faceWidth) + 2;

    /// <summary>
    /// The spots at points where a retoucher saw one left (<paramref name="requested"/>, pixels of <paramref name="rgb"/>),
    /// taken as spots whatever the shape tests say: the retoucher has looked. At each, the strongest response near the
    /// point, nearer ones preferred (a click lands somewhere on the spot, not on its centre); its radius from the radial
    /// profile, or twice the detector's scale (about a spot's radius) where the profile has no fall-off. A point with
    /// nothing darker or redder than its surroundings near it gives none. Each spot's <see cref="Blemish.Request"/> is its
    /// point's index; none is <see cref="Blemish.Faint"/>.
    /// </summary>
    public static List<Blemish> AtRequests(PlanarImage rgb, float faceWidth, BlemishDetectorSettings settings, IReadOnlyList<Vector2> requested,
        CancellationToken cancellation = default)
    {
        if (requested.Count == 0) return [];
        // Within the largest spot's radius of the point, weighted by a Gaussian of a quarter of it: a pore or a crease
        // beside a faint spot answers a weaker weighting (seeds benchmark, clicks a third of a radius off the centres;
        // seeds 5 / 3 / 7: sigma a half of the reach 77.6 / 75.4 / 76.0 %, a quarter 78.5 / 76.4 / 76.2 %, an eighth
        // 78.5 / 76.3 / 76.3 %; half the reach with a half: 78.0 / 75.7 / 76.2 %).
        var (_, largest) = Radii(faceWidth, settings);
        float reach = MathF.Max(3, largest), sigma = reach / 4;
        int r = (int)MathF.Ceiling(reach);
        // The responses near each point only (a window the responses' own reach larger than what is searched and profiled,
        // EstimateRadius reading at most 2 largest radii + 3 past the spot), unless the windows together cover more than
        // the photo: a few clicks on a close-up's face cost a few small windows, not the whole face again.
        int half = r + Math.Max(ResponseReach(faceWidth, settings), (int)MathF.Ceiling(2 * largest) + 3);
        bool windows = requested.Count * (2L * half + 1) * (2L * half + 1) < (long)rgb.Width * rgb.Height;
        var whole = windows ? null : Respond(rgb, faceWidth, settings, cancellation);
        var spots = new List<Blemish>();
        for (int k = 0; k < requested.Count; k++)
        {
            var window = windows ? Window(requested[k], half, rgb.Width, rgb.Height) : new PixelRect(0, 0, rgb.Width, rgb.Height);
            var (luma, red, best, bestRadius, bestKind, rMin, rMax) = whole ?? Respond(window.RgbCrop(rgb), faceWidth, settings, cancellation);
            int w = window.Width, h = window.Height;
            var p = requested[k] - new Vector2(window.X, window.Y);
            int px = (int)MathF.Round(p.X), py = (int)MathF.Round(p.Y);
            int at = -1; float strongest = 0;
            for (int y = Math.Max(0, py - r); y <= Math.Min(h - 1, py + r); y++)
                for (int x = Math.Max(0, px - r); x <= Math.Min(w - 1, px + r); x++)
                {
                    float d2 = (x - p.X) * (x - p.X) + (y - p.Y) * (y - p.Y);
                    if (d2 > reach * reach) continue;
                    int i = y * w + x;
                    float weighted = best[i] * MathF.Exp(-d2 / (2 * sigma * sigma));
                    if (weighted > strongest) { strongest = weighted; at = i; }
                }
            if (at < 0) continue;
            int cx = at % w, cy = at / w;
            var kind = bestKind[at] == 0 ? BlemishKind.Dark : BlemishKind.Red;
            float radius = EstimateRadius(kind == BlemishKind.Dark ? luma : red, cx, cy, kind, rMax, bestRadius[at]);
            if (float.IsNaN(radius)) radius = Math.Clamp(2 * bestRadius[at], rMin, rMax);
            spots.Add(new Blemish(cx + window.X, cy + window.Y, radius, MathF.Max(1, best[at]), kind) { Request = k });
        }
        return spots;
    }

    /// <summary>
    /// The blemishes of <paramref name="rgb"/> on <paramref name="skin"/>: none is looked for where
    /// <paramref name="keepAway"/> is set, nor a red one where <paramref name="keepRedAway"/> is (default: the same).
    /// </summary>
    public static List<Blemish> Detect(PlanarImage rgb, PlanarImage skin, PlanarImage keepAway, float faceWidth,
        BlemishDetectorSettings settings, CancellationToken cancellation = default, List<BlemishCandidate>? candidates = null,
        PlanarImage? keepRedAway = null)
    {
        int w = rgb.Width, h = rgb.Height, n = w * h;
        var blueOverRedRaw = new PlanarImage(w, h, 1); // skin about 0.5-0.7, brown spots lower, gems and tattoo ink higher
        for (int i = 0; i < n; i++) blueOverRedRaw.Data[i] = rgb.Data[2 * n + i] / MathF.Max(rgb.Data[i], 0.02f);
        var (luma, red, best, bestRadius, bestKind, rMin, rMax) = Respond(rgb, faceWidth, settings, cancellation);
        var blueOverRed = BoxFilter.Apply(blueOverRedRaw, 1); // over 3x3, so that one noisy dark pixel does not count
        var lumaNear = BoxFilter.Apply(luma, 1); // the same 3x3, to tell a white highlight's B/R from a gem's

        var found = new List<Blemish>();
        float floor = candidates is null ? FaintDarkSpot : MathF.Min(FaintDarkSpot, BlemishDiagnostics.CandidateFloor);
        for (int y = 1; y < h - 1; y++)
            for (int x = 1; x < w - 1; x++)
            {
                int i = y * w + x;
                if (best[i] < floor || skin.Data[i] < 0.5f) continue;
                var kind = bestKind[i] == 0 ? BlemishKind.Dark : BlemishKind.Red;
                if ((kind == BlemishKind.Red ? keepRedAway ?? keepAway : keepAway).Data[i] > 0) continue;
                if (!IsLocalMaximum(best, w, h, x, y, Math.Max(1, (int)bestRadius[i]))) continue;
                // The plane tests on both rings, measured once: by Judge when it gets that far, for every candidate with diagnostics.
                var planes = new PlaneTests(kind == BlemishKind.Dark ? luma : red, skin, x, y, bestRadius[i], kind);
                string rejected = Judge(x, y, i, kind, planes, out float radius);
                if (candidates is not null)
                    candidates.Add(new BlemishCandidate(x, y, float.IsNaN(radius) ? bestRadius[i] : radius, best[i], kind, rejected,
                        AxisBalanceOf(planes.Plane, skin, x, y, bestRadius[i], kind), planes.Near.Ratio, planes.Far.Ratio));
                if (rejected.Length == 0) found.Add(new Blemish(x, y, radius, best[i], kind));
            }

        string Judge(int x, int y, int i, BlemishKind kind, PlaneTests planes, out float radius)
        {
            radius = float.NaN;
            if (best[i] < (kind == BlemishKind.Dark ? FaintDarkSpot : 1)) return "below threshold";
            // Skin around much of it: at the skin's rim (hairline, jaw, nose side) contrast can come from the neighbours,
            // which SurroundedOnAllSides then judges from the sides on skin; a spot 2 % of the face under the hairline
            // has hair over about a third of its box.
            if (BoxMean(skin, x, y, (int)MathF.Ceiling(2.5f * bestRadius[i])) < 0.6f) return "skin rim";
            if (!SurroundedOnAllSides(planes.Plane, skin, x, y, bestRadius[i], kind)) return "not surrounded";
            if (!planes.Near.Passes || !planes.Far.Passes) return "ring not smooth";
            radius = EstimateRadius(kind == BlemishKind.Dark ? luma : red, x, y, kind, rMax, bestRadius[i]);
            // A strong red mark whose halo outreaches the largest size is healed at that size (its halo is lifted by chroma
            // afterwards, HaloStep); anything else without a fall-off is part of something larger (makeup, a shadow).
            if (float.IsNaN(radius) && kind == BlemishKind.Red && best[i] >= StrongRedMark) radius = 1.5f * rMax;
            if (float.IsNaN(radius)) return "no fall-off";
            if (TouchesSomethingBluer(blueOverRed, lumaNear, x, y, radius)) return "bluer inside";
            return "";
        }
        return SuppressOverlaps(found, settings.MaxCount);
    }

    /// <summary>
    /// A red mark this many times over the threshold is healed at the largest size when its contrast does not fall off
    /// within it (an acne mark larger than the largest blemish, its halo wider still). On the quality bench (seed 5) the
    /// red "no fall-off" candidates at 2.5 or more are 4 painted acne marks and nothing else; the other places' scores
    /// reach 2.3 (at 2.0: the same spots removed, skin PSNR 0.03 dB lower).
    /// </summary>
    internal const float StrongRedMark = 2.5f;

    /// <summary>
    /// Dark spots down to this share of the threshold pass on to the heal as faint (<see cref="Blemish.Faint"/>), which
    /// admits them only through a close division fit. On the quality bench (seed 5) the dark candidates from 0.5 to 1 that
    /// pass the shape tests are 91 places, 6 of them painted spots; the threshold alone cannot tell them apart (at 0.8 with
    /// the plane ratio above 3: 20 places, 4 spots). Below 0.5 the two painted spots left fail the shape tests (plane ratio
    /// 1.0 and 1.4).
    /// </summary>
    public const float FaintDarkSpot = 0.5f;

    private static float Lerp(float a, float b, float t) => a + (b - a) * t;

    /// <summary>
    /// Spots, moles and acne marks are brown or red: darker than the skin with blue falling at least as much as red,
    /// so their B/R ratio is at most the skin's (skin about 0.55-0.7, a brown mole about 0.6). A spot (dark or red)
    /// whose footprint holds something clearly bluer than the skin around it is, or borders on, what was put there
    /// on purpose (a face gem, a tattoo dot, glitter), which a retoucher keeps: sample1's gem is about 1.0 on skin of
    /// 0.55, and the reddish shadow beside it was healed over half the gem. Only what is no lighter than the skin around
    /// counts (<paramref name="luma"/>): white is "bluer" than skin too, and a spot beside a white highlight, teeth or a
    /// collar was kept as if it were jewellery (sample5's brown spot at the white's edge, 60 levels, the bench's most
    /// visible spot left); a gem's stone is darker than the skin it sits on, its glints are not what marks it.
    /// </summary>
    private static bool TouchesSomethingBluer(PlanarImage blueOverRed, PlanarImage luma, int x, int y, float radius)
    {
        int r = Math.Max(1, (int)MathF.Ceiling(radius)), rs = Math.Max(r + 2, (int)MathF.Round(2.5f * radius));
        float ring = RingMean(blueOverRed, x, y, r, rs), ringLuma = RingMean(luma, x, y, r, rs);
        float most = float.MinValue;
        for (int yy = Math.Max(0, y - r); yy <= Math.Min(blueOverRed.Height - 1, y + r); yy++)
            for (int xx = Math.Max(0, x - r); xx <= Math.Min(blueOverRed.Width - 1, x + r); xx++)
            {
                int i = yy * blueOverRed.Width + xx;
                if (luma.Data[i] <= ringLuma) most = MathF.Max(most, blueOverRed.Data[i]);
            }
        return most - ring > 0.2f;
    }

    /// <summary>The mean of the box of radius <paramref name="outer"/> less the box of radius <paramref name="inner"/>, from the pixels inside the image (a box clipped at the border has fewer); the inner box's when nothing is left.</summary>
    private static float RingMean(PlanarImage plane, int x, int y, int inner, int outer)
    {
        var (innerSum, innerCount) = BoxSum(plane, x, y, inner);
        var (outerSum, outerCount) = BoxSum(plane, x, y, outer);
        return outerCount > innerCount ? (outerSum - innerSum) / (outerCount - innerCount) : innerSum / innerCount;
    }

    /// <summary>Local RMS of the finest band (pores, grain, noise): the yardstick a blemish must stand out from.</summary>
    private static PlanarImage TextureLevel(PlanarImage luma, int radius)
    {
        var fine = BoxFilter.Apply(luma, 1);
        var sq = new PlanarImage(luma.Width, luma.Height, 1);
        for (int i = 0; i < sq.Data.Length; i++) { float d = luma.Data[i] - fine.Data[i]; sq.Data[i] = d * d; }
        var level = BoxFilter.Apply(sq, radius);
        for (int i = 0; i < level.Data.Length; i++) level.Data[i] = MathF.Sqrt(level.Data[i]);
        return level;
    }

    private static bool IsLocalMaximum(float[] score, int w, int h, int x, int y, int radius)
    {
        float v = score[y * w + x];
        for (int yy = Math.Max(0, y - radius); yy <= Math.Min(h - 1, y + radius); yy++)
            for (int xx = Math.Max(0, x - radius); xx <= Math.Min(w - 1, x + radius); xx++)
            {
                float o = score[yy * w + xx];
                if (o > v || (o == v && (yy < y || (yy == y && xx < x)))) return false;
            }
        return true;
    }

    private static float BoxMean(PlanarImage plane, int cx, int cy, int r)
    {
        var (sum, count) = BoxSum(plane, cx, cy, r);
        return count == 0 ? 0 : sum / count;
    }

    /// <summary>Sum and count of the pixels of the (2r+1)² box that lie inside the image.</summary>
    private static (float Sum, int Count) BoxSum(PlanarImage plane, int cx, int cy, int r)
    {
        float sum = 0; int count = 0;
        for (int y = Math.Max(0, cy - r); y <= Math.Min(plane.Height - 1, cy + r); y++)
            for (int x = Math.Max(0, cx - r); x <= Math.Min(plane.Width - 1, cx + r); x++) { sum += plane.Data[y * plane.Width + x]; count++; }
        return (sum, count);
    }

    /// <summary>Strongest first; a blemish whose centre lies inside an already kept one is the same blemish.</summary>
    private static List<Blemish> SuppressOverlaps(List<Blemish> found, int maxCount)
    {
        var kept = new List<Blemish>();
        foreach (var b in found.OrderByDescending(b => b.Score))
        {
            bool overlaps = kept.Any(k => MathF.Sqrt((k.X - b.X) * (k.X - b.X) + (k.Y - b.Y) * (k.Y - b.Y)) < 1.2f * MathF.Max(k.Radius, b.Radius) + 1);
            if (!overlaps) kept.Add(b);
            if (kept.Count >= maxCount) break;
        }
        return kept;
    }
}
