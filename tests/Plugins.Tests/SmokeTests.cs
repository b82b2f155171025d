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
}
