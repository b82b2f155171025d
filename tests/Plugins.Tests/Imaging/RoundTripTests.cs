using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Imaging;

public sealed class RoundTripTests : IDisposable
{
    private readonly string _dir = TestImages.NewScratchFolder();
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void Png_8bit_round_trip_is_exact()
    {
        var pixels = TestImages.Ramp(301, 97, 256);
        var path = Path.Combine(_dir, "ramp.png");
        ImageFile.Save(new ImageDocument(pixels, 8, null, null, ImageFormat.Png), path);

        var back = ImageFile.Load(path);
        Assert.Equal(8, back.BitsPerSample);
        Assert.Equal(ImageFormat.Png, back.SourceFormat);
        Assert.Equal(pixels.Data, back.Pixels.Data); // exact: k/255 survives float -> byte -> float
    }

    [Fact]
    public void Png_rgba_keeps_alpha()
    {
        var rgb = TestImages.Ramp(64, 48, 256);
        var rgba = new PlanarImage(64, 48, 4);
        rgb.Data.CopyTo(rgba.Data, 0);
        for (int i = 0; i < rgba.PlaneSize; i++) rgba.Plane(3)[i] = (i % 256) / 255f;
        var path = Path.Combine(_dir, "rgba.png");
        ImageFile.Save(new ImageDocument(rgba, 8, null, null, ImageFormat.Png), path);

        var back = ImageFile.Load(path);
        Assert.Equal(4, back.Pixels.Channels);
        Assert.Equal(rgba.Data, back.Pixels.Data);
    }

    [Theory]
    [InlineData("all16.tif")]
    [InlineData("all16.png")]
    public void Sixteen_bit_round_trip_is_exact_over_all_65536_values(string file)
    {
        // 256 x 256 = 65536 pixels: R takes every 16-bit value once, G the reverse, B a scramble.
        var pixels = new PlanarImage(256, 256, 3);
        for (int i = 0; i < 65536; i++)
        {
            pixels.Plane(0)[i] = i / 65535f;
            pixels.Plane(1)[i] = (65535 - i) / 65535f;
            pixels.Plane(2)[i] = (int)((i * 40503L) % 65536) / 65535f;
        }
        var path = Path.Combine(_dir, file);
        ImageFile.Save(new ImageDocument(pixels, 16, null, null, ImageFormat.Tiff), path);

        var info = ImageFile.ReadInfo(path);
        Assert.Equal(16, info.BitsPerSample);
        var back = ImageFile.Load(path);
        Assert.Equal(16, back.BitsPerSample);
        Assert.Equal(pixels.Data, back.Pixels.Data);
        // Not quantised to 8 bits: every one of the 65536 levels is distinct after loading.
        Assert.Equal(65536, back.Pixels.Plane(0).ToArray().Distinct().Count());
    }

    [Fact]
    public void WebP_is_read_and_lossless_webp_round_trip_is_exact()
    {
        var pixels = TestImages.Ramp(120, 80, 256);
        var path = Path.Combine(_dir, "ramp.webp");
        ImageFile.Save(new ImageDocument(pixels, 8, null, null, ImageFormat.Png), path);
        var back = ImageFile.Load(path);
        Assert.Equal(ImageFormat.WebP, back.SourceFormat);
        Assert.Equal(pixels.Data, back.Pixels.Data);
    }

    [Fact]
    public void Tiff_8bit_round_trip_is_exact()
    {
        var pixels = TestImages.Ramp(200, 50, 256);
        var path = Path.Combine(_dir, "ramp8.tiff");
        ImageFile.Save(new ImageDocument(pixels, 8, null, null, ImageFormat.Tiff), path);
        var back = ImageFile.Load(path);
        Assert.Equal(8, back.BitsPerSample);
        Assert.Equal(ImageFormat.Tiff, back.SourceFormat);
        Assert.Equal(pixels.Data, back.Pixels.Data);
    }

    [Fact]
    public void Sixteen_bit_document_saved_as_8bit_png_is_rounded_to_nearest_level()
    {
        var pixels = new PlanarImage(16, 1, 3);
        for (int i = 0; i < pixels.Data.Length; i++) pixels.Data[i] = (i % 16) * 1000 / 65535f;
        var path = Path.Combine(_dir, "down.png");
        ImageFile.Save(new ImageDocument(pixels, 16, null, null, ImageFormat.Png), path, new ImageSaveOptions { BitsPerSample = 8 });
        var back = ImageFile.Load(path);
        Assert.Equal(8, back.BitsPerSample);
        for (int i = 0; i < pixels.Data.Length; i++)
            Assert.Equal(MathF.Round(pixels.Data[i] * 255f) / 255f, back.Pixels.Data[i]);
    }

    [Fact]
    public void Grey_png_loads_as_equal_rgb_planes()
    {
        var grey = new PlanarImage(33, 17, 1);
        for (int i = 0; i < grey.Data.Length; i++) grey.Data[i] = (i * 37 % 256) / 255f;
        var path = Path.Combine(_dir, "mask.png");
        ImageFile.SavePng(grey, path);

        Assert.Equal(1, ImageFile.ReadInfo(path).Channels);
        var back = ImageFile.Load(path);
        Assert.Equal(3, back.Pixels.Channels);
        for (int c = 0; c < 3; c++) Assert.Equal(grey.Data, back.Pixels.Plane(c).ToArray());
    }

    [Fact]
    public void Jpeg_round_trip_of_a_photo_stays_close_at_quality_95()
    {
        var original = ImageFile.Load(TestImages.Photo("sample1.jpg"));
        var path = Path.Combine(_dir, "again.jpg");
        ImageFile.Save(original, path);
        var back = ImageFile.Load(path);

        Assert.Equal((original.Width, original.Height), (back.Width, back.Height));
        double meanAbs = original.Pixels.Data.Zip(back.Pixels.Data, (a, b) => Math.Abs(a - b)).Average();
        Assert.InRange(meanAbs, 0, 0.01); // tolerance: mean error under 1% of full scale at Q95
        // A JPEG at quality 20 is smaller than at 95: the quality option reaches the encoder.
        var low = Path.Combine(_dir, "low.jpg");
        ImageFile.Save(original, low, new ImageSaveOptions { JpegQuality = 20 });
        Assert.True(new FileInfo(low).Length < new FileInfo(path).Length / 2);
    }

    [Fact]
    public void Load_from_buffer_matches_load_from_file()
    {
        var path = TestImages.Photo("sample2.jpg");
        var fromFile = ImageFile.Load(path);
        var fromBuffer = ImageFile.LoadFromBuffer(File.ReadAllBytes(path), "sample2 bytes");
        Assert.Equal(fromFile.Pixels.Data, fromBuffer.Pixels.Data);
    }
}
