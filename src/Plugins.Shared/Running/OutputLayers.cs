using RetouchPlugins.Shaders;
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
        var document = new LayerDocument(original.Width, original.Height, original.BitsPerSample == 16 ? 16 : 8)
        {
            IccProfile = original.IccProfile,
            Exif = original.Exif, Xmp = original.Xmp, Iptc = original.Iptc,
        };
        AddOnTop(document, Plan(original, result, effect));
        return document;
    }

    /// <summary>
    /// Adds <paramref name="layers"/> on top of <paramref name="document"/> over their own planes, not copied (at 24 MP
    /// a copy into RGBA was 384 MB a layer): for a document written at once, while nobody changes those planes.
    /// </summary>
    public static void AddOnTop(LayerDocument document, IEnumerable<OutputLayer> layers) => document.Layers.AddRange(AsLayers(layers));

    /// <summary>
    /// The layers a result adds on top of a document that has its own (a Photoshop document, a layered TIFF or .ora, the
    /// file `retouch open` writes back into): every output layer but the original, which is that document itself.
    /// </summary>
    public static IReadOnlyList<Layer> Added(IEnumerable<OutputLayer> planned) => AsLayers(planned.Where(l => l.Name != Original));

    /// <summary>Document layers over the output layers' own planes, not copied (see <see cref="AddOnTop"/>).</summary>
    public static IReadOnlyList<Layer> AsLayers(IEnumerable<OutputLayer> layers)
        => layers.Select(layer => { var l = Layer.Over(layer.Name, layer.Pixels); l.Visible = layer.Visible; return l; }).ToList();

    /// <summary>
    /// The layers <see cref="Build"/> writes, bottom first, without copying pixels: what a host shows in its
    /// layer panel is exactly what the file gets.
    /// </summary>
    public static IReadOnlyList<OutputLayer> Plan(ImageDocument original, EffectResult result, EffectDescriptor effect)
    {
        ArgumentNullException.ThrowIfNull(original);
        ArgumentNullException.ThrowIfNull(result);
        var layers = new List<OutputLayer>
        {
            new(Original, original.Pixels, !original.HasAlpha, null),
            new(effect.ResultLayer, result.Image, true, null),
        };
        foreach (var kind in effect.Masks.Where(k => k.Layered))
        {
            var mask = result.Mask(kind);
            if (mask is null || mask.Width != original.Width || mask.Height != original.Height) continue;
            layers.Add(new(kind.LayerName, mask, false, kind));
        }
        return layers;
    }
}

/// <summary>One layer of the output: its name, pixels (the caller's, not copied), visibility, and the mask kind when it is a mask.</summary>
public sealed record OutputLayer(string Name, PlanarImage Pixels, bool Visible, MaskKind? Mask);
