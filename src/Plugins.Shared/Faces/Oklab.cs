using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// sRGB in [0, 1] to Oklab (Björn Ottosson's perceptual space: L lightness 0..1, a green-red, b blue-yellow).
/// Skin tones of every lightness sit in a small patch of (a, b), which makes a chroma Gaussian a good skin model.
/// </summary>
internal sealed class Oklab
{
    private const int TableSize = 4096;
    private readonly float[] _linear = new float[TableSize + 1];

    public Oklab()
    {
        for (int i = 0; i <= TableSize; i++)
        {
            double c = (double)i / TableSize;
            _linear[i] = (float)(c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4));
        }
    }

    public (float L, float A, float B) FromSrgb(float r, float g, float b)
    {
        float lr = Linear(r), lg = Linear(g), lb = Linear(b);
        float l = MathF.Cbrt(0.4122214708f * lr + 0.5363325363f * lg + 0.0514459929f * lb);
        float m = MathF.Cbrt(0.2119034982f * lr + 0.6806995451f * lg + 0.1073969566f * lb);
        float s = MathF.Cbrt(0.0883024619f * lr + 0.2817188376f * lg + 0.6299787005f * lb);
        return (0.2104542553f * l + 0.7936177850f * m - 0.0040720468f * s,
                1.9779984951f * l - 2.4285922050f * m + 0.4505937099f * s,
                0.0259040371f * l + 0.7827717662f * m - 0.8086757660f * s);
    }

    /// <summary>Three planes L, a, b of an RGB image.</summary>
    public PlanarImage Convert(PlanarImage rgb)
    {
        var lab = new PlanarImage(rgb.Width, rgb.Height, 3);
        Parallel.For(0, rgb.Height, y =>
        {
            var r = rgb.Row(0, y); var g = rgb.Row(rgb.Channels >= 3 ? 1 : 0, y); var b = rgb.Row(rgb.Channels >= 3 ? 2 : 0, y);
            var lo = lab.Row(0, y); var ao = lab.Row(1, y); var bo = lab.Row(2, y);
            for (int x = 0; x < r.Length; x++) (lo[x], ao[x], bo[x]) = FromSrgb(r[x], g[x], b[x]);
        });
        return lab;
    }

    private float Linear(float c)
    {
        float t = Math.Clamp(c, 0f, 1f) * TableSize;
        int i = Math.Min((int)t, TableSize - 1);
        float f = t - i;
        return _linear[i] + (_linear[i + 1] - _linear[i]) * f;
    }
}
