namespace RetouchPlugins.Shared.Layers.Psd;

/// <summary>The four-character PSD blend mode keys.</summary>
internal static class PsdBlendKeys
{
    private static readonly (BlendMode Mode, string Key)[] Keys =
    [
        (BlendMode.Normal, "norm"),
        (BlendMode.Multiply, "mul "),
        (BlendMode.Screen, "scrn"),
        (BlendMode.Overlay, "over"),
        (BlendMode.Darken, "dark"),
        (BlendMode.Lighten, "lite"),
        (BlendMode.ColorDodge, "div "),
        (BlendMode.ColorBurn, "idiv"),
        (BlendMode.HardLight, "hLit"),
        (BlendMode.SoftLight, "sLit"),
        (BlendMode.Difference, "diff"),
        (BlendMode.Exclusion, "smud"),
    ];

    public static string ToKey(BlendMode mode) => Array.Find(Keys, k => k.Mode == mode).Key
        ?? throw new ArgumentOutOfRangeException(nameof(mode), mode, "no PSD key");

    /// <summary>Keys outside our set (e.g. 'lddg', 'hue ') read as normal: pixels are kept, the mix differs.</summary>
    public static BlendMode FromKey(string key)
    {
        foreach (var k in Keys) if (k.Key == key) return k.Mode;
        return BlendMode.Normal;
    }
}
