using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Dewrinkle;

/// <summary>One fold scale: the fold's width (Gaussian sigma across it, pixels) and how much of what is found there is removed (0..1).</summary>
public readonly record struct FoldScale(float Sigma, float Gain);

/// <summary>
/// How deep each pixel sits in a line-like valley (a crease's shadow) or how high on a line-like ridge (its lit
/// crest), in log luminance, measured across the fold at several fold widths. At scale s the direction across
/// the fold is the Hessian's strongest eigenvector of the plane blurred at s; the profile (the plane blurred at
/// <see cref="ProfileBlur"/> s) is read at the pixel (centre) and at <see cref="FlankDistance"/> s on both sides
/// (flanks). Valley depth = min(flank1, flank2) - centre, ridge height = centre - max(flank1, flank2): one-sided,
/// so a step edge (seam, garment overlap, print border, silhouette: flanks on different levels, the centre
/// between or on one of them) scores 0 by construction, and on a slope the lower flank bounds the depth. The
/// same test is made at <see cref="AlongDistance"/> s before and after the pixel along the fold and the smallest
/// of the three kept: a fold continues along its line, a spot or a weave knot does not. Read at every pixel,
/// the depth is the valley's own profile (the flanks stay outside it), so removing it needs no spreading.
/// Prints: a shading fold multiplies R, G and B alike, so chromaticity is the same at the centre and on both
/// flanks; where it differs (a stripe of another ink, a coloured seam) the depth is held back by
/// 1 - protect smoothstep(<see cref="ChromaLow"/>, <see cref="ChromaHigh"/>, distance). Depths below
/// <see cref="NoiseFloor"/> are cored away (flat cloth and its noise stay as they are). Across scales the
/// strongest finding per pixel wins (a fold is counted once, at the width that matches it best).
/// </summary>
public static class ValleyDepth
{
    /// <summary>Profile blur as a share of the scale: enough to average the weave and 8-bit noise, little enough to keep a fold's depth (a matched valley keeps 94 %).</summary>
    public static float ProfileBlur => Tune.Get("PB", 0.35f);
    /// <summary>Flanks at 2.5 sigma: a Gaussian valley is back to 4 % of its depth there; a crest beside it (2.2 sigma) is on one flank only.</summary>
    public static float FlankDistance => Tune.Get("FD", 2.5f);
    /// <summary>The along-the-fold checks, before and after the pixel.</summary>
    public static float AlongDistance => Tune.Get("AD", 2f);
    /// <summary>Chromaticity distance (r, g of (R, G, B) / (R + G + B), offset like the log) where protection starts and where it is full.</summary>
    public static float ChromaLow => Tune.Get("CL", 0.05f);
    public static float ChromaHigh => Tune.Get("CH", 0.15f);
    /// <summary>Depths below this (log luminance) are not folds; full depth from twice this.</summary>
    public static float NoiseFloor => Tune.Get("NF", 0.015f);

    /// <param name="plane">Log luminance (smoothed at the texture scale, extended past the garment), width x height.</param>
    /// <param name="chromaR">Chromaticity r, prepared like <paramref name="plane"/>.</param>
    /// <param name="chromaG">Chromaticity g.</param>
    /// <param name="scales">Fold widths and their gains.</param>
    /// <param name="protect">0 = prints are not protected, 1 = fully.</param>
    /// <returns>Signed depth: positive = valley depth (lift by it), negative = ridge height (lower by it).</returns>
    public static float[] Measure(float[] plane, float[] chromaR, float[] chromaG, int width, int height, IReadOnlyList<FoldScale> scales,
        float protect, KernelOptions? options = null)
    {
        var best = new float[plane.Length];
        foreach (var scale in scales)
        {
            if (scale.Gain <= 0) continue;
            float sigma = scale.Sigma;
            var (nx, ny) = AcrossDirection(NearGaussian.Blur(plane, width, height, sigma, options), width, height, options);
            float blur = ProfileBlur * sigma;
            var profile = NearGaussian.Blur(plane, width, height, blur, options);
            var r = NearGaussian.Blur(chromaR, width, height, blur, options);
            var g = NearGaussian.Blur(chromaG, width, height, blur, options);
            float flank = FlankDistance * sigma, along = AlongDistance * sigma;
            RowBands.For(height, options, (y0, y1) =>
            {
                for (int y = y0; y < y1; y++)
                    for (int x = 0; x < width; x++)
                    {
                        int i = y * width + x;
                        float ux = nx[i] * flank, uy = ny[i] * flank;     // across
                        float tx = -ny[i] * along, ty = nx[i] * along;    // along
                        float valley = float.MaxValue, ridge = float.MaxValue;
                        float sc = 0, sa = 0, sb = 0;
                        for (int k = -1; k <= 1; k++)
                        {
                            if (k != 0 && AlongDistance == 0) continue;
                            float cx = x + k * tx, cy = y + k * ty;
                            float c = Sample(profile, width, height, cx, cy);
                            float a = Sample(profile, width, height, cx + ux, cy + uy);
                            float b = Sample(profile, width, height, cx - ux, cy - uy);
                            sc += c; sa += a; sb += b;
                            valley = MathF.Min(valley, MathF.Min(a, b) - c);
                            ridge = MathF.Min(ridge, c - MathF.Max(a, b));
                        }
                        if (Tune.Get("AM", 0) > 0 && AlongDistance > 0)
                        {
                            valley = MathF.Min(sa, sb) / 3 - sc / 3;
                            ridge = sc / 3 - MathF.Max(sa, sb) / 3;
                        }
                        float depth = valley > 0 ? valley : ridge > 0 ? -Tune.Get("RG", 1f) * ridge : 0;
                        if (depth == 0) continue;
                        depth *= scale.Gain * Core(MathF.Abs(depth));
                        if (MathF.Abs(depth) <= MathF.Abs(best[i])) continue;
                        float chroma = MathF.Max(
                            ChromaDistance(r, g, width, height, x, y, x + ux, y + uy),
                            ChromaDistance(r, g, width, height, x, y, x - ux, y - uy));
                        depth *= 1 - protect * RidgeLikelihood.SmoothStep(ChromaLow, ChromaHigh, chroma);
                        if (MathF.Abs(depth) > MathF.Abs(best[i])) best[i] = depth;
                    }
            });
        }
        return best;
    }

    /// <summary>Coring: 0 below the noise floor, 1 from twice it, smooth between.</summary>
    private static float Core(float depth) => RidgeLikelihood.SmoothStep(NoiseFloor, 2 * NoiseFloor, depth);

    private static float ChromaDistance(float[] r, float[] g, int width, int height, float x0, float y0, float x1, float y1)
    {
        float dr = Sample(r, width, height, x0, y0) - Sample(r, width, height, x1, y1);
        float dg = Sample(g, width, height, x0, y0) - Sample(g, width, height, x1, y1);
        return MathF.Sqrt(dr * dr + dg * dg);
    }

    /// <summary>
    /// The unit vector across a fold at each pixel: the eigenvector of the Hessian's eigenvalue of largest magnitude
    /// (the direction of strongest curvature; along a fold the curvature is small). (1, 0) where the plane is flat.
    /// </summary>
    public static (float[] X, float[] Y) AcrossDirection(float[] smooth, int width, int height, KernelOptions? options = null)
    {
        var nx = new float[smooth.Length];
        var ny = new float[smooth.Length];
        RowBands.For(height, options, (y0, y1) =>
        {
            for (int y = y0; y < y1; y++)
            {
                int ym = Math.Max(0, y - 1) * width, yc = y * width, yp = Math.Min(height - 1, y + 1) * width;
                for (int x = 0; x < width; x++)
                {
                    int xm = Math.Max(0, x - 1), xp = Math.Min(width - 1, x + 1);
                    float c = smooth[yc + x];
                    float dxx = smooth[yc + xp] - 2 * c + smooth[yc + xm];
                    float dyy = smooth[yp + x] - 2 * c + smooth[ym + x];
                    float dxy = (smooth[yp + xp] - smooth[yp + xm] - smooth[ym + xp] + smooth[ym + xm]) * 0.25f;
                    float half = 0.5f * (dxx + dyy), root = MathF.Sqrt(0.25f * (dxx - dyy) * (dxx - dyy) + dxy * dxy);
                    float lambda = MathF.Abs(half + root) >= MathF.Abs(half - root) ? half + root : half - root;
                    // (H - lambda I) v = 0: v = (dxy, lambda - dxx) or (lambda - dyy, dxy), whichever is better conditioned.
                    float ax = dxy, ay = lambda - dxx, bx = lambda - dyy, by = dxy;
                    float a2 = ax * ax + ay * ay, b2 = bx * bx + by * by;
                    float vx = a2 >= b2 ? ax : bx, vy = a2 >= b2 ? ay : by, norm = MathF.Sqrt(MathF.Max(a2, b2));
                    if (norm < 1e-12f) { nx[yc + x] = 1; ny[yc + x] = 0; continue; }
                    nx[yc + x] = vx / norm; ny[yc + x] = vy / norm;
                }
            }
        });
        return (nx, ny);
    }

    /// <summary>Bilinear sample, clamped to the plane.</summary>
    private static float Sample(float[] p, int width, int height, float x, float y)
    {
        x = Math.Clamp(x, 0, width - 1); y = Math.Clamp(y, 0, height - 1);
        int x0 = Math.Min((int)x, width - 2 < 0 ? 0 : width - 2), y0 = Math.Min((int)y, height - 2 < 0 ? 0 : height - 2);
        int x1 = Math.Min(x0 + 1, width - 1), y1 = Math.Min(y0 + 1, height - 1);
        float fx = x - x0, fy = y - y0;
        float top = p[y0 * width + x0] + fx * (p[y0 * width + x1] - p[y0 * width + x0]);
        float bottom = p[y1 * width + x0] + fx * (p[y1 * width + x1] - p[y1 * width + x0]);
        return top + fy * (bottom - top);
    }
}

// TEMPORARY tuning hook, removed before commit.
public static class Tune
{
    public static float Get(string name, float fallback) =>
        Environment.GetEnvironmentVariable("DW_" + name) is { } v ? float.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
    public static void Dump(string path, float[] p, int w, int h, float lo, float hi)
    {
        using var f = File.Create(path);
        var header = System.Text.Encoding.ASCII.GetBytes($"P5 {w} {h} 255\n");
        f.Write(header);
        foreach (var v in p) f.WriteByte((byte)Math.Clamp((v - lo) / (hi - lo) * 255, 0, 255));
    }
}
