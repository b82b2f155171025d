using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Tests.Layers;

/// <summary>The PNGs inside .ora files, encoded and decoded in memory by libvips (<see cref="LayerPng"/>).</summary>
public class LayerPngTests
{
    private static PlanarImage Noise(int channels, int bits, int seed)
    {
        var rng = new Random(seed);
        float max = bits == 8 ? 255f : 65535f;
        var img = new PlanarImage(23, 17, channels);
        for (int i = 0; i < img.Data.Length; i++)
            img.Data[i] = i % 5 == 0 ? img.Data[Math.Max(0, i - 1)] : rng.Next((int)max + 1) / max; // runs + noise
        return img;
    }

    /// <summary>Grey, grey + alpha, RGB and RGBA at 8 and 16 bits decode back exactly, at the depth they were written.</summary>
    [Fact]
    public void EveryLayoutAndDepthRoundTripsExactly()
    {
        foreach (int bits in new[] { 8, 16 })
            for (int channels = 1; channels <= 4; channels++)
            {
                var img = Noise(channels, bits, bits + channels);
                var back = LayerPng.Decode(LayerPng.Encode(img, bits), "mem.png");
                Assert.Equal(bits, back.BitsPerSample);
                Assert.Equal(channels is 2 or 4 ? 4 : 3, back.Pixels.Channels); // grey comes back as RGB
                Assert.Equal(0f, LayerSamples.MaxDifference(Layer.ToRgba(img), Layer.ToRgba(back.Pixels)));
            }
    }

    [Fact]
    public void IccProfileTravelsWithThePixels()
    {
        var p3 = ImageFile.BuiltInIccProfile("p3");
        var back = LayerPng.Decode(LayerPng.Encode(Noise(3, 16, 7), 16, p3), "mem.png");
        Assert.Equal(p3, back.IccProfile);
        Assert.Null(LayerPng.Decode(LayerPng.Encode(Noise(3, 8, 7), 8), "mem.png").IccProfile);
    }

    /// <summary>PNGs written by ImageMagick (libpng, adaptive filters) in every colour type, and interlaced, decode to
    /// the samples ImageMagick itself reports (as 16-bit RGBA), exactly.</summary>
    [Theory]
    [InlineData("rgba16", "-define png:color-type=6 -define png:bit-depth=16", 4)]
    [InlineData("rgba8", "-define png:color-type=6 -define png:bit-depth=8", 4)]
    [InlineData("rgb16", "-alpha off -define png:color-type=2 -define png:bit-depth=16", 3)]
    [InlineData("rgb8", "-alpha off -define png:color-type=2 -define png:bit-depth=8", 3)]
    [InlineData("grey16", "-alpha off -colorspace gray -define png:color-type=0 -define png:bit-depth=16", 3)]
    [InlineData("greyalpha8", "-colorspace gray -define png:color-type=4 -define png:bit-depth=8", 4)]
    [InlineData("grey1", "-alpha off -colorspace gray -threshold 50% -define png:color-type=0 -define png:bit-depth=1", 3)]
    [InlineData("palette", "-alpha off -colors 16 -define png:color-type=3", 3)]
    [InlineData("adam7", "-interlace PNG -define png:color-type=6 -define png:bit-depth=8", 4)]
    public void DecodesImageMagickPngs(string name, string options, int planes)
    {
        var dir = LayerSamples.TempDir();
        var png = Path.Combine(dir, name + ".png");
        var args = new List<string> { "-size", "41x29", "gradient:#ff2000-#0030ff", "(", "-size", "41x29", "-seed", "5", "plasma:", ")",
            "-compose", "blend", "-define", "compose:args=50", "-composite",
            "(", "-size", "41x29", "gradient:white-#20202000", ")", "-compose", "copyopacity", "-composite" };
        args.AddRange(options.Split(' '));
        args.Add(png);
        ExternalTool.Run("convert", args);
        var raw = Path.Combine(dir, "raw.rgba");
        ExternalTool.Run("convert", [png, "-depth", "16", "rgba:" + raw]);
        var expected = File.ReadAllBytes(raw);

        var decoded = LayerSamples.ReadPng(png);
        Assert.Equal(planes, decoded.Pixels.Channels);
        var rgba = Layer.ToRgba(decoded.Pixels);
        int mismatches = 0;
        for (int y = 0; y < 29; y++)
            for (int x = 0; x < 41; x++)
                for (int c = 0; c < 4; c++)
                {
                    int at = ((y * 41 + x) * 4 + c) * 2;
                    int want = expected[at] | expected[at + 1] << 8; // ImageMagick raw is little-endian by default here
                    if ((int)MathF.Round(rgba[c, x, y] * 65535f) != want) mismatches++;
                }
        Assert.Equal(0, mismatches);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void DamagedDataIsReportedNotDecoded()
    {
        var bytes = LayerPng.Encode(Noise(3, 8, 1), 8);
        bytes[bytes.Length - 20] ^= 0x5A; // inside IDAT
        var e = Assert.Throws<ImageFileException>(() => LayerPng.Decode(bytes, "broken.png"));
        Assert.StartsWith("broken.png: ", e.Message);
        Assert.Equal(ImageFileProblem.Corrupt, e.Problem);
    }

    [Fact]
    public void OtherFormatsAreRefusedByName()
    {
        var jpeg = File.ReadAllBytes(Imaging.TestImages.Photo("sample1.jpg"));
        var e = Assert.Throws<ImageFileException>(() => LayerPng.Decode(jpeg, "data/layer000.png"));
        Assert.Equal("data/layer000.png: is a JPEG image, not a PNG", e.Message);
    }
}
