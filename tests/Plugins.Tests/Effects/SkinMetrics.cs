using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Effects;

/// <summary>The benchmark's quality measures, for the tests.</summary>
internal static class SkinMetrics
{
    /// <summary>1 − Σ|out − clean|² / Σ|blemished − clean|² over the painted spots: the share of blemish energy removed.</summary>
    public static double BlemishEnergyRemoved(PlanarImage clean, PlanarImage blemished, PlanarImage output)
    {
        double before = 0, after = 0;
        for (int y = 0; y < clean.Height; y++)
            for (int x = 0; x < clean.Width; x++)
            {
                if (!SyntheticBlemishes.InSpot(x, y)) continue;
                for (int c = 0; c < 3; c++)
                {
                    double b = blemished[c, x, y] - clean[c, x, y], a = output[c, x, y] - clean[c, x, y];
                    before += b * b; after += a * a;
                }
            }
        return 1 - after / before;
    }

    /// <summary>
    /// Pore-scale band-pass energy (luma minus its 3x3 mean, squared) of <paramref name="after"/> over that of
    /// <paramref name="before"/>, on interior skin (mask ≥ 0.99) at least 4 sigma from any painted spot.
    /// </summary>
    public static double TextureRetention(PlanarImage before, PlanarImage after, PlanarImage skin)
    {
        var bb = Band(before); var ba = Band(after);
        double eb = 0, ea = 0;
        for (int y = 1; y < before.Height - 1; y++)
            for (int x = 1; x < before.Width - 1; x++)
            {
                int i = y * before.Width + x;
                if (skin.Data[i] < 0.99f || SyntheticBlemishes.InSpot(x, y, 4)) continue;
                eb += bb[i] * bb[i]; ea += ba[i] * ba[i];
            }
        return ea / eb;
    }

    private static float[] Band(PlanarImage img)
    {
        int w = img.Width, h = img.Height, n = w * h;
        var luma = new float[n];
        for (int i = 0; i < n; i++) luma[i] = 0.299f * img.Data[i] + 0.587f * img.Data[n + i] + 0.114f * img.Data[2 * n + i];
        var band = new float[n];
        for (int y = 1; y < h - 1; y++)
            for (int x = 1; x < w - 1; x++)
            {
                float s = 0;
                for (int dy = -1; dy <= 1; dy++) for (int dx = -1; dx <= 1; dx++) s += luma[(y + dy) * w + x + dx];
                band[y * w + x] = luma[y * w + x] - s / 9;
            }
        return band;
    }

    /// <summary>Writes crops of several images side by side as one PNG (for looking at results).</summary>
    public static void SaveSideBySide(string path, int x, int y, int w, int h, params PlanarImage[] images)
    {
        var sheet = new PlanarImage(w * images.Length + 4 * (images.Length - 1), h, 3);
        for (int k = 0; k < images.Length; k++)
        {
            var crop = images[k].Crop(x, y, w, h);
            if (crop.Channels != 3) crop = new PlanarImage(w, h, 3, [.. crop.Data.Take(w * h), .. crop.Data.Take(w * h), .. crop.Data.Take(w * h)]);
            sheet.Paste(crop, k * (w + 4), 0);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        ImageFile.SavePng(sheet, path);
    }
}
