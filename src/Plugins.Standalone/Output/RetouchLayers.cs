using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Standalone.Output;

/// <summary>
/// The layered document a retoucher opens in their own editor: "Original" at the bottom, "Retouched"
/// above it, then the masks as hidden grey layers ("Skin mask", "Healed blemishes", "Whitening mask").
/// The masks are hidden rather than faded so the visible composite is exactly the retouched photo;
/// the retoucher turns a mask on to see it or uses it as a selection.
/// </summary>
public static class RetouchLayers
{
    public const string Original = "Original", Retouched = "Retouched";

    /// <summary>Effect mask names → layer names, in stacking order (bottom first). Masks not listed are left out.</summary>
    public static readonly IReadOnlyList<(string Mask, string Layer)> MaskLayers =
    [
        ("skin", "Skin mask"),
        ("healed blemishes", "Healed blemishes"),
        ("whitening", "Whitening mask"),
    ];

    /// <summary>
    /// Builds the document at the original's depth (16-bit stays 16-bit) with its ICC profile. When the
    /// photo has transparency the original is hidden, because stacking two half-transparent copies would
    /// not look like the retouched photo.
    /// </summary>
    public static LayerDocument Build(ImageDocument original, EffectResult result)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(result);
        var document = new LayerDocument(original.Width, original.Height, original.BitsPerSample == 16 ? 16 : 8)
        {
            IccProfile = original.IccProfile,
        };
        document.Add(new Layer(Original, original.Pixels) { Visible = !original.HasAlpha });
        document.Add(new Layer(Retouched, result.Image));
        foreach (var (maskName, layerName) in MaskLayers)
        {
            var mask = result.Masks.FirstOrDefault(m => m.Name == maskName);
            if (mask is null || mask.Mask.Width != original.Width || mask.Mask.Height != original.Height) continue;
            document.Add(new Layer(layerName, mask.Mask) { Visible = false });
        }
        return document;
    }
}
