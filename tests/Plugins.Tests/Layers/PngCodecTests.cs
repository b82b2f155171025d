using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Shared.Layers.Png;

namespace RetouchPlugins.Tests.Layers;

public class PngCodecTests
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

    /// <summary>Each of the five row filters, forced on every row, decodes back exactly.</summary>
    [Fact]
    public void EveryFilterTypeRoundTripsExactly()
    {
        foreach (int bits in new[] { 8, 16 })
            for (int channels = 1; channels <= 4; channels++)
                for (int filter = 0; filter < 5; filter++)
                {
                    var img = Noise(channels, bits, filter * 10 + channels);
                    var ms = new MemoryStream();
                    PngEncoder.Encode(ms, img, bits, null, filter);
                    ms.Position = 0;
                    var back = PngDecoder.Decode(ms, "mem.png");
                    Assert.Equal(bits, back.BitDepth);
                    Assert.Equal(0f, LayerSamples.MaxDifference(img, back.Pixels));
                }
    }

    /// <summary>PNGs written by ImageMagick (libpng, adaptive filters) in every colour type decode to the
    /// samples ImageMagick itself reports (as 16-bit RGBA), exactly.</summary>
    [Theory]
    [InlineData("rgba16", "-define png:color-type=6 -define png:bit-depth=16", 4)]
    [InlineData("rgba8", "-define png:color-type=6 -define png:bit-depth=8", 4)]
    [InlineData("rgb16", "-alpha off -define png:color-type=2 -define png:bit-depth=16", 3)]
    [InlineData("rgb8", "-alpha off -define png:color-type=2 -define png:bit-depth=8", 3)]
    [InlineData("grey16", "-alpha off -colorspace gray -define png:color-type=0 -define png:bit-depth=16", 1)]
    [InlineData("greyalpha8", "-colorspace gray -define png:color-type=4 -define png:bit-depth=8", 2)]
    [InlineData("grey1", "-alpha off -colorspace gray -threshold 50% -define png:color-type=0 -define png:bit-depth=1", 1)]
    [InlineData("palette", "-alpha off -colors 16 -define png:color-type=3", 3)]
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

        var decoded = PngDecoder.Decode(png);
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
    public void InterlacedPngIsRefusedByName()
    {
        var dir = LayerSamples.TempDir();
        var png = Path.Combine(dir, "adam7.png");
        ExternalTool.Run("convert", ["-size", "16x16", "gradient:red-blue", "-interlace", "PNG", png]);
        var e = Assert.Throws<LayerFileException>(() => PngDecoder.Decode(png));
        Assert.Contains(png, e.Message);
        Assert.Contains("interlaced", e.Message);
        Directory.Delete(dir, true);
    }

    [Fact]
    public void DamagedChunkIsReportedNotDecoded()
    {
        var ms = new MemoryStream();
        PngEncoder.Encode(ms, Noise(3, 8, 1), 8);
        var bytes = ms.ToArray();
        bytes[bytes.Length - 20] ^= 0x5A; // inside IDAT
        var e = Assert.Throws<LayerFileException>(() => PngDecoder.Decode(new MemoryStream(bytes), "broken.png"));
        Assert.StartsWith("broken.png: ", e.Message);
        Assert.Contains("CRC", e.Message);
    }
}
