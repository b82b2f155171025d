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

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void A_page_written_in_many_strips_is_read_by_ImageMagick_pixel_for_pixel(int bits)
    {
        // A 1200 x 900 photo crop: its page goes out in strips of about a megabyte (9 at 16 bits, 5 at 8).
        var dir = LayerSamples.TempDir();
        var photo = RetouchPlugins.Shared.Imaging.ImageFile.Load(RetouchPlugins.Tests.Imaging.TestImages.Photo("sample1.jpg")).Pixels.Crop(400, 200, 1200, 900);
        var doc = new LayerDocument(1200, 900, bits);
        doc.Add(new Layer("Photo", photo));
        var path = Path.Combine(dir, "strips.tif");
        LayerFile.Write(doc, path);
        using (var file = File.OpenRead(path))
        {
            var structure = RetouchPlugins.Shared.Imaging.TiffStructure.Open(file)!;
            var entries = structure.ReadIfd(structure.FirstIfd, out _)!;
            Assert.Equal(bits == 16 ? 9 : 5, structure.Numbers(entries.Single(e => e.Tag == 273))!.Length);
        }
        float worst = ExternalTool.MaxDifferenceFromImageMagick(path, 0, doc.Layers[0].Pixels, "rgba");
        Assert.True(worst < 0.5f / 65535, $"ImageMagick: worst difference {worst * 65535:0.0}/65535");
        Assert.Equal(0f, LayerSamples.MaxDifference(doc.Layers[0].Pixels, LayerFile.Read(path).Layers[0].Pixels)); // ours, strip by strip
        Directory.Delete(dir, true);
    }
}
