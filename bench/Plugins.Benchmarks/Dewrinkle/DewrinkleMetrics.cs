using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Benchmarks.Dewrinkle;

/// <summary>The numbers of one method on one synthetic-fold photo.</summary>
public sealed record DewrinkleScore(string Method, string Photo, double FoldEnergyRemoved, double PaintedFoldRemoved, double TextureRatio,
    double PatternEdgeSsim, double MaxChangeOutside, double Seconds);

/// <summary>
/// Metrics of the synthetic-fold benchmark: fold energy removed (1 - sum|R - ref| / sum|folded - ref| over the
/// fold mask, RGB: the measure; what a method does to the photo's own creases under the painted ones counts
/// against it), painted fold removed (1 - sum|R(folded) - R(ref)| / sum|folded - ref|: the same method run on the
/// reference too, so only the painted folds count), fine-band texture ratio (difference-of-Gaussians energy of the luma, sigma 0.8 and 2.4 px,
/// result over reference, on the garment away from the painted pattern: 1.0 = weave kept), SSIM of the luma on
/// the pattern's and seam's edges (reference vs result), and the largest change where the garment mask is 0
/// (8-bit levels, result vs the folded input).
/// </summary>
public static class DewrinkleMetrics
{
    public static DewrinkleScore Score(string method, string photo, FoldSet set, PlanarImage result, PlanarImage resultOnReference, double seconds)
    {
        var texture = TextureRegion(set);
        return new DewrinkleScore(method, photo,
            QualityMetrics.BlemishEnergyRemoved(set.Reference, set.Folded, result, set.FoldMask),
            PaintedFoldRemoved(set, result, resultOnReference),
            QualityMetrics.TextureRetention(set.Reference, result, texture),
            set.PatternEdges.Data.Any(v => v >= 0.5f) ? QualityMetrics.Ssim(set.Reference, result, set.PatternEdges) : double.NaN,
            MaxChangeOutside(set.Folded, result, set.Garment),
            seconds);
    }

    public static double PaintedFoldRemoved(FoldSet set, PlanarImage result, PlanarImage resultOnReference)
    {
        double left = 0, painted = 0;
        int n = set.FoldMask.PlaneSize;
        for (int i = 0; i < n; i++)
        {
            if (set.FoldMask.Data[i] < 0.5f) continue;
            for (int c = 0; c < 3; c++)
            {
                left += Math.Abs(result.Data[c * n + i] - resultOnReference.Data[c * n + i]);
                painted += Math.Abs(set.Folded.Data[c * n + i] - set.Reference.Data[c * n + i]);
            }
        }
        return painted > 0 ? 1 - left / painted : double.NaN;
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
