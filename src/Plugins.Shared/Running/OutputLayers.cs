using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Shared.Running;

/// <summary>
/// The layered document a retoucher opens in their own editor: "Original" at the bottom, the effect's result
/// layer above it (its descriptor's ResultLayer, e.g. "Retouched"), then the masks its descriptor declares as
/// hidden grey layers, in the descriptor's order ("Skin mask", "Healed blemishes", "Whitening mask", ...).
/// The masks are hidden rather than faded so the visible composite is exactly the result; the retoucher
/// turns a mask on to see it or uses it as a selection.
/// </summary>
public static class OutputLayers
{
    public const string Original = "Original";

    /// <summary>
    /// Builds the document at the original's depth (16-bit stays 16-bit) with its ICC profile. When the
    /// photo has transparency the original is hidden, because stacking two half-transparent copies would
    /// not look like the result.
    /// </summary>
    public static LayerDocument Build(ImageDocument original, EffectResult result, EffectDescriptor effect)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(result);
        var document = new LayerDocument(original.Width, original.Height, original.BitsPerSample == 16 ? 16 : 8)
        {
            IccProfile = original.IccProfile,
        };
        document.Add(new Layer(Original, original.Pixels) { Visible = !original.HasAlpha });
        document.Add(new Layer(effect.ResultLayer, result.Image));
        foreach (var kind in effect.Masks.Where(k => k.Layered))
        {
            var mask = result.Mask(kind);
            if (mask is null || mask.Width != original.Width || mask.Height != original.Height) continue;
            document.Add(new Layer(kind.LayerName, mask) { Visible = false });
        }
        return document;
    }
}
