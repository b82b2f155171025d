using PaintDotNet.Imaging;

namespace RetouchPlugins.PaintDotNet;

/// <summary>
/// "Retouch only": instead of the retouched image, the layer that turns the image below into it when
/// composited on top with Paint.NET's Normal blend. Only changed pixels get alpha; unchanged ones stay
/// fully transparent, so the original layer is never touched and the retouch can be faded or erased.
/// </summary>
/// <remarks>
/// Per pixel, with s the colour below and r the wanted result (per channel, in [0, 1]), Normal blend over
/// an opaque pixel gives s + a·(c − s). We want the smallest alpha a for which some colour c in [0, 1]
/// reaches r in every channel: c = s + (r − s)/a must stay in [0, 1], i.e.
///   r &gt; s: a ≥ (r − s)/(1 − s),   r &lt; s: a ≥ (s − r)/s,   r = s: any a.
/// a is the largest of these bounds over R, G, B (0 when nothing changed: the pixel stays transparent).
/// Stored alpha A = ceil(255·a) (rounding up keeps c inside [0, 1]); then c = s + (r − s)·255/A, rounded.
/// Rounding c moves the composite by at most A/255 · 0.5 ≤ 0.5 of a level, and the compositor's own
/// rounding by another 0.5, so the composite is within 1/255 of the full result. This holds for an opaque
/// image below (photographs). Where the image below is fully transparent there is nothing to retouch;
/// where it is partly transparent the colour is matched but Normal blend raises the coverage.
/// </remarks>
public static class RetouchLayer
{
    public static ColorBgra32 ChangeOnly(ColorBgra32 below, ColorBgra32 result)
    {
        if (below.A == 0) return default;
        float need = MathF.Max(Bound(below.R, result.R), MathF.Max(Bound(below.G, result.G), Bound(below.B, result.B)));
        if (need <= 0f) return default;
        int alpha = Math.Clamp((int)MathF.Ceiling(need * 255f - 1e-3f), 1, 255);
        float scale = 255f / alpha;
        return ColorBgra32.FromBgra(Colour(below.B, result.B, scale), Colour(below.G, result.G, scale), Colour(below.R, result.R, scale), (byte)alpha);
    }

    public static void ChangeOnly(ReadOnlySpan<ColorBgra32> below, Span<ColorBgra32> result)
    {
        if (below.Length != result.Length) throw new ArgumentException($"{below.Length} pixels below, {result.Length} in the result");
        for (int i = 0; i < result.Length; i++) result[i] = ChangeOnly(below[i], result[i]);
    }

    /// <summary>The least alpha (0..1) that lets one channel go from s to r.</summary>
    private static float Bound(byte s, byte r) =>
        r > s ? (r - s) / (255f - s) :
        r < s ? (s - r) / (float)s :
        0f;

    private static byte Colour(byte s, byte r, float scale) =>
        (byte)Math.Clamp(MathF.Round(s + (r - s) * scale), 0f, 255f);
}
