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

    /// <summary>Composites one layer onto a straight-alpha canvas in place.</summary>
    public static void Blend(PlanarImage canvas, Layer layer)
    {
        var src = layer.Pixels;
        int x0 = Math.Max(0, layer.OffsetX), y0 = Math.Max(0, layer.OffsetY);
        int x1 = Math.Min(canvas.Width, layer.OffsetX + src.Width), y1 = Math.Min(canvas.Height, layer.OffsetY + src.Height);
        if (x0 >= x1 || y0 >= y1) return;
        float opacity = layer.Opacity;
        var mode = layer.BlendMode;
        for (int y = y0; y < y1; y++)
        {
            int sy = y - layer.OffsetY;
            var sa = src.Row(3, sy);
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
                    float cs = Math.Clamp(src[c, sx, sy], 0f, 1f);
                    float cb = canvas[c, x, y];
                    float mixed = (1f - aB) * cs + aB * BlendFunctions.Apply(mode, cb, cs);
                    canvas[c, x, y] = (aS * mixed + (1f - aS) * aB * cb) / aO;
                }
                ba[x] = aO;
            }
        }
    }
}
