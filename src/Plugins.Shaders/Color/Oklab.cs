namespace RetouchPlugins.Shaders.Color;

/// <summary>
/// Oklab (Björn Ottosson, 2020) for sRGB-encoded samples in [0, 1]: L is perceived lightness, (a, b) the
/// opponent colour axes whose angle is the hue. Whitening moves L and keeps the (a, b) direction.
/// </summary>
public static class Oklab
{
    public static float SrgbToLinear(float c) => c <= 0.04045f ? c / 12.92f : MathF.Pow((c + 0.055f) / 1.055f, 2.4f);

    public static float LinearToSrgb(float c)
    {
        if (c <= 0) return 0;
        return c <= 0.0031308f ? 12.92f * c : 1.055f * MathF.Pow(c, 1 / 2.4f) - 0.055f;
    }

    public static (float L, float A, float B) FromSrgb(float r, float g, float b)
        => FromLinear(SrgbToLinear(r), SrgbToLinear(g), SrgbToLinear(b));

    /// <summary>Oklab of linear-light RGB (for callers that linearise with their own lookup table).</summary>
    public static (float L, float A, float B) FromLinear(float r, float g, float b)
    {
        float l = MathF.Cbrt(0.4122214708f * r + 0.5363325363f * g + 0.0514459929f * b);
        float m = MathF.Cbrt(0.2119034982f * r + 0.6806995451f * g + 0.1073969566f * b);
        float s = MathF.Cbrt(0.0883024619f * r + 0.2817188376f * g + 0.6299787005f * b);
        return (0.2104542553f * l + 0.7936177850f * m - 0.0040720468f * s,
                1.9779984951f * l - 2.4285922050f * m + 0.4505937099f * s,
                0.0259040371f * l + 0.7827717662f * m - 0.8086757660f * s);
    }

    public static (float R, float G, float B) ToSrgb(float L, float a, float b)
    {
        float l = L + 0.3963377774f * a + 0.2158037573f * b;
        float m = L - 0.1055613458f * a - 0.0638541728f * b;
        float s = L - 0.0894841775f * a - 1.2914855480f * b;
        l = l * l * l; m = m * m * m; s = s * s * s;
        float r = 4.0767416621f * l - 3.3077115913f * m + 0.2309699292f * s;
        float g = -1.2684380046f * l + 2.6097574011f * m - 0.3413193965f * s;
        float bl = -0.0041960863f * l - 0.7034186147f * m + 1.7076147010f * s;
        return (Math.Clamp(LinearToSrgb(r), 0, 1), Math.Clamp(LinearToSrgb(g), 0, 1), Math.Clamp(LinearToSrgb(bl), 0, 1));
    }
}
