namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The makeup effect's sliders, each 0..1: how much of the reference's makeup (or, with <see cref="Remove"/>,
/// how much of the face's own makeup removal) each zone gets. <see cref="Amount"/> scales them all, so 0 is
/// the input bit for bit.
/// </summary>
public sealed record MakeupSettings
{
    /// <summary>Skin colour (and a little lightness) toward the reference's skin.</summary>
    public float Foundation { get; init; } = 0.6f;
    /// <summary>Lip colour and lightness toward the reference's lips.</summary>
    public float Lips { get; init; } = 1f;
    /// <summary>Upper-lid colour and darkening toward the reference's lids.</summary>
    public float EyeShadow { get; init; } = 1f;
    /// <summary>Cheek colour toward the reference's cheeks.</summary>
    public float Blush { get; init; } = 1f;
    /// <summary>Highlight and contour: the reference's stronger structure gradients, solved as a Poisson problem.</summary>
    public float Shading { get; init; } = 0.5f;
    /// <summary>Master strength multiplying every zone.</summary>
    public float Amount { get; init; } = 1f;
    /// <summary>Take makeup off (lips, lids, cheeks toward a bare-skin estimate) instead of transferring it; no reference needed.</summary>
    public bool Remove { get; init; }

    /// <summary>The effective strength of a zone (its slider times <see cref="Amount"/>), checked to lie in 0..1.</summary>
    public float Strength(MakeupZone zone)
    {
        float slider = zone switch
        {
            MakeupZone.Foundation => Foundation,
            MakeupZone.Lips => Lips,
            MakeupZone.EyeShadow => EyeShadow,
            MakeupZone.Blush => Blush,
            MakeupZone.Shading => Shading,
            _ => throw new ArgumentOutOfRangeException(nameof(zone), zone, "unknown makeup zone"),
        };
        return slider * Amount;
    }

    /// <summary>Throws naming the first slider outside 0..1.</summary>
    public void Validate()
    {
        foreach (var (name, value) in new[] { ("foundation", Foundation), ("lips", Lips), ("eyes", EyeShadow), ("blush", Blush), ("shading", Shading), ("amount", Amount) })
            if (!(value >= 0 && value <= 1)) throw new ArgumentOutOfRangeException(name, value, $"makeup '{name}' must be between 0 and 1");
    }
}
