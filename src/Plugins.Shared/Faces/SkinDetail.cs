using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// Fine texture of the photo, measured at full resolution and averaged down to the working size: the mean
/// absolute difference of neighbouring pixels' luma. Skin is smooth at this scale; hair (strands), lace and
/// knit are not, which tells light-brown or blond hair from skin of the same colour.
/// </summary>
internal static class SkinDetail
{
    public static PlanarImage Measure(PlanarImage rgb, int workingWidth, int workingHeight)
    {
        int w = rgb.Width, h = rgb.Height;
        var detail = new PlanarImage(w, h, 1);
        Parallel.For(0, h, () => (new float[w], new float[w]), (y, _, rows) =>
        {
            var (here, below) = rows;
            LumaRow(rgb, y, here);
            LumaRow(rgb, Math.Min(y + 1, h - 1), below);
            var dst = detail.Row(0, y);
            for (int x = 0; x + 1 < w; x++) dst[x] = MathF.Abs(here[x + 1] - here[x]) + MathF.Abs(below[x] - here[x]);
            dst[w - 1] = MathF.Abs(below[w - 1] - here[w - 1]);
            return rows;
        }, _ => { });
        return Resampler.Resize(detail, workingWidth, workingHeight);
    }

    private static void LumaRow(PlanarImage rgb, int y, float[] luma)
    {
        var r = rgb.Row(0, y); var g = rgb.Row(1, y); var b = rgb.Row(2, y);
        for (int x = 0; x < luma.Length; x++) luma[x] = 0.25f * r[x] + 0.5f * g[x] + 0.25f * b[x];
    }
}
