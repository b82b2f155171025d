namespace RetouchPlugins.Shared.Layers;

/// <summary>
/// The separable blend functions B(backdrop, source) of the W3C Compositing and Blending spec, which is
/// what the OpenRaster svg:* ops refer to. Photoshop's soft light differs slightly (see docs/layers.md).
/// </summary>
internal static class BlendFunctions
{
    public static float Apply(BlendMode mode, float b, float s) => mode switch
    {
        BlendMode.Normal => s,
        BlendMode.Multiply => b * s,
        BlendMode.Screen => b + s - b * s,
        BlendMode.Overlay => HardLight(s, b),
        BlendMode.Darken => MathF.Min(b, s),
        BlendMode.Lighten => MathF.Max(b, s),
        BlendMode.ColorDodge => b <= 0f ? 0f : s >= 1f ? 1f : MathF.Min(1f, b / (1f - s)),
        BlendMode.ColorBurn => b >= 1f ? 1f : s <= 0f ? 0f : 1f - MathF.Min(1f, (1f - b) / s),
        BlendMode.HardLight => HardLight(b, s),
        BlendMode.SoftLight => SoftLight(b, s),
        BlendMode.Difference => MathF.Abs(b - s),
        BlendMode.Exclusion => b + s - 2f * b * s,
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "unknown blend mode"),
    };

    private static float HardLight(float b, float s)
        => s <= 0.5f ? b * 2f * s : b + (2f * s - 1f) - b * (2f * s - 1f);

    private static float SoftLight(float b, float s)
    {
        if (s <= 0.5f) return b - (1f - 2f * s) * b * (1f - b);
        float d = b <= 0.25f ? ((16f * b - 12f) * b + 4f) * b : MathF.Sqrt(b);
        return b + (2f * s - 1f) * (d - b);
    }
}
