using RetouchPlugins.Shaders;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>
/// The benchmark's image metrics. Images are RGB in [0, 1]; masks are one plane, a pixel counts where the mask is &gt;= 0.5.
/// </summary>
public static class QualityMetrics
{
    /// <summary>PSNR reported for identical images (the MSE is 0).</summary>
    public const double PsnrCap = 100;

    /// <summary>Sigma of the fine and coarse Gaussians of the pore-scale band pass (pixels of a 1920 px photo).</summary>
    public const float PoreSigmaFine = 0.8f, PoreSigmaCoarse = 2.4f;

    /// <summary>PSNR (dB, peak 1) over the RGB samples of the pixels inside the mask; capped at <see cref="PsnrCap"/>.</summary>
    public static double Psnr(PlanarImage reference, PlanarImage test, PlanarImage mask)
    {
        Check(reference, test, mask);
        double sum = 0; long count = 0;
        var m = mask.Plane(0);
        for (int c = 0; c < 3; c++)
        {
            var a = reference.Plane(c); var b = test.Plane(c);
            for (int i = 0; i < m.Length; i++)
                if (m[i] >= 0.5f) { double d = a[i] - b[i]; sum += d * d; count++; }
        }
        if (count == 0) throw new ArgumentException("the mask selects no pixel");
        double mse = sum / count;
        return mse <= 0 ? PsnrCap : Math.Min(PsnrCap, 10 * Math.Log10(1 / mse));
    }

    /// <summary>
    /// Mean SSIM (Wang et al. 2004: Gaussian window sigma 1.5, K1 0.01, K2 0.03, peak 1) of the luma,
    /// averaged over the pixels inside the mask.
    /// </summary>
    public static double Ssim(PlanarImage reference, PlanarImage test, PlanarImage mask)
    {
        Check(reference, test, mask);
        const float sigma = 1.5f, c1 = 0.01f * 0.01f, c2 = 0.03f * 0.03f;
        var x = PlaneMath.Luma(reference); var y = PlaneMath.Luma(test);
        int n = x.PlaneSize;
        var products = new PlanarImage(x.Width, x.Height, 3);
        var xs = x.Plane(0); var ys = y.Plane(0);
        var xx = products.Plane(0); var yy = products.Plane(1); var xy = products.Plane(2);
        for (int i = 0; i < n; i++) { xx[i] = xs[i] * xs[i]; yy[i] = ys[i] * ys[i]; xy[i] = xs[i] * ys[i]; }
        var mx = GaussianBlur.Apply(x, sigma).Data; var my = GaussianBlur.Apply(y, sigma).Data;
        var second = GaussianBlur.Apply(products, sigma);
        var sxx = second.Plane(0); var syy = second.Plane(1); var sxy = second.Plane(2);
        var m = mask.Plane(0);
        double sum = 0; long count = 0;
        for (int i = 0; i < n; i++)
        {
            if (m[i] < 0.5f) continue;
            float vx = sxx[i] - mx[i] * mx[i], vy = syy[i] - my[i] * my[i], cov = sxy[i] - mx[i] * my[i];
            sum += (2 * mx[i] * my[i] + c1) * (2 * cov + c2) / ((mx[i] * mx[i] + my[i] * my[i] + c1) * (vx + vy + c2));
            count++;
        }
        if (count == 0) throw new ArgumentException("the mask selects no pixel");
        return sum / count;
    }

    /// <summary>
    /// Share of the painted blemish removed: 1 - sum|result - clean| / sum|blemished - clean| over the RGB samples
    /// inside the blemish mask. 1 = back to the clean photo, 0 = untouched, negative = made worse.
    /// </summary>
    public static double BlemishEnergyRemoved(PlanarImage clean, PlanarImage blemished, PlanarImage result, PlanarImage blemishMask)
    {
        Check(clean, blemished, blemishMask); Check(clean, result, blemishMask);
        double left = 0, painted = 0;
        var m = blemishMask.Plane(0);
        for (int c = 0; c < 3; c++)
        {
            var k = clean.Plane(c); var b = blemished.Plane(c); var r = result.Plane(c);
            for (int i = 0; i < m.Length; i++)
                if (m[i] >= 0.5f) { left += Math.Abs(r[i] - k[i]); painted += Math.Abs(b[i] - k[i]); }
        }
        if (painted <= 0) throw new ArgumentException("the blemished image equals the clean one inside the mask");
        return 1 - left / painted;
    }

    /// <summary>
    /// Pore-scale texture kept: band-pass energy (sum of squares of a difference of Gaussians of the luma) of the
    /// result over that of the clean photo, inside <paramref name="region"/> (blemish-free skin). 1 = all texture kept.
    /// </summary>
    public static double TextureRetention(PlanarImage clean, PlanarImage result, PlanarImage region)
    {
        Check(clean, result, region);
        double e = BandEnergy(result, region), reference = BandEnergy(clean, region);
        if (reference <= 0) throw new ArgumentException("the clean photo has no texture inside the region");
        return e / reference;
    }

    public static double BandEnergy(PlanarImage image, PlanarImage region)
    {
        var luma = PlaneMath.Luma(image);
        var fine = GaussianBlur.Apply(luma, PoreSigmaFine).Data;
        var coarse = GaussianBlur.Apply(luma, PoreSigmaCoarse).Data;
        var m = region.Plane(0);
        double sum = 0;
        for (int i = 0; i < m.Length; i++)
            if (m[i] >= 0.5f) { double d = fine[i] - coarse[i]; sum += d * d; }
        return sum;
    }

    /// <summary>Largest and mean absolute change (RGB samples, 0-255 units) where the person mask is below 0.5.</summary>
    public static (double Max, double Mean) ChangeOutside(PlanarImage input, PlanarImage result, PlanarImage personMask)
    {
        Check(input, result, personMask);
        double max = 0, sum = 0; long count = 0;
        var m = personMask.Plane(0);
        for (int c = 0; c < 3; c++)
        {
            var a = input.Plane(c); var b = result.Plane(c);
            for (int i = 0; i < m.Length; i++)
            {
                if (m[i] >= 0.5f) continue;
                double d = Math.Abs(a[i] - b[i]) * 255;
                sum += d; count++;
                if (d > max) max = d;
            }
        }
        return count == 0 ? (0, 0) : (max, sum / count);
    }

    private static void Check(PlanarImage a, PlanarImage b, PlanarImage mask)
    {
        PlaneMath.RequireRgb(a); PlaneMath.RequireRgb(b);
        PlaneMath.RequireSameSize(a, b, "images");
        PlaneMath.RequireSameSize(a, mask, "image and mask");
        if (mask.Channels != 1) throw new ArgumentException("a mask has one plane");
    }
}
