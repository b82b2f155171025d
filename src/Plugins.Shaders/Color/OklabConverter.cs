using RetouchPlugins.Shaders.Masks;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;

namespace RetouchPlugins.Shaders.Color;

/// <summary>
/// Whole-photo sRGB to Oklab (<see cref="Oklab"/>) with a lookup table for the sRGB decoding, which dominates the
/// cost over millions of pixels. Skin tones of every lightness sit in a small patch of (a, b), which makes a
/// chroma Gaussian a good skin model.
/// </summary>
public sealed class OklabConverter
{
    private readonly SrgbTransferTable _transfer = new();

    public (float L, float A, float B) FromSrgb(float r, float g, float b) =>
        Oklab.FromLinear(_transfer.ToLinear(r), _transfer.ToLinear(g), _transfer.ToLinear(b));

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
}
