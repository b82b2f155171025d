using System.Numerics;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Tests.Bench;

/// <summary>Inputs for the bench tests: a crop of a real photo and a hand-made analysis with one elliptic "face skin".</summary>
internal static class BenchFixtures
{
    public static PlanarImage PhotoCrop(int x = 700, int y = 300, int size = 256)
    {
        var photo = BenchImages.Load(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg"));
        return photo.Crop(x, y, size, size);
    }

    /// <summary>An analysis whose single face fills the image; the face skin is a solid ellipse, the person everything inside a margin.</summary>
    public static PortraitAnalysis EllipseFace(int width, int height, int personMargin = 10)
    {
        var skin = new PlanarImage(width, height, 1);
        var person = new PlanarImage(width, height, 1);
        float cx = width / 2f, cy = height / 2f, rx = width * 0.4f, ry = height * 0.45f;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                float dx = (x - cx) / rx, dy = (y - cy) / ry;
                skin[0, x, y] = dx * dx + dy * dy <= 1 ? 1 : 0;
                person[0, x, y] = x >= personMargin && y >= personMargin && x < width - personMargin && y < height - personMargin ? 1 : 0;
            }
        var face = new AnalyzedFace(new PixelBox(0, 0, width, height), 0.99f,
            [new(cx - 40, cy - 30), new(cx + 40, cy - 30), new(cx, cy), new(cx - 30, cy + 40), new(cx + 30, cy + 40)], null);
        return new PortraitAnalysis(width, height, [face], skin, skin.Clone(), new PlanarImage(width, height, 1), person);
    }

    public static PlanarImage Full(int width, int height)
    {
        var m = new PlanarImage(width, height, 1);
        Array.Fill(m.Data, 1f);
        return m;
    }
}
