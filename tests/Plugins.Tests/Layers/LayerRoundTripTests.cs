using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Tests.Layers;

/// <summary>Our writers followed by our readers must give back the document exactly (lossless formats,
/// pixels on the sample grid), including names, order, offsets, opacity, blend mode, visibility and ICC.</summary>
public class LayerRoundTripTests
{
    private static readonly byte[] FakeIcc = Enumerable.Range(0, 301).Select(i => (byte)(i * 7)).ToArray(); // odd length tests padding

    [Theory]
    [InlineData(".ora", 8)]
    [InlineData(".ora", 16)]
    [InlineData(".psd", 8)]
    [InlineData(".psd", 16)]
    [InlineData(".tif", 8)]
    [InlineData(".tiff", 16)]
    public void WriteThenReadGivesTheSameDocument(string extension, int bits)
    {
        var dir = LayerSamples.TempDir();
        var path = Path.Combine(dir, "doc" + extension);
        // An .ora's layers are PNGs written by libvips (libpng), which keeps only a valid profile (and our readers
        // refuse a damaged one); our PSD and TIFF writers carry any bytes, and the odd length checks their padding.
        var icc = extension == ".ora" ? RetouchPlugins.Shared.Imaging.ImageFile.BuiltInIccProfile("p3") : FakeIcc;
        var doc = LayerSamples.ThreeLayers(bits, icc);
        LayerFile.Write(doc, path);
        var back = LayerFile.Read(path);

        Assert.Equal((doc.Width, doc.Height, bits), (back.Width, back.Height, back.BitsPerSample));
        Assert.Equal(icc, back.IccProfile);
        Assert.Equal(doc.Layers.Select(l => l.Name), back.Layers.Select(l => l.Name));
        for (int i = 0; i < doc.Layers.Count; i++)
        {
            Layer a = doc.Layers[i], b = back.Layers[i];
            Assert.Equal((a.OffsetX, a.OffsetY, a.Width, a.Height), (b.OffsetX, b.OffsetY, b.Width, b.Height));
            Assert.Equal(a.Opacity, b.Opacity, 1e-6f);
            Assert.Equal(a.BlendMode, b.BlendMode);
            Assert.Equal(a.Visible, b.Visible);
            Assert.Equal(0f, LayerSamples.MaxDifference(a.Pixels, b.Pixels)); // exact: samples are on the grid
        }
        Assert.DoesNotContain(Directory.GetFiles(dir), f => Path.GetFileName(f).StartsWith('.')); // no temp left
        Directory.Delete(dir, true);
    }

    [Theory]
    [InlineData(".ora")]
    [InlineData(".psd")]
    [InlineData(".tif")]
    public void AnEveryBlendModeDocumentKeepsItsModes(string extension)
    {
        var dir = LayerSamples.TempDir();
        var doc = new LayerDocument(4, 3);
        foreach (var mode in Enum.GetValues<BlendMode>())
            doc.Add(new Layer(mode.ToString(), new RetouchPlugins.Shaders.PlanarImage(4, 3, 3)) { BlendMode = mode });
        var path = Path.Combine(dir, "modes" + extension);
        LayerFile.Write(doc, path);
        Assert.Equal(Enum.GetValues<BlendMode>(), LayerFile.Read(path).Layers.Select(l => l.BlendMode));
        Directory.Delete(dir, true);
    }
}
