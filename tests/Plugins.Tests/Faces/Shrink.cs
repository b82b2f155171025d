using RetouchPlugins.Shaders;

namespace RetouchPlugins.Tests.Faces;

/// <summary>2x2 averaging, to keep overlays small enough to look at.</summary>
internal static class Shrink
{
    public static PlanarImage Half(PlanarImage img)
    {
        var r = new PlanarImage(img.Width / 2, img.Height / 2, img.Channels);
        for (int c = 0; c < img.Channels; c++)
            for (int y = 0; y < r.Height; y++)
                for (int x = 0; x < r.Width; x++)
                    r[c, x, y] = 0.25f * (img[c, 2 * x, 2 * y] + img[c, 2 * x + 1, 2 * y] + img[c, 2 * x, 2 * y + 1] + img[c, 2 * x + 1, 2 * y + 1]);
        return r;
    }
}
