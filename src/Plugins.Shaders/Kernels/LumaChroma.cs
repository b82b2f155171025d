namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Rec. 601 luma Y = 0.299 R + 0.587 G + 0.114 B and the colour differences R − Y, G − Y, B − Y. Adding the
/// same ΔY to R, G and B moves Y by ΔY and keeps Cb ∝ B − Y and Cr ∝ R − Y, so "luma from one image,
/// chroma from another" is out = other + (Y_one − Y_other).
/// </summary>
public static class LumaChroma
{
    public static float Luma(float r, float g, float b) => 0.299f * r + 0.587f * g + 0.114f * b;

    /// <summary>The luma plane of an RGB image.</summary>
    public static PlanarImage Luma(PlanarImage rgb)
    {
        if (rgb.Channels < 3) throw new ArgumentException($"luma needs RGB, got {rgb.Channels} plane(s)");
        var y = new PlanarImage(rgb.Width, rgb.Height, 1);
        var r = rgb.Plane(0); var g = rgb.Plane(1); var b = rgb.Plane(2);
        for (int i = 0; i < y.Data.Length; i++) y.Data[i] = Luma(r[i], g[i], b[i]);
        return y;
    }

    /// <summary>The colour differences R − Y, G − Y, B − Y as three planes.</summary>
    public static PlanarImage ColourDifferences(PlanarImage rgb, PlanarImage luma)
    {
        var d = new PlanarImage(rgb.Width, rgb.Height, 3);
        for (int c = 0; c < 3; c++)
        {
            var src = rgb.Plane(c); var dst = d.Plane(c);
            for (int i = 0; i < dst.Length; i++) dst[i] = src[i] - luma.Data[i];
        }
        return d;
    }

    /// <summary>RGB from a luma plane and colour differences, clamped to [0, 1].</summary>
    public static PlanarImage Combine(PlanarImage luma, PlanarImage differences)
    {
        var rgb = new PlanarImage(luma.Width, luma.Height, 3);
        for (int c = 0; c < 3; c++)
        {
            var src = differences.Plane(c); var dst = rgb.Plane(c);
            for (int i = 0; i < dst.Length; i++) dst[i] = Math.Clamp(luma.Data[i] + src[i], 0f, 1f);
        }
        return rgb;
    }
}
