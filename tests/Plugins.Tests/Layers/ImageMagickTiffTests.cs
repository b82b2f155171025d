using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Tests.Layers;

/// <summary>ImageMagick (libtiff) reads our layered TIFF: one page per layer, named by PageName, with our pixels.</summary>
public class ImageMagickTiffTests
{
    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void ImageMagickSeesOnePageNamedAfterEachLayer(int bits)
    {
        var dir = LayerSamples.TempDir();
        var path = Path.Combine(dir, "layers.tif");
        var doc = LayerSamples.ThreeLayers(bits);
        LayerFile.Write(doc, path);

        var pages = ExternalTool.Run("identify", ["-format", "%l|%wx%h|%z\n", path]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(doc.Layers.Select(l => $"{l.Name}|{l.Width}x{l.Height}|{bits}"), pages);

        // Page 2 (the half-transparent layer) as ImageMagick decodes it, 16-bit RGBA.
        float worst = ExternalTool.MaxDifferenceFromImageMagick(path, 1, doc.Layers[1].Pixels, "rgba");
        Assert.True(worst < 0.5f / 65535, $"worst difference {worst * 65535:0.0}/65535");
        Directory.Delete(dir, true);
    }
}
