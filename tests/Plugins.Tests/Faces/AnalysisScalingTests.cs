using System.Numerics;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Tests.Faces;

/// <summary>An analysis carried to a preview size: geometry scaled, masks resampled, nothing re-analysed.</summary>
public sealed class AnalysisScalingTests
{
    private static PortraitAnalysis Synthetic()
    {
        var skin = new PlanarImage(400, 200, 1);
        for (int y = 50; y < 150; y++) skin.Row(0, y).Slice(100, 100).Fill(1); // a 100x100 square at (100, 50)
        var face = new AnalyzedFace(new PixelBox(100, 50, 100, 100), 0.9f, [new Vector2(120, 80), new Vector2(180, 80), new(150, 100), new(130, 130), new(170, 130)],
            [new Vector3(150, 100, 20)]);
        return new PortraitAnalysis(400, 200, [face], skin, skin.Clone(), new PlanarImage(400, 200, 1), skin.Clone());
    }

    [Fact]
    public void Halving_halves_the_geometry_and_keeps_the_masks_in_place()
    {
        var half = Synthetic().Scaled(200, 100);

        Assert.Equal((200, 100), (half.Width, half.Height));
        var face = Assert.Single(half.Faces);
        Assert.Equal(new PixelBox(50, 25, 50, 50), face.Box);
        Assert.Equal(new Vector2(60, 40), face.Landmarks5[0]);
        Assert.Equal(new Vector3(75, 50, 10), face.Mesh![0]);
        Assert.Equal(1f, half.SkinMask[0, 75, 50], 3);   // inside the square
        Assert.Equal(0f, half.SkinMask[0, 20, 50], 3);   // outside it
        Assert.InRange(half.SkinMask[0, 49, 50], 0.05f, 0.95f); // across its left edge: averaged, not cut
        Assert.NotNull(half.PersonMask);
    }

    [Fact]
    public void The_same_size_is_the_same_analysis()
    {
        var analysis = Synthetic();
        Assert.Same(analysis, analysis.Scaled(400, 200));
    }
}
