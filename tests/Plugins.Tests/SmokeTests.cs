using RetouchPlugins.Shaders;

namespace RetouchPlugins.Tests;

public class PlanarImageTests
{
    [Fact]
    public void CropThenPasteRestoresTheRegion()
    {
        var img = new PlanarImage(8, 6, 3);
        for (int i = 0; i < img.Data.Length; i++) img.Data[i] = i;
        var crop = img.Crop(2, 1, 4, 3);
        Assert.Equal(img[1, 2, 1], crop[1, 0, 0]);
        var blank = new PlanarImage(8, 6, 3);
        blank.Paste(crop, 2, 1);
        Assert.Equal(img[2, 5, 3], blank[2, 5, 3]);
        Assert.Equal(0f, blank[0, 0, 0]);
    }

    [Theory]
    [InlineData(8, 6, 3)]         // one slice
    [InlineData(2001, 1397, 3)]   // 8.4 M samples: copied in slices on all cores, the last one partial
    public void CloneIsAnEqualSeparateCopy(int w, int h, int c)
    {
        var img = new PlanarImage(w, h, c);
        for (int i = 0; i < img.Data.Length; i++) img.Data[i] = (i % 9973) / 9973f;
        var copy = img.Clone();
        Assert.NotSame(img.Data, copy.Data);
        Assert.Equal((w, h, c), (copy.Width, copy.Height, copy.Channels));
        Assert.True(img.Data.AsSpan().SequenceEqual(copy.Data));
        copy.Data[^1] = -1;
        Assert.NotEqual(-1, img.Data[^1]);
    }

    [Theory]
    [InlineData(5, 4, 1)]
    [InlineData(3001, 1500, 1)] // 4.5 M samples: filled in slices, the last one partial
    public void FilledSetsEverySample(int w, int h, int c)
    {
        var img = PlanarImage.Filled(w, h, c, 0.5f);
        Assert.Equal(w * h * c, img.Data.Length);
        Assert.Equal(img.Data.Length, img.Data.Count(v => v == 0.5f));
    }
}
