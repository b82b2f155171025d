namespace RetouchPlugins.Shaders.Kernels;

/// <summary>One luma plane (Rec. 601 weights) of an RGB image: the single guide for carrying masks up in resolution.</summary>
public static class LumaPlane
{
    public static PlanarImage Of(PlanarImage rgb, KernelOptions? options = null)
    {
        if (rgb.Channels < 3) return rgb.Channels == 1 ? rgb : rgb.ExtractPlane(0);
        var luma = new PlanarImage(rgb.Width, rgb.Height, 1);
        int w = rgb.Width;
        RowBands.For(rgb.Height, options, (y0, y1) =>
        {
            for (int y = y0; y < y1; y++)
            {
                var r = rgb.Row(0, y); var g = rgb.Row(1, y); var b = rgb.Row(2, y); var dst = luma.Row(0, y);
                for (int x = 0; x < w; x++) dst[x] = 0.299f * r[x] + 0.587f * g[x] + 0.114f * b[x];
            }
        });
        return luma;
    }
}
