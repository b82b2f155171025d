using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Tests.Faces;

public class PersonSegmenterTests(DetectorFixture fixture) : IClassFixture<DetectorFixture>
{
    /// <summary>
    /// The masks were looked at (retouch-faces/sampleN-person.png in the temp folder): the people
    /// are white, the walls black; in sample5 the two women in the middle of the stairs are a
    /// paler grey (0.5-0.8). So: at every detected nose the mask is above 0.7, and in the top
    /// corners (a wall in sample1, a window in sample2, the railing and a wall in sample5) below 0.05.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(5)]
    public void PeopleAreInTheMaskAndTheBackgroundIsNot(int sample)
    {
        using var segmenter = new PersonSegmenter(fixture.Environment, AssetCatalog.ForApplication());
        var photo = FaceTestData.Photo(sample);
        var mask = segmenter.Segment(photo);
        ImageFile.SavePng(Shrink.Half(mask), Path.Combine(FaceTestData.OutputFolder(), $"sample{sample}-person.png"));

        Assert.Equal((photo.Width, photo.Height, 1), (mask.Width, mask.Height, mask.Channels));
        Assert.All(mask.Data, v => Assert.InRange(v, 0f, 1f));
        var faces = fixture.Detector.Detect(photo);
        Assert.NotEmpty(faces);
        foreach (var f in faces)
            Assert.True(mask[0, (int)f.Nose.X, (int)f.Nose.Y] > 0.7f, $"mask {mask[0, (int)f.Nose.X, (int)f.Nose.Y]:0.00} at the nose of {f}");
        foreach (var (x, y) in new[] { (0.05, 0.05), (0.95, 0.05) })
        {
            float v = mask[0, (int)(x * photo.Width), (int)(y * photo.Height)];
            Assert.True(v < 0.05f, $"mask {v:0.000} in the background at ({x:0.00}, {y:0.00}) of the photo");
        }
    }

    /// <summary>
    /// Sessions open without ORT's memory pattern (its per-run block is fresh memory every run; SessionSettings): the
    /// person mask of a real photo is the same, bit for bit, as with it, on the first run and on a second.
    /// </summary>
    [Fact]
    public void The_mask_is_the_same_without_the_memory_pattern()
    {
        Assert.False(SessionSettings.Default.MemoryPattern);
        using var plain = new PersonSegmenter(fixture.Environment, AssetCatalog.ForApplication());
        using var patterned = new PersonSegmenter(fixture.Environment, AssetCatalog.ForApplication(), new SessionSettings { MemoryPattern = true });
        var photo = FaceTestData.Photo(5);
        var expected = patterned.Segment(photo);
        Assert.Equal(expected.Data, plain.Segment(photo).Data);
        Assert.Equal(expected.Data, plain.Segment(photo).Data);
    }
}
