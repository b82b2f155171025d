using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Imaging;

public sealed class ColourConversionTests : IDisposable
{
    private readonly string _dir = TestImages.NewScratchFolder();
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Cmyk_jpeg_loads_as_srgb_close_to_the_original()
    {
        // Make a CMYK JPEG with libvips itself (the binding's own API only writes RGB).
        // A 480 x 320 crop keeps the colour transforms quick.
        var source = Path.Combine(_dir, "crop.png");
        ImageFile.SavePng(ImageFile.Load(TestImages.Photo("sample5.jpg")).Pixels.Crop(700, 300, 480, 320), source);
        var cmykPath = Path.Combine(_dir, "cmyk.jpg");
        Assert.True(ImageFile.LibvipsStatus.Loaded, ImageFile.LibvipsStatus.Problem);
        using (var rgb = NetVips.Image.NewFromFile(source))
        using (var cmyk = rgb.Colourspace(NetVips.Enums.Interpretation.Cmyk))
            cmyk.Jpegsave(cmykPath, q: 98);
        var info = ImageFile.ReadInfo(cmykPath);
        Assert.Equal(4, info.Channels);
        Assert.Equal("Cmyk", info.Interpretation);

        var original = ImageFile.Load(source);
        var converted = ImageFile.Load(cmykPath);
        Assert.Equal(3, converted.Pixels.Channels); // not mistaken for RGBA
        Assert.Null(converted.IccProfile);          // the CMYK profile no longer describes the pixels
        double meanAbs = original.Pixels.Data.Zip(converted.Pixels.Data, (a, b) => Math.Abs(a - b)).Average();
        // Tolerance: sRGB -> CMYK -> sRGB through libvips' built-in profiles plus JPEG; measured 0.031 on the full photo, allow 0.06.
        Assert.InRange(meanAbs, 0, 0.06);
    }

    [Fact]
    public void Concurrent_loads_match_sequential_loads()
    {
        var files = new[] { "sample1.jpg", "sample2.jpg", "sample3.jpg", "sample4.jpg" }.Select(TestImages.Photo).ToArray();
        var sequential = files.Select(f => ImageFile.Load(f).Pixels.Data).ToArray();
        var parallel = new float[files.Length][];
        Parallel.For(0, files.Length, i => parallel[i] = ImageFile.Load(files[i]).Pixels.Data);
        for (int i = 0; i < files.Length; i++) Assert.Equal(sequential[i], parallel[i]);
    }
}
