using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Imaging;

public class SamplePhotoTests
{
    public static TheoryData<string> Photos => new() { "sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg", "sample5.jpg", "sample6.jpg" };

    [Theory]
    [MemberData(nameof(Photos))]
    public void Sample_photos_decode_to_1920_wide_rgb_planes(string file)
    {
        var path = TestImages.Photo(file);
        var doc = ImageFile.Load(path);
        var info = ImageFile.ReadInfo(path);

        Assert.Equal(1920, Math.Max(doc.Width, doc.Height));
        Assert.Equal((info.Width, info.Height), (doc.Width, doc.Height));
        Assert.Equal(3, doc.Pixels.Channels);
        Assert.Equal(8, doc.BitsPerSample);
        Assert.Equal(ImageFormat.Jpeg, doc.SourceFormat);
        // A real photo: values inside [0, 1] and not flat (a silently grey decode would fail this).
        var data = doc.Pixels.Data;
        Assert.All(new[] { data.Min(), data.Max() }, v => Assert.InRange(v, 0f, 1f));
        Assert.True(data.Max() - data.Min() > 0.5f, $"dynamic range {data.Min()}..{data.Max()}");
    }
}
