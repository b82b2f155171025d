namespace RetouchPlugins.Shaders.Color;

/// <summary>
/// An RGB colour space as a matrix-shaper ICC profile describes one (sRGB, Adobe RGB, ProPhoto, Display P3): a tone
/// curve per channel to linear light, then the primaries' matrix to CIE XYZ relative to the D50 white of the ICC
/// connection space. Two spaces convert through XYZ: linear = inverse(to)·from.
/// </summary>
public sealed class RgbColourSpace
{
    /// <param name="toXyzD50">Row-major 3x3: XYZ = M · (r, g, b) linear; its columns are the profile's rXYZ, gXYZ, bXYZ.</param>
    public RgbColourSpace(string name, float[] toXyzD50, ToneCurve red, ToneCurve green, ToneCurve blue)
    {
        if (toXyzD50.Length != 9) throw new ArgumentException("a 3x3 matrix", nameof(toXyzD50));
        Name = name;
        ToXyzD50 = toXyzD50;
        Curves = [red, green, blue];
    }

    public string Name { get; }

    public float[] ToXyzD50 { get; }

    public ToneCurve[] Curves { get; }

    /// <summary>sRGB (IEC 61966-2-1) with its primaries adapted to D50 by Bradford, as sRGB profiles carry them.</summary>
    public static RgbColourSpace Srgb { get; } = new("sRGB",
        [0.4360747f, 0.3850649f, 0.1430804f,
         0.2225045f, 0.7168786f, 0.0606169f,
         0.0139322f, 0.0971045f, 0.7141733f],
        ToneCurve.Srgb, ToneCurve.Srgb, ToneCurve.Srgb);

    /// <summary>
    /// Adobe RGB (1998) with its primaries adapted to D50 by Bradford and its gamma of 563/256: what a camera set to Adobe
    /// RGB means when it writes no profile (the DCF "option file" EXIF tags say so instead).
    /// </summary>
    public static RgbColourSpace AdobeRgb { get; } = new("Adobe RGB (1998)",
        [0.6097559f, 0.2052401f, 0.1492240f,
         0.3111242f, 0.6256560f, 0.0632197f,
         0.0194811f, 0.0608902f, 0.7448387f],
        ToneCurve.Gamma(563 / 256f), ToneCurve.Gamma(563 / 256f), ToneCurve.Gamma(563 / 256f));

    /// <summary>
    /// True when this space is <paramref name="other"/> within what 8-bit files can tell apart: primaries within
    /// 0.003 (profiles round them to 16-bit fractions, and writers adapt them to D50 a little differently) and tone
    /// curves within half an 8-bit level of linear light. Many sRGB profiles (HP's, Apple's, compact v4 ones) differ
    /// from each other that little.
    /// </summary>
    public bool IsCloseTo(RgbColourSpace other)
    {
        for (int i = 0; i < 9; i++) if (MathF.Abs(ToXyzD50[i] - other.ToXyzD50[i]) > 0.003f) return false;
        for (int c = 0; c < 3; c++) if (Curves[c].Distance(other.Curves[c]) > 0.5f / 255) return false;
        return true;
    }

    /// <summary>
    /// The matrix from this space's linear RGB to <paramref name="target"/>'s linear RGB (row-major): each column solves
    /// target · column = this space's column, so the product with the inverse is never formed.
    /// </summary>
    public float[] LinearTo(RgbColourSpace target)
    {
        var to = Array.ConvertAll(target.ToXyzD50, v => (double)v);
        var m = new float[9];
        for (int c = 0; c < 3; c++)
        {
            var column = Kernels.LinearSolve.Solve(to, [ToXyzD50[c], ToXyzD50[3 + c], ToXyzD50[6 + c]], 3);
            if (column.Length == 0) throw new ArgumentException($"the primaries of {target.Name} are not independent (singular matrix)");
            for (int r = 0; r < 3; r++) m[3 * r + c] = (float)column[r];
        }
        return m;
    }
}
