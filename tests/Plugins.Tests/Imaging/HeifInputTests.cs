using System.Text;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Layers;

namespace RetouchPlugins.Tests.Imaging;

/// <summary>
/// HEIF photos, written by ImageMagick (Debian's libheif with x265 and aom) from a demo photo. An iPhone's HEIC
/// (HEVC) cannot be decoded by the libvips we ship and must say so, not call a sound file damaged; an AVIF (AV1)
/// goes through the same loader and reads.
/// </summary>
public sealed class HeifInputTests : IDisposable
{
    private readonly string _dir = TestImages.NewScratchFolder();
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Convert(string file, string quality)
    {
        var path = Path.Combine(_dir, file);
        ExternalTool.Run("convert", [TestImages.Photo("sample1.jpg"), "-quality", quality, path]);
        return path;
    }

    [Fact]
    public void An_iphone_heic_is_refused_as_hevc_with_what_to_do_not_as_damaged()
    {
        var path = Convert("IMG_0042.heic", "80");
        var bytes = File.ReadAllBytes(path);
        Assert.Equal("ftypheic", Encoding.ASCII.GetString(bytes, 4, 8)); // a real HEIC, as a phone writes it

        foreach (var attempt in new Func<object>[] { () => ImageFile.Load(path), () => ImageFile.ReadInfo(path) })
        {
            var e = Assert.Throws<ImageFileException>(attempt);
            Assert.Equal(ImageFileProblem.UnsupportedFormat, e.Problem);
            Assert.StartsWith($"{path}: HEIC photo coded with HEVC", e.Message);
            Assert.Contains("export it as JPEG", e.Message);
            Assert.DoesNotContain("damaged", e.Message);
        }
        var fromBuffer = Assert.Throws<ImageFileException>(() => ImageFile.LoadFromBuffer(bytes, "upload.heic"));
        Assert.Equal(ImageFileProblem.UnsupportedFormat, fromBuffer.Problem);
        Assert.StartsWith("upload.heic: HEIC photo coded with HEVC", fromBuffer.Message);
    }

    [Fact]
    public void An_avif_reads_with_the_photo_s_pixels_within_its_compression()
    {
        var avif = ImageFile.Load(Convert("photo.avif", "90")).Pixels;
        var jpeg = ImageFile.Load(TestImages.Photo("sample1.jpg")).Pixels;
        Assert.Equal((jpeg.Width, jpeg.Height, 3), (avif.Width, avif.Height, avif.Channels));
        double sum = 0;
        for (int i = 0; i < jpeg.Data.Length; i++) sum += Math.Abs(avif.Data[i] - jpeg.Data[i]);
        double meanLevels = sum / jpeg.Data.Length * 255;
        // AV1 at quality 90 moves a sample by about 1-2 levels on average; a wrong channel order or range is tens.
        Assert.True(meanLevels < 4, $"mean difference {meanLevels:0.00} levels");
    }
}
