namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// A kind of mask an effect emits: <see cref="Id"/> names it in files (`--masks DIR` writes Id.png with
/// spaces as dashes) and <see cref="LayerName"/> is its layer in layered output. Compared by value.
/// </summary>
public sealed record MaskKind(string Id, string LayerName)
{
    /// <summary>False for masks kept for `--masks DIR` and diagnostics but not written as a layer.</summary>
    public bool Layered { get; init; } = true;

    public static readonly MaskKind Skin = new("skin", "Skin mask");
    public static readonly MaskKind HealedBlemishes = new("healed blemishes", "Healed blemishes");
    public static readonly MaskKind Whitening = new("whitening", "Whitening mask");
    /// <summary>The blend layer the skin retouch applied (0.5 = unchanged); kept for `--masks`, not written as a layer.</summary>
    public static readonly MaskKind BlendLayer = new("blend layer", "Blend layer") { Layered = false };

    /// <summary>File name for `--masks DIR`.</summary>
    public string FileName => Id.Replace(' ', '-') + ".png";
}
