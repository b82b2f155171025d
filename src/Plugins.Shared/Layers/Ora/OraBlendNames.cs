namespace RetouchPlugins.Shared.Layers.Ora;

/// <summary>OpenRaster composite-op attribute values (the svg:* names of the OpenRaster spec).</summary>
internal static class OraBlendNames
{
    private static readonly (BlendMode Mode, string Name)[] Names =
    [
        (BlendMode.Normal, "svg:src-over"),
        (BlendMode.Multiply, "svg:multiply"),
        (BlendMode.Screen, "svg:screen"),
        (BlendMode.Overlay, "svg:overlay"),
        (BlendMode.Darken, "svg:darken"),
        (BlendMode.Lighten, "svg:lighten"),
        (BlendMode.ColorDodge, "svg:color-dodge"),
        (BlendMode.ColorBurn, "svg:color-burn"),
        (BlendMode.HardLight, "svg:hard-light"),
        (BlendMode.SoftLight, "svg:soft-light"),
        (BlendMode.Difference, "svg:difference"),
        (BlendMode.Exclusion, "svg:exclusion"),
    ];

    public static string ToName(BlendMode mode) => Array.Find(Names, n => n.Mode == mode).Name
        ?? throw new ArgumentOutOfRangeException(nameof(mode), mode, "no OpenRaster name");

    /// <summary>Unknown ops (e.g. svg:hue) fall back to normal: the pixels still load, only the mix differs.</summary>
    public static BlendMode FromName(string? name)
    {
        foreach (var n in Names) if (n.Name == name) return n.Mode;
        return BlendMode.Normal;
    }
}
