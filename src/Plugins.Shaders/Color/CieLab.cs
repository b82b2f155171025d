namespace RetouchPlugins.Shaders.Color;

/// <summary>
/// CIELAB (D65 white, 2° observer) for sRGB-encoded samples in [0, 1]: L in [0, 100], a and b roughly in
/// [-128, 127]. The makeup transfer works here rather than in Oklab because its two yardsticks live here:
/// Guo and Sim's parameters were set in CIELAB, and ΔE2000, the colour difference the effect is measured
/// by, is defined on CIELAB.
/// </summary>
public static class CieLab
{
    // sRGB primaries to XYZ (IEC 61966-2-1), rows divided by the D65 white so that white maps to (1, 1, 1).
    private const float Xr = 0.4124564f / 0.95047f, Xg = 0.3575761f / 0.95047f, Xb = 0.1804375f / 0.95047f;
    private const float Yr = 0.2126729f, Yg = 0.7151522f, Yb = 0.0721750f;
    private const float Zr = 0.0193339f / 1.08883f, Zg = 0.1191920f / 1.08883f, Zb = 0.9503041f / 1.08883f;
    private const float Epsilon = 216f / 24389f, Kappa = 24389f / 27f;

    public static (float L, float A, float B) FromSrgb(float r, float g, float b) =>
        FromLinear(Oklab.SrgbToLinear(Math.Clamp(r, 0, 1)), Oklab.SrgbToLinear(Math.Clamp(g, 0, 1)), Oklab.SrgbToLinear(Math.Clamp(b, 0, 1)));

    public static (float L, float A, float B) FromLinear(float r, float g, float b)
    {
        float fx = F(Xr * r + Xg * g + Xb * b), fy = F(Yr * r + Yg * g + Yb * b), fz = F(Zr * r + Zg * g + Zb * b);
        return (116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    /// <summary>sRGB of a Lab colour, clipped to [0, 1] (colours outside the gamut come back as the nearest channel values).</summary>
    public static (float R, float G, float B) ToSrgb(float L, float a, float b)
    {
        float fy = (L + 16) / 116, fx = fy + a / 500, fz = fy - b / 200;
        float x = FInverse(fx) * 0.95047f, y = FInverse(fy), z = FInverse(fz) * 1.08883f;
        float r = 3.2404542f * x - 1.5371385f * y - 0.4985314f * z;
        float g = -0.9692660f * x + 1.8760108f * y + 0.0415560f * z;
        float bl = 0.0556434f * x - 0.2040259f * y + 1.0572252f * z;
        return (Math.Clamp(Oklab.LinearToSrgb(r), 0, 1), Math.Clamp(Oklab.LinearToSrgb(g), 0, 1), Math.Clamp(Oklab.LinearToSrgb(bl), 0, 1));
    }

    /// <summary>Three planes L, a, b of the first three planes (R, G, B) of <paramref name="rgb"/>.</summary>
    public static PlanarImage FromSrgb(PlanarImage rgb)
    {
        if (rgb.Channels < 3) throw new ArgumentException($"CIELAB needs an RGB image, got {rgb.Channels} plane(s)", nameof(rgb));
        var lab = new PlanarImage(rgb.Width, rgb.Height, 3);
        Parallel.For(0, rgb.Height, y =>
        {
            var r = rgb.Row(0, y); var g = rgb.Row(1, y); var b = rgb.Row(2, y);
            var lo = lab.Row(0, y); var ao = lab.Row(1, y); var bo = lab.Row(2, y);
            for (int x = 0; x < r.Length; x++) (lo[x], ao[x], bo[x]) = FromSrgb(r[x], g[x], b[x]);
        });
        return lab;
    }

    private static float F(float t) => t > Epsilon ? MathF.Cbrt(t) : (Kappa * t + 16) / 116;

    private static float FInverse(float f)
    {
        float f3 = f * f * f;
        return f3 > Epsilon ? f3 : (116 * f - 16) / Kappa;
    }
}
