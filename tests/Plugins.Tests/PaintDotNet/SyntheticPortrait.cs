using global::PaintDotNet.Imaging;
using RetouchPlugins.PaintDotNet.Harness;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>
/// A synthetic portrait-like test image (no photo decoder is on main yet): a cool grey-blue background
/// gradient, a warm skin-toned ellipse with noise and darker "blemish" spots, a semi-transparent corner
/// so that alpha handling is visible. Seeded, so every run sees the same pixels.
/// </summary>
internal static class SyntheticPortrait
{
    public static StandInBitmap Create(int width = 200, int height = 150, int seed = 7)
    {
        var rng = new Random(seed);
        var bmp = new StandInBitmap(width, height);
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                double fx = (x - width * 0.5) / (width * 0.28), fy = (y - height * 0.5) / (height * 0.38);
                bool skin = fx * fx + fy * fy < 1;
                double n = rng.NextDouble() * 24 - 12;
                double r, g, b;
                if (skin) { r = 205 + n; g = 150 + n * 0.8; b = 120 + n * 0.6; if (rng.NextDouble() < 0.01) { r -= 60; g -= 50; b -= 40; } }
                else { r = 60 + 80.0 * x / width + n; g = 80 + 60.0 * y / height + n; b = 150 + n; }
                byte a = x < 16 && y < 16 ? (byte)128 : (byte)255;
                bmp[x, y] = ColorBgra32.FromBgra(Byte(b), Byte(g), Byte(r), a);
            }
        return bmp;
    }

    /// <summary>The image as the effect contract takes it: RGB planes, value / 255.</summary>
    public static PlanarImage ToPlanar(StandInBitmap bmp)
    {
        var img = new PlanarImage(bmp.Width, bmp.Height, 3);
        for (int y = 0; y < bmp.Height; y++)
            for (int x = 0; x < bmp.Width; x++)
            {
                var p = bmp[x, y];
                img[0, x, y] = p.R / 255f; img[1, x, y] = p.G / 255f; img[2, x, y] = p.B / 255f;
            }
        return img;
    }

    /// <summary>Expected host output: nearest 8-bit value of each result plane, alpha kept from the source.</summary>
    public static StandInBitmap FromPlanar(PlanarImage img, StandInBitmap alphaFrom)
    {
        var bmp = new StandInBitmap(img.Width, img.Height);
        for (int y = 0; y < img.Height; y++)
            for (int x = 0; x < img.Width; x++)
                bmp[x, y] = ColorBgra32.FromBgra(Level(img[2, x, y]), Level(img[1, x, y]), Level(img[0, x, y]), alphaFrom[x, y].A);
        return bmp;
    }

    private static byte Level(float v) => (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f);
    private static byte Byte(double v) => (byte)Math.Clamp(Math.Round(v), 0, 255);
}
