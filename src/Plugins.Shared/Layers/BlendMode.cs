namespace RetouchPlugins.Shared.Layers;

/// <summary>
/// How a layer mixes with what lies below it. Only modes that OpenRaster (svg:* ops) and PSD (blend keys)
/// both name are offered, so a document survives a trip through either format unchanged.
/// </summary>
public enum BlendMode
{
    Normal,
    Multiply,
    Screen,
    Overlay,
    Darken,
    Lighten,
    ColorDodge,
    ColorBurn,
    HardLight,
    SoftLight,
    Difference,
    Exclusion,
}
