using System.Globalization;
using System.Text;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>
/// `oracle [--seeds 5,3,...] [--out DIR]`: the most of the painted spots' visibility a heal can remove when it takes a
/// spot's strength from the photo. Each spot is divided out of the painted photo knowing what no heal knows, its true
/// centre, size and shape (the generator's own profile: one Gaussian for a dark spot, core and halo for acne) and, in the
/// second set of rows, its colour (the generator's channel ratios), or in a third, the colour the photo's own spots of
/// that kind show (<see cref="Knowledge.ColourFromPhoto"/>: what a heal could estimate); only the strength (per channel,
/// or one number) is fitted to the pixels, by least squares inside a ring some radii out, against a background filled in
/// from that ring (less the spot's own tail there): the harmonic function the heal's divisions use
/// (<see cref="RingHarmonic"/>), or chords that carry a crease across (<see cref="RingChords"/>). What the fit still gets
/// wrong is the clean skin's own structure under the spot in the spot's shape (a highlight, a dip, the end of a crease), which the photo cannot tell from the spot; a nearer ring
/// leaves less of it but fits from fewer pixels. The best row bounds what detection and healing together can reach on
/// this bench; a last row divides with the true strengths too (a check of the bookkeeping: near 100 %, short of it by
/// 8-bit rounding and the skin mask's weight at the face's edge). Writes oracle.md, which `report` takes into REPORT.md.
/// </summary>
public static class ShapeOracle
{
    public const string Report = "oracle.md";

    public static int Run(CommandLine args)
    {
        string dir = args.ResultsDirectory();
        var seeds = SeededSets.Seeds(args);
        float[] rings = [0.3f, 0.45f, 0.6f, 0.8f, 1.0f, 1.6f];
        var cases = (from b in new[] { Background.Harmonic, Background.Chords } from k in new[] { Knowledge.Shape, Knowledge.ShapeAndColour, Knowledge.ColourFromPhoto } where b == Background.Chords || k != Knowledge.ColourFromPhoto from ring in rings select (k, b, ring))
            .Append((Knowledge.Everything, Background.Harmonic, 1.6f)).ToList();
        var totals = cases.ToDictionary(c => c, _ => new Totals());
        var bestRing = new Totals();
        // Split by the clean skin's structure: each background's best ring with the colour known and without it (the eighteenth session's run).
        var split = new (Knowledge, Background, float)[]
        {
            (Knowledge.Shape, Background.Harmonic, 0.8f), (Knowledge.ShapeAndColour, Background.Harmonic, 0.45f),
            (Knowledge.Shape, Background.Chords, 0.8f), (Knowledge.ColourFromPhoto, Background.Chords, 0.45f), (Knowledge.ShapeAndColour, Background.Chords, 0.6f),
        };
        var byStructure = split.ToDictionary(c => c, _ => new ByCleanStructure());
        foreach (var (name, seed, set, analysis) in SeededSets.Paint(args, seeds))
        {
            // Per spot, the ring that served it best (known from the clean photo): the bound of this family of heals.
            var best = new Dictionary<(float, float), SpotOutcome>();
            // The photo's spot colours depend on the background only, not on the ring a case fits at: estimated once per background.
            var photoColours = new Dictionary<Background, Dictionary<BlemishKind, float[][]>>();
            Dictionary<BlemishKind, float[][]>? ColoursFor((Knowledge Knows, Background Background, float) c) =>
                c.Knows != Knowledge.ColourFromPhoto ? null
                : photoColours.TryGetValue(c.Background, out var known) ? known : photoColours[c.Background] = PhotoColours(set, c.Background);
            foreach (var c in cases)
                foreach (var o in SpotVisibility.Measure(name, "oracle", set, DivideAll(set, c.Item1, c.Item2, c.Item3, ColoursFor(c)), analysis.FaceSkinMask))
                {
                    totals[c].Add(o, seed);
                    if (seed != QualityRun.DefaultSeed && byStructure.TryGetValue(c, out var bin)) bin.Add(o);
                    if (c.Item1 == Knowledge.ShapeAndColour && (!best.TryGetValue((o.X, o.Y), out var b) || o.Removed > b.Removed)) best[(o.X, o.Y)] = o;
                }
            foreach (var o in best.Values) bestRing.Add(o, seed);
        }
        var report = new StringBuilder();
        report.AppendLine("# Per-spot visibility removed by a division that knows each spot's centre, size and shape");
        report.AppendLine();
        report.AppendLine($"Same photos and spots as `seeds` (`oracle --seeds {string.Join(',', seeds)}`). The strength is fitted to the pixels inside a ring the given number of spot radii out; the background under the spot is filled in from that ring (less the spot's own tail there), as a membrane does (harmonic, what the heal's divisions use) or along the chords in the directions the ring matches itself across (a crease or a highlight's streak through the spot carried across it). \"Colour from the photo's spots\": per kind, the median over the photo's spots of their own per-channel fits (ring 1 r), then one strength per spot.");
        report.AppendLine();
        report.AppendLine("| knows | background | ring (radii) | spots | per-spot visibility removed | dark spots | acne | still visible (>= 4 levels) | held-out seeds |");
        report.AppendLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var c in cases.Where(c => c.Item1 != Knowledge.Everything))
            report.AppendLine(totals[c].Row(Label(c)));
        report.AppendLine(bestRing.Row("centre, size, shape, colour | either | the best of these per spot (chosen by the clean photo)"));
        report.AppendLine(totals[cases[^1]].Row("everything (bookkeeping check) | harmonic | 1.6"));
        ByCleanStructure.Section(report, "By the clean photo's own contrast where each spot was painted (8-bit levels), held-out seeds, each knowledge and background at its best ring (`seeds.md` has the same split for the pipeline):",
            [.. split.Select(c => ("oracle, " + Label(c).Replace(" | ", ", ") + " radii", byStructure[c]))]);
        string path = Path.Combine(dir, Report);
        File.WriteAllText(path + ".tmp", report.ToString());
        File.Move(path + ".tmp", path, overwrite: true);
        Console.Write(report);
        return 0;
    }

    /// <summary>What the oracle division knows of a spot beyond its centre, size and shape.</summary>
    public enum Knowledge
    {
        /// <summary>The strength of each channel is fitted to the pixels on its own.</summary>
        Shape,
        /// <summary>The spot's colour too (the generator's channel ratios): one strength fitted over the three channels.</summary>
        ShapeAndColour,
        /// <summary>Everything: the generator's own amplitudes (a check of the bookkeeping).</summary>
        Everything,
        /// <summary>
        /// The centre, size and shape; the colour estimated from the photo: per kind, the median over the photo's spots of
        /// their own per-channel fits (<see cref="PhotoColours"/>), as one person's brown spots share melanin's colour and
        /// their red marks haemoglobin's. One strength fitted per spot, as with the colour known.
        /// </summary>
        ColourFromPhoto,
    }

    /// <summary>How the oracle fills in the skin under a spot from the ring it fits the strength in.</summary>
    public enum Background
    {
        /// <summary>The ring's harmonic function (<see cref="RingHarmonic"/>), as the heal's divisions do.</summary>
        Harmonic,
        /// <summary>Chords along the directions the ring matches itself across (<see cref="RingChords"/>).</summary>
        Chords,
    }

    private static string Label((Knowledge Knows, Background Background, float Ring) c) =>
        (c.Knows switch
        {
            Knowledge.Shape => "centre, size, shape",
            Knowledge.ColourFromPhoto => "centre, size, shape; colour from the photo's spots",
            _ => "centre, size, shape, colour",
        })
        + string.Create(CultureInfo.InvariantCulture, $" | {(c.Background == Background.Harmonic ? "harmonic" : "chords")} | {c.Ring:0.##}");

    /// <summary>The spots an oracle divides: all but the redness patches.</summary>
    private static List<PaintedBlemish> Spots(BlemishSet set) => set.Blemishes.Where(b => b.Kind != BlemishKind.Redness).ToList();

    /// <summary>
    /// Every spot of <paramref name="set"/> divided out of its painted photo, 8-bit. With the colour from the photo,
    /// <paramref name="photoColours"/> when given (the same for every ring), else estimated here.
    /// </summary>
    internal static PlanarImage DivideAll(BlemishSet set, Knowledge knowledge, Background background, float ringIn,
        Dictionary<BlemishKind, float[][]>? photoColours = null)
    {
        var divided = set.Blemished.Clone();
        var spots = Spots(set);
        var colours = knowledge == Knowledge.ColourFromPhoto ? photoColours ?? PhotoColours(set, background) : null;
        foreach (var b in spots)
            Divide(set.Blemished, divided, b, colours is null ? knowledge : Knowledge.ShapeAndColour, background, ringIn, colours?.GetValueOrDefault(b.Kind));
        return PlaneMath.Quantize8(divided);
    }

    /// <summary>Ring (spot radii) of the per-channel fits a photo's spot colours are estimated from: the shape-only fits' best for acne.</summary>
    private const float ColourEstimateRing = 1.0f;

    /// <summary>
    /// Per kind, the colour of the spots of <paramref name="set"/> as the painted photo shows it: each spot's strength fitted per channel on its
    /// own (<see cref="Knowledge.Shape"/>), each term's channels taken relative to green's (green falls in brown spots and
    /// red marks alike), and the median of those ratios over the kind's spots. What one spot's fit takes from the skin's
    /// structure under it, the median over the photo's other spots leaves out.
    /// </summary>
    private static Dictionary<BlemishKind, float[][]> PhotoColours(BlemishSet set, Background background)
    {
        var spots = Spots(set);
        var fits = spots.Select(b => (b.Kind, Amplitude: Divide(set.Blemished, null, b, Knowledge.Shape, background, ColourEstimateRing, null))).ToList();
        var colours = new Dictionary<BlemishKind, float[][]>();
        foreach (var kind in spots.Select(b => b.Kind).Distinct())
        {
            float[][] colour = [new float[2], new float[2], new float[2]];
            for (int term = 0; term < 2; term++)
            {
                // A term green hardly has (a dark spot's halo) stays zero.
                var own = fits.Where(f => f.Kind == kind && f.Amplitude is { } a && a[1][term] > 0.02f).Select(f => f.Amplitude!).ToList();
                if (own.Count == 0) continue;
                for (int c = 0; c < 3; c++)
                {
                    var ratios = own.Select(a => a[c][term] / a[1][term]).Order().ToList();
                    colour[c][term] = ratios[ratios.Count / 2];
                }
            }
            colours[kind] = colour;
        }
        return colours;
    }

    /// <summary>How sharply <see cref="RingChords"/> prefers the best-matching directions (1: about as in the oracle's run).</summary>
    private const float ChordSoftness = 1;

    /// <summary>
    /// Divides spot <paramref name="b"/> of <paramref name="painted"/> out into <paramref name="output"/> (none: only fitted),
    /// within the reach the bench measures it by, and returns the amplitudes divided out (null where the ring holds too
    /// little skin). The background is filled in from a ring <paramref name="ringIn"/> radii out (less the spot's own tail
    /// there, as fitted so far), and the strength is fitted inside that ring; with the colour known, that colour is
    /// <paramref name="given"/> when given, else the generator's.
    /// </summary>
    private static float[][]? Divide(PlanarImage painted, PlanarImage? output, PaintedBlemish b, Knowledge knowledge, Background fill, float ringIn, float[][]? given)
    {
        float sigma = b.Radius / 2;
        bool acne = b.Kind == BlemishKind.Acne;
        float reach = (acne ? 3.5f : 1.6f) * b.Radius;
        float fitIn = ringIn * b.Radius, fitOut = fitIn + MathF.Max(2, b.Radius / 2);
        int r = (int)MathF.Ceiling(MathF.Max(reach, fitOut)) + 2;
        int x0 = (int)MathF.Floor(b.X) - r, y0 = (int)MathF.Floor(b.Y) - r, size = 2 * r + 1;
        if (x0 < 0 || y0 < 0 || x0 + size > painted.Width || y0 + size > painted.Height) return null;
        // The generator's shapes (BlemishGenerator.Draw): per channel c the factor is 1 - s (core_c g + halo_c g_halo).
        var g = new float[2][];
        g[0] = new float[size * size]; g[1] = new float[size * size];
        var distance = new float[size * size];
        var ring = new List<int>();
        for (int k = 0; k < distance.Length; k++)
        {
            float dx = x0 + k % size - b.X, dy = y0 + k / size - b.Y, d2 = dx * dx + dy * dy;
            distance[k] = MathF.Sqrt(d2);
            g[0][k] = MathF.Exp(-d2 / (2 * sigma * sigma));
            g[1][k] = MathF.Exp(-d2 / (2 * 6.25f * sigma * sigma));
            if (distance[k] >= fitIn && distance[k] <= fitOut) ring.Add(k);
        }
        float[][] colour = given ?? (acne ? [[0.05f, 0], [0.35f, 0.12f], [0.85f * 0.35f, 0.85f * 0.12f]] : [[0.60f, 0], [0.80f, 0], [0.95f, 0]]);
        var logs = new float[3][];
        for (int c = 0; c < 3; c++)
        {
            logs[c] = new float[size * size];
            for (int k = 0; k < logs[c].Length; k++) logs[c][k] = MathF.Log(painted[c, x0 + k % size, y0 + k / size] + SpotDivision.LogOffset);
        }
        // amplitude[c][j]: channel c's factor is 1 - amplitude[c][0] g0 - amplitude[c][1] g1.
        var amplitude = new float[3][];
        for (int c = 0; c < 3; c++) amplitude[c] = [colour[c][0] * b.Strength, colour[c][1] * b.Strength];
        if (knowledge != Knowledge.Everything)
        {
            for (int c = 0; c < 3; c++) amplitude[c] = [0, 0];
            for (int pass = 0; pass < 4; pass++)
            {
                // Per channel, e^D - 1 = -(a g0 + h g1) inside the ring, D the log less the background.
                var v = new double[3][];
                var ringValues = new float[size * size]; // RingHarmonic reads only the ring's pixels
                for (int c = 0; c < 3; c++)
                {
                    foreach (int k in ring) ringValues[k] = logs[c][k] - MathF.Log(Factor(amplitude[c], g, k));
                    Func<float, float, float, float>? background = fill == Background.Harmonic
                        ? RingHarmonic.Fit(ringValues, ring, size, x0 - b.X, y0 - b.Y, fitIn) is { } harmonic ? harmonic.At : null
                        : RingChords.Fit(ringValues, ring, size, x0 - b.X, y0 - b.Y, fitIn, ChordSoftness) is { } chords ? chords.At : null;
                    if (background is null) return null;
                    v[c] = new double[size * size];
                    for (int k = 0; k < v[c].Length; k++)
                    {
                        float d = distance[k];
                        if (d > fitIn) continue;
                        float cos = d > 0 ? (x0 + k % size - b.X) / d : 1, sin = d > 0 ? (y0 + k / size - b.Y) / d : 0;
                        v[c][k] = -(Math.Exp(logs[c][k] - background(d, cos, sin)) - 1);
                    }
                }
                int terms = acne ? 2 : 1;
                if (knowledge == Knowledge.Shape)
                    for (int c = 0; c < 3; c++)
                    {
                        var theta = Solve(terms, (j, l) => Sum(distance, fitIn, k => g[j][k] * g[l][k]), j => Sum(distance, fitIn, k => g[j][k] * v[c][k]));
                        amplitude[c] = [theta[0], terms > 1 ? theta[1] : 0];
                    }
                else
                {
                    // One strength s for the spot: channel c's pattern is colour[c][0] g0 + colour[c][1] g1.
                    double Pattern(int c, int k) => colour[c][0] * g[0][k] + colour[c][1] * g[1][k];
                    double pp = 0, pv = 0;
                    for (int c = 0; c < 3; c++) { int cc = c; pp += Sum(distance, fitIn, k => Pattern(cc, k) * Pattern(cc, k)); pv += Sum(distance, fitIn, k => Pattern(cc, k) * v[cc][k]); }
                    float strength = (float)(pv / Math.Max(pp, 1e-12));
                    for (int c = 0; c < 3; c++) amplitude[c] = [colour[c][0] * strength, colour[c][1] * strength];
                }
            }
        }
        if (output is null) return amplitude;
        for (int c = 0; c < 3; c++)
            for (int k = 0; k < distance.Length; k++)
            {
                if (distance[k] > reach) continue;
                int x = x0 + k % size, y = y0 + k / size;
                output[c, x, y] = Math.Clamp(painted[c, x, y] / Factor(amplitude[c], g, k), 0, 1);
            }
        return amplitude;
    }

    private static float Factor(float[] amplitude, float[][] g, int k) => MathF.Max(0.05f, 1 - amplitude[0] * g[0][k] - amplitude[1] * g[1][k]);

    private static double Sum(float[] distance, float within, Func<int, double> term)
    {
        double sum = 0;
        for (int k = 0; k < distance.Length; k++) if (distance[k] <= within) sum += term(k);
        return sum;
    }

    /// <summary>Least squares with one or two unknowns from the normal equations.</summary>
    private static float[] Solve(int terms, Func<int, int, double> a, Func<int, double> b)
    {
        if (terms == 1) return [(float)(b(0) / Math.Max(a(0, 0), 1e-12))];
        double a00 = a(0, 0), a01 = a(0, 1), a11 = a(1, 1), b0 = b(0), b1 = b(1), det = a00 * a11 - a01 * a01;
        return Math.Abs(det) < 1e-12 ? [0, 0] : [(float)((b0 * a11 - a01 * b1) / det), (float)((a00 * b1 - a01 * b0) / det)];
    }

    private sealed class Totals
    {
        private int _count, _visible, _dark, _acne, _heldCount;
        private double _removed, _darkRemoved, _acneRemoved, _heldRemoved;

        public void Add(SpotOutcome o, int seed)
        {
            _count++; _removed += o.Removed;
            if (o.StillVisible) _visible++;
            if (o.Kind == BlemishKind.Acne) { _acne++; _acneRemoved += o.Removed; } else { _dark++; _darkRemoved += o.Removed; }
            if (seed != QualityRun.DefaultSeed) { _heldCount++; _heldRemoved += o.Removed; }
        }

        public string Row(string label) => string.Create(CultureInfo.InvariantCulture,
            $"| {label} | {_count} | {_removed / Math.Max(1, _count):P1} | {_darkRemoved / Math.Max(1, _dark):P1} | {_acneRemoved / Math.Max(1, _acne):P1} | {_visible} | {_heldRemoved / Math.Max(1, _heldCount):P1} |");
    }
}
