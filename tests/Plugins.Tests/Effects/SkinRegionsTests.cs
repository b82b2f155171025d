using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// Faces whose grown rectangles overlap share none of their skin: every skin pixel is retouched by exactly one face, the
/// one it is nearer to relative to face size, and skin outside the other rectangles stays whole.
/// </summary>
public class SkinRegionsTests
{
    [Fact]
    public void Overlapping_faces_each_own_the_skin_nearer_to_them()
    {
        // Three faces on a skin-everywhere mask: the first two close enough for their 1.5x rectangles to overlap, a small
        // third one whose rectangle lies inside the second's.
        const int width = 400, height = 200;
        var faces = new[] { Face(40, 50, 100), Face(150, 40, 110), Face(200, 100, 30) };
        var skin = PlanarImage.Filled(width, height, 1, 1f);
        var analysis = new PortraitAnalysis(width, height, faces, skin, skin, new PlanarImage(width, height, 1), null);

        var regions = SkinRegions.Plan(analysis, 512, body: false);

        Assert.Equal(3, regions.Count);
        var owners = new int[width, height];
        for (int k = 0; k < regions.Count; k++)
        {
            var (rect, weight) = (regions[k].Rect, regions[k].Weight);
            for (int y = 0; y < rect.Height; y++)
                for (int x = 0; x < rect.Width; x++)
                    if (weight[0, x, y] > 0) owners[rect.X + x, rect.Y + y]++;
        }
        int covered = 0;
        for (int y = 0; y < height; y++)
            for (int x = 0; x < width; x++)
            {
                bool inAny = regions.Any(r => Contains(r.Rect, x, y));
                Assert.Equal(inAny ? 1 : 0, owners[x, y]);
                covered += owners[x, y];
            }
        Assert.True(covered > 0);

        // A pixel in both of the first two rectangles goes to the face it is nearer to (relative to size).
        var (a, b) = (regions[0].Rect, regions[1].Rect);
        int px = b.X + 1, py = 90;
        Assert.True(Contains(a, px, py) && Contains(b, px, py));
        float toA = Distance(faces[0], px, py), toB = Distance(faces[1], px, py);
        Assert.Equal(toA < toB ? 1f : 0f, regions[0].Weight[0, px - a.X, py - a.Y]);
    }

    private static bool Contains(PixelRect r, int x, int y) => x >= r.X && y >= r.Y && x < r.Right && y < r.Bottom;

    private static AnalyzedFace Face(float x, float y, float size) =>
        new(new PixelBox(x, y, size, size), 0.99f, [], null);

    private static float Distance(AnalyzedFace f, float x, float y)
    {
        var c = f.Box.Center;
        return MathF.Sqrt((x + 0.5f - c.X) * (x + 0.5f - c.X) + (y + 0.5f - c.Y) * (y + 0.5f - c.Y)) / f.Box.Size;
    }
}
