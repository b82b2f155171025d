using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Layers;

/// <summary>Box-filter downscale of a straight-alpha RGBA image (or an opaque RGB or grey one) so its longer side is at
/// most a limit (averaging in premultiplied form, so transparent pixels do not darken the edges). The thumbnail is RGBA.</summary>
internal static class Thumbnail
{
    public static PlanarImage Fit(PlanarImage rgba, int maxSide)
    {
        double scale = Math.Min(1.0, (double)maxSide / Math.Max(rgba.Width, rgba.Height));
        int w = Math.Max(1, (int)Math.Round(rgba.Width * scale)), h = Math.Max(1, (int)Math.Round(rgba.Height * scale));
        if (w == rgba.Width && h == rgba.Height) return rgba.Channels == 4 ? rgba.Clone() : Layer.ToRgba(rgba);
        int planes = rgba.Channels, cg = Math.Min(1, planes - 1), cb = Math.Min(2, planes - 1);
        var thumb = new PlanarImage(w, h, 4);
        for (int ty = 0; ty < h; ty++)
        {
            int y0 = ty * rgba.Height / h, y1 = Math.Max(y0 + 1, (ty + 1) * rgba.Height / h);
            for (int tx = 0; tx < w; tx++)
            {
                int x0 = tx * rgba.Width / w, x1 = Math.Max(x0 + 1, (tx + 1) * rgba.Width / w);
                float r = 0, g = 0, b = 0, a = 0;
                for (int y = y0; y < y1; y++)
                    for (int x = x0; x < x1; x++)
                    {
                        float al = planes == 4 ? rgba[3, x, y] : 1f;
                        r += rgba[0, x, y] * al; g += rgba[cg, x, y] * al; b += rgba[cb, x, y] * al; a += al;
                    }
                int n = (y1 - y0) * (x1 - x0);
                thumb[3, tx, ty] = a / n;
                if (a > 0) { thumb[0, tx, ty] = r / a; thumb[1, tx, ty] = g / a; thumb[2, tx, ty] = b / a; }
            }
        }
        return thumb;
    }
}
