using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Tests.Faces;

public class DetectionViewsTests
{
    [Fact]
    public void SmallPhotoIsSearchedWholeOnly()
    {
        var v = Assert.Single(DetectionViews.Plan(1500, 1000, 1280));
        Assert.Equal(new DetectionView(0, 0, 1500, 1000, false), v);
    }

    [Theory]
    [InlineData(1920, 1280)]
    [InlineData(6000, 4000)]
    [InlineData(4000, 6000)]
    [InlineData(3201, 1700)]
    public void TilesCoverThePhotoWithAQuarterTileOverlap(int width, int height)
    {
        const int tile = 1280;
        var views = DetectionViews.Plan(width, height, tile);
        Assert.Equal(new DetectionView(0, 0, width, height, false), views[0]);
        var tiles = views.Skip(1).ToList();
        Assert.NotEmpty(tiles);
        foreach (var t in tiles) Assert.True(t.X >= 0 && t.Y >= 0 && t.Right <= width && t.Bottom <= height);
        // every square of a quarter tile fits inside some tile, wherever it sits
        int face = tile / 4;
        for (int y = 0; y + face <= height; y += 37)
            for (int x = 0; x + face <= width; x += 41)
                Assert.Contains(tiles, t => t.X <= x && t.Y <= y && x + face <= t.Right && y + face <= t.Bottom);
    }

    [Theory]
    [InlineData(1537, 2048, 740, 0.2f, false)] // the bench's close-up at the working size: one face of about 740 px
    [InlineData(2048, 1365, 100, 0.2f, true)]  // the 24 MP group photo at the working size: faces of about 100 px
    [InlineData(1920, 1280, 260, 0.2f, true)]  // the demo photos' largest faces
    [InlineData(1537, 2048, 740, 0f, true)]    // 0: always
    [InlineData(2048, 1365, 0, 0.2f, true)]    // nothing found yet
    public void TilesAreSkippedOnlyBesideAPortraitSizedFace(int width, int height, float largest, float share, bool wanted) =>
        Assert.Equal(wanted, DetectionViews.TilesWanted(width, height, largest, share));
}
