using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.StyleBlit;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// FaceBlit's guide channels for one face crop, all in [0, 1]:
/// the appearance guide (grey minus a heavily blurred grey: the face's shading and features without its
/// overall lighting) and a segmentation guide (eyes, brows, lips, mouth opening, face oval from the mesh, one
/// plane each) so that eyes are copied from eyes and mouths from mouths even where the positional guide is off
/// (an open mouth in the photo against a closed one in the style; FaceStyle, Fišer et al. 2017, uses the same idea).
/// </summary>
internal static class FaceGuides
{
    /// <summary>The segmentation planes, in order.</summary>
    public static readonly FaceRegion[] Segments =
        [FaceRegion.Eyes, FaceRegion.Brows, FaceRegion.Lips, FaceRegion.InnerMouth, FaceRegion.FaceOval];

    /// <summary>
    /// (grey − blur(grey)) / 2 + 1/2. The blur is FaceBlit's pyrDown³ (an 8× reduction for a face about 380 px
    /// wide) scaled to the face: an area reduction to about 48 px per face width, then bilinear back up.
    /// </summary>
    public static PlanarImage Appearance(PlanarImage rgb, float faceWidth)
    {
        int w = rgb.Width, h = rgb.Height;
        var grey = new PlanarImage(w, h, 1);
        var g = grey.Data;
        var r = rgb.Plane(0); var gr = rgb.Plane(1); var b = rgb.Plane(2);
        for (int i = 0; i < g.Length; i++) g[i] = 0.299f * r[i] + 0.587f * gr[i] + 0.114f * b[i];
        float factor = MathF.Max(2f, faceWidth / 48f);
        int sw = Math.Max(1, (int)MathF.Round(w / factor)), sh = Math.Max(1, (int)MathF.Round(h / factor));
        var blurred = Resample.BilinearUpsample(Resample.AreaDownsample(grey, sw, sh), w, h);
        var bl = blurred.Data;
        for (int i = 0; i < g.Length; i++) g[i] = Math.Clamp((g[i] - bl[i]) / 2 + 0.5f, 0, 1);
        return grey;
    }

    /// <summary>
    /// FaceBlit's stretch of the style's appearance guide, symmetric about 1/2 so the mean stays put:
    /// m = min(min, 1 − max) over the head, then (a − m) / (1 − 2m).
    /// </summary>
    public static void Stretch(PlanarImage appearance, PlanarImage head)
    {
        float lo = 1, hi = 0;
        var a = appearance.Data; var m = head.Data;
        for (int i = 0; i < a.Length; i++)
            if (m[i] >= 0.5f) { lo = MathF.Min(lo, a[i]); hi = MathF.Max(hi, a[i]); }
        float margin = MathF.Min(lo, 1 - hi);
        if (!(margin > 0) || margin >= 0.5f) return;
        float k = 1 / (1 - 2 * margin);
        for (int i = 0; i < a.Length; i++) a[i] = Math.Clamp((a[i] - margin) * k, 0, 1);
    }

    /// <summary>
    /// Maps <paramref name="target"/>'s values so their distribution inside <paramref name="targetHead"/> matches
    /// <paramref name="reference"/>'s inside <paramref name="referenceHead"/> (CDF matching over 1024 levels):
    /// the two appearance guides then speak the same contrast, whatever the style's medium.
    /// </summary>
    public static void MatchHistogram(PlanarImage target, PlanarImage targetHead, PlanarImage reference, PlanarImage referenceHead)
    {
        const int Bins = 1024;
        var tc = Cdf(target.Data, targetHead.Data, Bins);
        var rc = Cdf(reference.Data, referenceHead.Data, Bins);
        if (tc is null || rc is null) return;
        var map = new float[Bins];
        int j = 0;
        for (int i = 0; i < Bins; i++)
        {
            while (j < Bins - 1 && rc[j] < tc[i]) j++;
            map[i] = (j + 0.5f) / Bins;
        }
        var t = target.Data;
        for (int i = 0; i < t.Length; i++) t[i] = map[Bin(t[i], Bins)];
    }

    private static int Bin(float v, int bins) => Math.Clamp((int)(v * bins), 0, bins - 1);

    private static double[]? Cdf(float[] values, float[] mask, int bins)
    {
        var hist = new double[bins];
        double total = 0;
        for (int i = 0; i < values.Length; i++)
            if (mask[i] >= 0.5f) { hist[Bin(values[i], bins)]++; total++; }
        if (total == 0) return null;
        double run = 0;
        for (int i = 0; i < bins; i++) { run += hist[i]; hist[i] = run / total; }
        return hist;
    }

    /// <summary>The segmentation planes of the face whose mesh (crop pixels) is <paramref name="mesh"/>, over a w x h crop: one image per region.</summary>
    public static PlanarImage[] Segmentation(Vector2[] mesh, int width, int height)
    {
        var regions = new FaceRegions(mesh.Select(p => new Vector3(p, 0)).ToArray());
        // Each plane drawn at a reduced size where its feather is wide (at least 1.5 px there: the oval's is about
        // three times the features'), then brought up bilinearly: the planes are quantised to bytes for the search anyway.
        var planes = new PlanarImage[Segments.Length];
        Parallel.For(0, Segments.Length, i =>
        {
            float feather = (Segments[i] == FaceRegion.FaceOval ? regions.OvalFeather : regions.FeatureFeather) * regions.EyeSpan;
            int factor = Math.Max(1, (int)(feather / 1.5f));
            if (factor == 1) { planes[i] = regions.Mask(Segments[i], width, height); return; }
            int w = GuideUpsample.Reduced(width, factor), h = GuideUpsample.Reduced(height, factor);
            planes[i] = GuideUpsample.Upsample(regions.Mask(Segments[i], w, h, 1f / factor), factor, width, height, KernelOptions.SingleCore);
        });
        return planes;
    }
}
