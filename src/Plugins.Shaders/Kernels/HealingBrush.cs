using System.Runtime.CompilerServices;
using RetouchPlugins.Shaders.Solvers;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Patch-based healing of one round blemish at a time, as a retoucher's healing brush does it: pick
/// a clean skin patch nearby (offsets on rings around the blemish, chosen by how well the patch's
/// texture matches the blemish's own surroundings), copy its texture over the blemish, and correct the
/// copy by a harmonic (membrane) function that takes the difference at the patch's rim to zero, so the
/// low band comes smoothly from the boundary and the texture continues. The rim is feathered.
/// </summary>
public static class HealingBrush
{
    private static readonly float[] RingDistances = [1.6f, 2.2f, 3f, 4f];
    private const int Angles = 24;

    /// <summary>
    /// Heals <paramref name="blemish"/> in <paramref name="image"/> (RGB planes, modified in place).
    /// <paramref name="source"/> marks where patches may be taken from (clean skin, 1) and
    /// <paramref name="gate"/> scales the written weight (0 keeps a pixel untouched). The weight
    /// actually used is max-ed into <paramref name="healed"/>. Returns false when no patch fitted and the
    /// hole was filled smoothly from its rim instead.
    /// </summary>
    /// <paramref name="choice"/> picks the patch: 0 the best-matching one, 1 the next, and so on (a heal that still shows
    /// is redone from another patch); past the last fitting patch the last one is used. <paramref name="ranking"/>, when
    /// given, keeps the ranked patches for the next attempt at the same hole (a redo from the next patch looks at the same
    /// pixels, so ranking them again would give the same list).
    public static bool Heal(PlanarImage image, PlanarImage source, PlanarImage gate, PlanarImage healed, float cx, float cy, float holeRadius,
        int choice = 0, PatchRanking? ranking = null)
    {
        float feather = Feather(holeRadius);
        float outer = holeRadius + feather;
        // Without a clean patch nearby (small face, blemish at the skin's edge) the hole gets the membrane
        // fill alone: offset 0 with the rim difference taken against zero, i.e. a smooth interpolation.
        var offsets = ranking?.Find(cx, cy, holeRadius) ?? RankedOffsets(image, source, cx, cy, holeRadius, outer);
        ranking?.Keep(cx, cy, holeRadius, offsets);
        (int X, int Y)? offset = offsets.Count == 0 ? null : offsets[Math.Min(choice, offsets.Count - 1)];
        bool textured = offset is not null;
        var (ox, oy) = offset ?? (0, 0);

        int r = (int)MathF.Ceiling(outer) + 1;
        int x0 = (int)MathF.Floor(cx) - r, y0 = (int)MathF.Floor(cy) - r, size = 2 * r + 1;
        var inside = new bool[size * size];
        var weight = new float[size * size];
        for (int j = 0; j < size; j++)
            for (int i = 0; i < size; i++)
            {
                int x = x0 + i, y = y0 + j;
                if (x < 1 || y < 1 || x >= image.Width - 1 || y >= image.Height - 1) continue;
                float d = MathF.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                if (d > outer) continue;
                inside[j * size + i] = true;
                float t = Math.Clamp((outer - d) / feather, 0, 1);
                weight[j * size + i] = t * t * (3 - 2 * t) * gate[0, x, y];
            }

        var interior = WindowMembrane.Interior(inside, size);
        // What the patch brings beside its texture: its own curvature (CurvatureCorrection), pulled halfway toward the skin's
        // around the hole.
        var curvatureCorrection = textured ? CurvatureCorrection(image, source, cx, cy, ox, oy, outer) : new float[3];
        // The three colours are independent solves; a hole big enough to cost more than a thread's start-up takes one core each.
        var colours = new ParallelOptions { MaxDegreeOfParallelism = size >= WindowMembrane.CoarseSolveSize ? Environment.ProcessorCount : 1 };
        Parallel.For(0, 3, colours, c =>
        {
            var h = new float[size * size];
            // h = I − I(· + o) on the rim (the Dirichlet boundary), harmonic inside.
            double rimSum = 0; int rimCount = 0;
            for (int j = 0; j < size; j++)
                for (int i = 0; i < size; i++)
                {
                    int x = Math.Clamp(x0 + i, 0, image.Width - 1), y = Math.Clamp(y0 + j, 0, image.Height - 1);
                    h[j * size + i] = textured ? image[c, x, y] - image[c, x + ox, y + oy] : image[c, x, y];
                    if (!inside[j * size + i]) { rimSum += h[j * size + i]; rimCount++; }
                }
            float start = rimCount > 0 ? (float)(rimSum / rimCount) : 0;
            for (int k = 0; k < h.Length; k++) if (inside[k]) h[k] = start;
            WindowMembrane.Solve(h, inside, interior, size, iterations: 40 + 6 * r);

            for (int j = 0; j < size; j++)
                for (int i = 0; i < size; i++)
                {
                    int k = j * size + i;
                    if (!inside[k] || weight[k] <= 0) continue;
                    int x = x0 + i, y = y0 + j;
                    float d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    float v = (textured ? image[c, x + ox, y + oy] : 0) + h[k] - curvatureCorrection[c] * (d2 - outer * outer);
                    image[c, x, y] += weight[k] * (Math.Clamp(v, 0, 1) - image[c, x, y]);
                }
        });
        for (int j = 0; j < size; j++)
            for (int i = 0; i < size; i++)
            {
                int k = j * size + i;
                if (inside[k] && weight[k] > healed[0, x0 + i, y0 + j]) healed[0, x0 + i, y0 + j] = weight[k];
            }
        return textured;
    }

    /// <summary>
    /// How far the patch's curvature is pulled toward the one of the skin around the hole. Quality bench, per-spot
    /// visibility removed by the pipeline (spots command, 67.0 % without): 0.5: 67.4 % (67.2 % with
    /// <see cref="MinCurvatureOuter"/>, which keeps issue 13's hairline spot at 83 %), 1: 67.4 % with more spots still
    /// showing (95 against 86 of 179); the skin's curvature alone in a division (no patch): 65.9-66.6 %.
    /// </summary>
    public const float CurvaturePull = 0.5f;

    /// <summary>
    /// Below this outer radius (pixels) the patch keeps its own curvature: the annulus is a few hundred pixels at most, the
    /// pores outweigh the curvature, and a heal of such a small hole hardly holds any shading to lose.
    /// </summary>
    public const float MinCurvatureOuter = 6;

    /// <summary>The annulus the skin's curvature around the hole is read from reaches this many outer radii.</summary>
    public const float CurvatureReach = 2;

    /// <summary>
    /// Per channel, the κ to take out of the patch as κ (r² − outer²) (zero on the rim, so the membrane still meets it).
    /// The membrane fill is the rim's shading plus the patch's departure from a membrane through its own rim: its texture
    /// and its curvature, a highlight or a dip of the patch's own. Where the hole is, the skin's own curvature is unknown
    /// (the spot covers it); the patch's and that of the skin around the hole (a quadric over the annulus from the outer
    /// radius to <see cref="CurvatureReach"/> of it, only its isotropic part) are both guesses at it, about as good each
    /// (either alone did worse on the bench), so the heal takes their mean. Zero when the skin around the hole is one-sided.
    /// </summary>
    private static float[] CurvatureCorrection(PlanarImage image, PlanarImage source, float cx, float cy, int ox, int oy, float outer)
    {
        var correction = new float[3];
        if (outer < MinCurvatureOuter) return correction;
        // Read where patches may come from (clean skin: no hair, features or other spots); without it all around the hole
        // (the skin's edge, a feature beside it) there is only the patch's guess.
        if (RingCurvature.Fit(image, source, cx, cy, outer, CurvatureReach * outer) is not { } around) return correction;
        var patch = RingCurvature.Fit(image, null, cx + ox, cy + oy, 0, outer) ?? around;
        for (int c = 0; c < 3; c++) correction[c] = CurvaturePull * (patch[c] - around[c]);
        return correction;
    }

    /// <summary>The soft rim around the hole.</summary>
    private static float Feather(float holeRadius) => MathF.Max(1.5f, 0.6f * holeRadius);

    /// <summary>How far from the spot's centre the healed weight reaches; patches are searched up to 4 of these away.</summary>
    public static float OuterRadius(float holeRadius) => holeRadius + Feather(holeRadius);

    /// <summary>
    /// The offsets whose patch (a disk of the outer radius plus a margin) lies on clean skin, best first: by how well
    /// the patch's rim texture matches the blemish's rim after removing the mean difference (the membrane takes care
    /// of that); a small cost on the mean difference prefers similarly lit skin.
    /// </summary>
    private static List<(int X, int Y)> RankedOffsets(PlanarImage image, PlanarImage source, float cx, float cy, float hole, float outer)
    {
        int rim = (int)MathF.Ceiling(outer) + 2;
        var candidates = new (float Dist, int X, int Y)[RingDistances.Length * Angles];
        for (int d = 0; d < RingDistances.Length; d++)
            for (int a = 0; a < Angles; a++)
            {
                float dist = RingDistances[d];
                double angle = 2 * Math.PI * (a + 0.5 * (dist > 2.5f ? 1 : 0)) / Angles;
                candidates[d * Angles + a] = (dist, (int)Math.Round(Math.Cos(angle) * dist * outer), (int)Math.Round(Math.Sin(angle) * dist * outer));
            }
        // Each candidate's cost is independent of the others; a large hole's patches (thousands of pixels each) take all cores.
        var costs = new double[candidates.Length];
        var search = new ParallelOptions { MaxDegreeOfParallelism = rim >= 16 ? Environment.ProcessorCount : 1 };
        Parallel.For(0, candidates.Length, search, n =>
            costs[n] = PatchCost(image, source, cx, cy, hole, rim, candidates[n].X, candidates[n].Y));
        var fitting = new List<(double Cost, (int, int) Offset)>();
        for (int n = 0; n < candidates.Length; n++)
        {
            if (costs[n] == double.MaxValue) continue;
            // nearer skin is likelier to match in tone and pore size
            fitting.Add((costs[n] * (1 + 0.05 * candidates[n].Dist), (candidates[n].X, candidates[n].Y)));
        }
        return fitting.OrderBy(f => f.Cost).Select(f => f.Offset).ToList();
    }

    /// <summary>
    /// A patch whose texture is this many times stronger (variance) than the blemish's own rim is not skin like
    /// it: hair over a cheek or a window's reflection would paint stripes where a spot was.
    /// </summary>
    private const double MaxTextureRatio = 2.5;

    /// <summary>Largest mean colour difference (RMS over RGB, 0..1 units) between a patch and the rim it must match.</summary>
    private const double MaxMeanDifference = 0.08;

    public static double PatchCost(PlanarImage image, PlanarImage source, float cx, float cy, float hole, int rim, int ox, int oy)
    {
        int icx = (int)MathF.Round(cx), icy = (int)MathF.Round(cy);
        Span<double> meanT = stackalloc double[3], meanS = stackalloc double[3];
        int count = 0;
        for (int y = icy - rim; y <= icy + rim; y++)
            for (int x = icx - rim; x <= icx + rim; x++)
            {
                float d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                if (d2 > rim * rim) continue;
                int sx = x + ox, sy = y + oy;
                if (x < 0 || y < 0 || x >= image.Width || y >= image.Height) return double.MaxValue;
                if (sx < 1 || sy < 1 || sx >= image.Width - 1 || sy >= image.Height - 1) return double.MaxValue;
                if (source[0, sx, sy] < 0.5f) return double.MaxValue;
                if (d2 <= hole * hole) continue;
                for (int c = 0; c < 3; c++) { meanT[c] += image[c, x, y]; meanS[c] += image[c, sx, sy]; }
                count++;
            }
        if (count == 0) return double.MaxValue;
        for (int c = 0; c < 3; c++) { meanT[c] /= count; meanS[c] /= count; }
        double varT = 0, varS = 0, ssd = 0;
        int sourceCount = 0;
        for (int y = icy - rim; y <= icy + rim; y++)
            for (int x = icx - rim; x <= icx + rim; x++)
            {
                float d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                if (d2 > rim * rim) continue;
                // The whole source disk is what gets copied, so its texture is judged over the hole too.
                for (int c = 0; c < 3; c++) { double v = image[c, x + ox, y + oy] - meanS[c]; varS += v * v; }
                sourceCount++;
                if (d2 <= hole * hole) continue;
                for (int c = 0; c < 3; c++)
                {
                    double t = image[c, x, y] - meanT[c];
                    double e = t - (image[c, x + ox, y + oy] - meanS[c]);
                    ssd += e * e;
                    varT += t * t;
                }
            }
        double dc = 0;
        for (int c = 0; c < 3; c++) dc += (meanT[c] - meanS[c]) * (meanT[c] - meanS[c]);
        if (Math.Sqrt(dc / 3) > MaxMeanDifference) return double.MaxValue;
        // A small floor so flat, clean rims still accept ordinary fine-grained skin.
        if (varS / sourceCount > MaxTextureRatio * (varT / count) + 2e-5) return double.MaxValue;
        return ssd / count + 0.25 * dc + InteriorExcess(image, cx, cy, hole, rim, ox, oy);
    }

    /// <summary>
    /// What the patch would bring into the hole beyond its rim's shading: the membrane takes the rim's low band away, so
    /// what shows in the hole is the patch's interior about the plane through its rim. That detail (grey = R + G + B) is
    /// compared with the blemish's rim about its own plane (the texture the hole should get); the excess costs
    /// <see cref="InteriorWeight"/> times a rim mismatch of that energy. The rim cost alone only sees the rim: a smile line, a crease or a highlight
    /// streak crossing a patch's middle was copied into the spot (bench spots on sample1 and sample6).
    /// </summary>
    private static double InteriorExcess(PlanarImage image, float cx, float cy, float hole, int rim, int ox, int oy)
    {
        int icx = (int)MathF.Round(cx), icy = (int)MathF.Round(cy);
        // Least-squares planes a + b dx + c dy through the rim (the same pixels for both, so one normal matrix).
        double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0, syy = 0, tv = 0, tvx = 0, tvy = 0, pv = 0, pvx = 0, pvy = 0;
        for (int y = icy - rim; y <= icy + rim; y++)
            for (int x = icx - rim; x <= icx + rim; x++)
            {
                float dx = x - cx, dy = y - cy, d2 = dx * dx + dy * dy;
                if (d2 > rim * rim || d2 <= hole * hole) continue;
                double t = Grey(image, x, y), p = Grey(image, x + ox, y + oy);
                n++; sx += dx; sy += dy; sxx += dx * dx; sxy += dx * dy; syy += dy * dy;
                tv += t; tvx += t * dx; tvy += t * dy; pv += p; pvx += p * dx; pvy += p * dy;
            }
        double det = n * (sxx * syy - sxy * sxy) - sx * (sx * syy - sxy * sy) + sy * (sx * sxy - sxx * sy);
        if (n < 8 || Math.Abs(det) < 1e-9) return 0;
        (double A, double B, double C) Solve(double v, double vx, double vy) => (
            (v * (sxx * syy - sxy * sxy) - sx * (vx * syy - sxy * vy) + sy * (vx * sxy - sxx * vy)) / det,
            (n * (vx * syy - sxy * vy) - v * (sx * syy - sxy * sy) + sy * (sx * vy - vx * sy)) / det,
            (n * (sxx * vy - vx * sxy) - sx * (sx * vy - vx * sy) + v * (sx * sxy - sxx * sy)) / det);
        var (ta, tb, tc) = Solve(tv, tvx, tvy);
        var (pa, pb, pc) = Solve(pv, pvx, pvy);
        double rimDetail = 0, interiorDetail = 0;
        int interior = 0;
        for (int y = icy - rim; y <= icy + rim; y++)
            for (int x = icx - rim; x <= icx + rim; x++)
            {
                float dx = x - cx, dy = y - cy, d2 = dx * dx + dy * dy;
                if (d2 > rim * rim) continue;
                if (d2 > hole * hole) { double e = Grey(image, x, y) - (ta + tb * dx + tc * dy); rimDetail += e * e; }
                else { double e = Grey(image, x + ox, y + oy) - (pa + pb * dx + pc * dy); interiorDetail += e * e; interior++; }
            }
        if (interior == 0) return 0;
        return InteriorWeight * Math.Max(0, interiorDetail / interior - rimDetail / n);
    }

    /// <summary>
    /// The weight of <see cref="InteriorExcess"/> (grey energy) against the rim cost (a sum of three channels' squared
    /// errors). Quality bench, per-spot visibility removed (spots command): without it 65.4 %; 1/3: 65.5 %; 1: 65.8 %;
    /// 2.5: 66.5 %; 6.7: 66.5 % (a few spots better, a few worse).
    /// </summary>
    private const double InteriorWeight = 2.5;

    [MethodImpl(MethodImplOptions.AggressiveInlining)] // called per pixel of every candidate patch; see FaceCrop.Bilinear
    private static double Grey(PlanarImage image, int x, int y) => image[0, x, y] + image[1, x, y] + image[2, x, y];
}
