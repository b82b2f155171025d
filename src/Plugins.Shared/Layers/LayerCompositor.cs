using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Layers;

/// <summary>
/// Flattens a document into one straight-alpha RGBA image of the canvas size, bottom layer first, using
/// W3C source-over compositing with each layer's blend mode, alpha times opacity, and visibility.
/// This is the merged image the writers store next to the layers.
/// </summary>
public static class LayerCompositor
{
    public static PlanarImage Composite(LayerDocument document)
    {
        var canvas = new PlanarImage(document.Width, document.Height, 4); // transparent black
        foreach (var layer in document.Layers)
            if (layer.Visible && layer.Opacity > 0f) Blend(canvas, layer);
        return canvas;
    }

    /// <summary>
    /// The merged image a writer stores. When the topmost visible layer is opaque, covers the canvas and blends
    /// normally at full opacity, nothing below it shows: its own pixels are the merged image, neither composited
    /// nor copied (a retouch's layered output is such a document: the result over the original, masks hidden; at
    /// 24 MP that saved a 384 MB canvas and the blend of every layer). Otherwise <see cref="Composite"/>. Read only.
    /// </summary>
    internal static Layer MergedForWriting(LayerDocument document)
        => CoveringTop(document.Layers, document.Width, document.Height) ?? Layer.Over("merged", Composite(document));

    /// <summary>The topmost visible layer when nothing below it shows (see <see cref="MergedForWriting"/>), else null.</summary>
    internal static Layer? CoveringTop(IEnumerable<Layer> layers, int width, int height)
    {
        var top = layers.LastOrDefault(l => l.Visible && l.Opacity > 0f);
        return top is { Opacity: 1f, BlendMode: BlendMode.Normal, OffsetX: 0, OffsetY: 0, IsOpaque: true }
               && top.Width == width && top.Height == height && InUnitRange(top.Source) ? top : null;
    }

    /// <summary>The R, G, B planes alone when <paramref name="image"/> is opaque everywhere (the effects then see a plain photo), else the image itself.</summary>
    public static PlanarImage WithoutOpaqueAlpha(PlanarImage image)
    {
        if (image.Channels != 4 || image.Plane(3).ContainsAnyExcept(1f)) return image;
        return new PlanarImage(image.Width, image.Height, 3, image.Data.AsSpan(0, 3 * image.PlaneSize).ToArray());
    }

    /// <summary>Whether every sample is in [0, 1] (<see cref="Blend"/> clamps; a layer that needs no clamp composites to itself).</summary>
    private static bool InUnitRange(PlanarImage image) => !image.Data.AsSpan().ContainsAnyExceptInRange(0f, 1f);

    /// <summary>Composites one layer onto a straight-alpha canvas in place.</summary>
    public static void Blend(PlanarImage canvas, Layer layer)
    {
        int x0 = Math.Max(0, layer.OffsetX), y0 = Math.Max(0, layer.OffsetY);
        int x1 = Math.Min(canvas.Width, layer.OffsetX + layer.Width), y1 = Math.Min(canvas.Height, layer.OffsetY + layer.Height);
        if (x0 >= x1 || y0 >= y1) return;
        float opacity = layer.Opacity;
        var mode = layer.BlendMode;
        LayerChannel red = layer.Channel(0), green = layer.Channel(1), blue = layer.Channel(2), alpha = layer.Channel(3);
        for (int y = y0; y < y1; y++)
        {
            int sy = y - layer.OffsetY;
            var sa = alpha.Row(sy);
            ReadOnlySpan<float> sr = red.Row(sy), sg = green.Row(sy), sb = blue.Row(sy);
            var ba = canvas.Row(3, y);
            for (int x = x0; x < x1; x++)
            {
                int sx = x - layer.OffsetX;
                float aS = Math.Clamp(sa[sx], 0f, 1f) * opacity;
                if (aS <= 0f) continue;
                float aB = ba[x];
                float aO = aS + aB * (1f - aS);
                for (int c = 0; c < 3; c++)
                {
                    float cs = Math.Clamp((c == 0 ? sr : c == 1 ? sg : sb)[sx], 0f, 1f);
                    float cb = canvas[c, x, y];
                    float mixed = (1f - aB) * cs + aB * BlendFunctions.Apply(mode, cb, cs);
                    canvas[c, x, y] = (aS * mixed + (1f - aS) * aB * cb) / aO;
                }
                ba[x] = aO;
            }
        }
    }
}
