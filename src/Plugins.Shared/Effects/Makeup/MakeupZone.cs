namespace RetouchPlugins.Shared.Effects;

/// <summary>The zones the makeup effect changes, each with its own slider and mask.</summary>
public enum MakeupZone
{
    /// <summary>Face skin (the mesh's skin region: oval minus eyes, brows, lips, nostrils).</summary>
    Foundation,
    /// <summary>Upper and lower lip, without the mouth opening.</summary>
    Lips,
    /// <summary>The upper lids, from the lash line most of the way up to the brow.</summary>
    EyeShadow,
    /// <summary>An ellipse on each cheekbone, inside the face skin.</summary>
    Blush,
    /// <summary>Highlight and contour over the face skin (the same area as foundation).</summary>
    Shading,
}

/// <summary>Names of the zones in files and layers.</summary>
public static class MakeupZones
{
    public static readonly IReadOnlyList<MakeupZone> All =
        [MakeupZone.Foundation, MakeupZone.Shading, MakeupZone.Blush, MakeupZone.EyeShadow, MakeupZone.Lips];

    /// <summary>The mask id ("makeup lips"): `--masks DIR` writes it as makeup-lips.png.</summary>
    public static string Id(MakeupZone zone) => zone switch
    {
        MakeupZone.Foundation => "makeup foundation",
        MakeupZone.Lips => "makeup lips",
        MakeupZone.EyeShadow => "makeup eyes",
        MakeupZone.Blush => "makeup blush",
        MakeupZone.Shading => "makeup shading",
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, "unknown makeup zone"),
    };

    /// <summary>The mask's layer name in layered output.</summary>
    public static string LayerName(MakeupZone zone) => zone switch
    {
        MakeupZone.Foundation => "Foundation zone",
        MakeupZone.Lips => "Lips zone",
        MakeupZone.EyeShadow => "Eye shadow zone",
        MakeupZone.Blush => "Blush zone",
        MakeupZone.Shading => "Shading zone",
        _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, "unknown makeup zone"),
    };
}
