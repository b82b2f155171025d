using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;

namespace RetouchPlugins.Benchmarks.Dewrinkle;

/// <summary>The numbers of one method on one synthetic-fold photo.</summary>
public sealed record DewrinkleScore(string Method, string Photo, double FoldShapeRemoved, double FoldEnergyRemoved, double PaintedFoldRemoved, double TextureRatio,
    double PatternEdgeSsim, double MaxChangeOutside, double Seconds, double SingleFoldShapeRemoved, double OverlapShapeRemoved, double OverlapShare);

/// <summary>
/// Metrics of the synthetic-fold benchmark. Fold energy is measured in the fold band of the log-luminance
/// change, only where the folds were painted, so the photo's own creases (which every method also flattens)
/// neither help nor hurt: with l(X) = ln(Y_lin(X) + 0.01) and G the Gaussian at the texture scale (0.25 % Hp,
/// it drops weave and 8-bit noise), d_in = G(l(folded) - l(clean)), d_out = G(l(result) - l(clean)), over the
/// support S where the painted shade |ln k| is at least 0.02: energy removed = 1 - sum_S d_out^2 / sum_S d_in^2,
/// fold shape removed = 1 - sum_S d_out s / sum_S d_in s with s = G(painted shade): the share of the painted
/// fold's own profile still in the result (a projection: changes that do not follow the painted fold, such as
/// the photo's own creases flattened under it, neither help nor hurt on average). Painted fold removed is the energy measure with d_out =
/// G(l(result) - l(result on the clean photo)): what the method does to the photo's own creases under the painted
/// folds cancels (the first measure counts it against the method). Also: fine-band texture ratio (difference-of-Gaussians
/// energy of the luma, sigma 0.8 and 2.4 px, result over reference, on the garment away from the painted pattern:
/// 1.0 = weave kept), SSIM of the luma on the pattern's and seam's edges (reference vs result), and the largest
/// change where the garment mask is 0 (8-bit levels, result vs the folded input).
/// </summary>
public static class DewrinkleMetrics
{
    /// <summary>Painted shade (log luminance) at which a pixel counts as part of a fold.</summary>
    public const float SupportShade = 0.02f;

    public static DewrinkleScore Score(string method, string photo, FoldSet set, PlanarImage result, PlanarImage resultOnClean, double seconds)
    {
        var texture = TextureRegion(set);
        var (energy, shape) = FoldRemoved(set, result);
        var (painted, _) = FoldRemoved(set, result, resultOnClean);
        var (_, single) = FoldRemoved(set, result, null, count => count == 1);
        var (_, overlap) = FoldRemoved(set, result, null, count => count >= 2);
        return new DewrinkleScore(method, photo, shape, energy, painted,
            QualityMetrics.TextureRetention(set.Reference, result, texture),
            set.PatternEdges.Data.Any(v => v >= 0.5f) ? QualityMetrics.Ssim(set.Reference, result, set.PatternEdges) : double.NaN,
            MaxChangeOutside(set.Folded, result, set.Garment),
            seconds, single, overlap, OverlapShare(set));
    }

    /// <summary>The share of the painted folds' shape (sum d_in s over the support) where two or more folds overlap.</summary>
    public static double OverlapShare(FoldSet set)
    {
        var dIn = FoldBand(set, set.Folded);
        var shade = GaussianBlur.Apply(set.Shade, MathF.Max(0.5f, 0.0025f * set.PersonHeight));
        double all = 0, overlap = 0;
        for (int i = 0; i < set.Shade.Data.Length; i++)
        {
            if (MathF.Abs(set.Shade.Data[i]) < SupportShade) continue;
            double v = dIn.Data[i] * shade.Data[i];
            all += v;
            if (set.Overlaps.Data[i] >= 2) overlap += v;
        }
        return all > 0 ? overlap / all : double.NaN;
    }

    /// <summary>Fold energy and fold shape removed (see the class comment).</summary>
    /// <param name="resultOnClean">What the method made of the clean photo: the result is compared with it instead of the clean photo.</param>
    /// <param name="overlapFilter">Only support pixels whose fold count (<see cref="FoldSet.Overlaps"/>) passes this (all when null).</param>
    public static (double Energy, double Shape) FoldRemoved(FoldSet set, PlanarImage result, PlanarImage? resultOnClean = null, Func<float, bool>? overlapFilter = null)
    {
        float sigma = MathF.Max(0.5f, 0.0025f * set.PersonHeight);
        var dIn = FoldBand(set, set.Folded);
        var dOut = FoldBand(set, result, resultOnClean);
        var shade = GaussianBlur.Apply(set.Shade, sigma);
        double inE = 0, outE = 0, inS = 0, outS = 0;
        for (int i = 0; i < set.Shade.Data.Length; i++)
        {
            if (MathF.Abs(set.Shade.Data[i]) < SupportShade) continue;
            if (overlapFilter is not null && !overlapFilter(set.Overlaps.Data[i])) continue;
            double a = dIn.Data[i], b = dOut.Data[i], s = shade.Data[i];
            inE += a * a; outE += b * b; inS += a * s; outS += b * s;
        }
        return inE > 0 ? (1 - outE / inE, 1 - outS / inS) : (double.NaN, double.NaN);
    }

    /// <summary>d = G(l(image) - l(against)), against = the clean photo unless given: the fold band the measures integrate.</summary>
    public static PlanarImage FoldBand(FoldSet set, PlanarImage image, PlanarImage? against = null) =>
        GaussianBlur.Apply(Minus(LogLuminance(image), LogLuminance(against ?? set.Reference)), MathF.Max(0.5f, 0.0025f * set.PersonHeight));

    private static PlanarImage LogLuminance(PlanarImage image)
    {
        var l = new PlanarImage(image.Width, image.Height, 1);
        int n = image.PlaneSize;
        for (int i = 0; i < n; i++)
            l.Data[i] = MathF.Log(0.2126f * Oklab.SrgbToLinear(image.Data[i]) + 0.7152f * Oklab.SrgbToLinear(image.Data[n + i])
                + 0.0722f * Oklab.SrgbToLinear(image.Data[2 * n + i]) + 0.01f);
        return l;
    }

    private static PlanarImage Minus(PlanarImage a, PlanarImage b)
    {
        for (int i = 0; i < a.Data.Length; i++) a.Data[i] -= b.Data[i];
        return a;
    }

    /// <summary>Solid garment (mask at least 0.5) at least 3 px from the pattern and seam.</summary>
    public static PlanarImage TextureRegion(FoldSet set)
    {
        var near = PlaneMath.Dilate(set.PatternEdges, 3 + (int)(0.08f * set.PersonHeight));
        var region = new PlanarImage(set.Garment.Width, set.Garment.Height, 1);
        for (int i = 0; i < region.Data.Length; i++)
            region.Data[i] = set.Garment.Data[i] >= 0.5f && near.Data[i] < 0.5f ? 1 : 0;
        return region;
    }

    /// <summary>Largest |result - input| in 8-bit levels over the RGB samples where the mask is exactly 0.</summary>
    public static double MaxChangeOutside(PlanarImage input, PlanarImage result, PlanarImage mask)
    {
        double max = 0;
        int n = input.PlaneSize;
        for (int i = 0; i < n; i++)
        {
            if (mask.Data[i] != 0) continue;
            for (int c = 0; c < 3; c++) max = Math.Max(max, Math.Abs(input.Data[c * n + i] - result.Data[c * n + i]) * 255.0);
        }
        return max;
    }
}
