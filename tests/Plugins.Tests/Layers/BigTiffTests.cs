using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Shared.Layers.Tiff;
using RetouchPlugins.Tests.Imaging;

namespace RetouchPlugins.Tests.Layers;

/// <summary>
/// BigTIFF (64-bit offsets), the TIFF a file over 4 GiB must be: a medium-format shoot's layered 16-bit TIFF passes that.
/// Ours read back and read by ImageMagick (libtiff), ImageMagick's read by ours, a file whose pixels lie past the 4 GiB
/// mark (sparse on disk), the photo's EXIF carried into and out of BigTIFFs, and damaged ones refused naming the file.
/// Pixels compared exactly (0 for our own round trip; under half a 16-bit level against ImageMagick's decode, which is
/// exact for 8- and 16-bit samples).
/// </summary>
public sealed class BigTiffTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-bigtiff-").FullName;

    public void Dispose() => Directory.Delete(_dir, true);

    private const float HalfLevel16 = 0.5f / 65535;

    private string WriteOurs(LayerDocument document, string name, bool bigTiff)
    {
        var path = Path.Combine(_dir, name);
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite)) TiffWriter.Write(document, file, bigTiff: bigTiff);
        return path;
    }

    private static bool IsBigTiff(string path)
    {
        using var file = File.OpenRead(path);
        return TiffStructure.Open(file)!.IsBigTiff;
    }

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void Our_bigtiff_reads_back_as_the_same_document_and_ImageMagick_reads_its_pages(int bits)
    {
        var doc = LayerSamples.ThreeLayers(bits, LayerSamples.ThreeLayers(8).IccProfile);
        var path = WriteOurs(doc, "layers.tif", bigTiff: true);
        Assert.True(IsBigTiff(path));

        var back = LayerFile.Read(path);
        Assert.Equal((doc.Width, doc.Height, bits), (back.Width, back.Height, back.BitsPerSample));
        Assert.Equal(doc.Layers.Select(l => l.Name), back.Layers.Select(l => l.Name));
        for (int i = 0; i < doc.Layers.Count; i++)
        {
            Layer a = doc.Layers[i], b = back.Layers[i];
            Assert.Equal((a.OffsetX, a.OffsetY, a.Width, a.Height, a.BlendMode, a.Visible), (b.OffsetX, b.OffsetY, b.Width, b.Height, b.BlendMode, b.Visible));
            Assert.Equal(0f, LayerSamples.MaxDifference(a.Pixels, b.Pixels));
        }

        var pages = ExternalTool.Run("identify", ["-format", "%l|%wx%h|%z\n", path]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(doc.Layers.Select(l => $"{l.Name}|{l.Width}x{l.Height}|{bits}"), pages);
        float worst = ExternalTool.MaxDifferenceFromImageMagick(path, 1, doc.Layers[1].Pixels, "rgba");
        Assert.True(worst < HalfLevel16, $"worst difference {worst * 65535:0.0}/65535");
    }

    [Theory]
    [InlineData("lsb", 8)]
    [InlineData("msb", 16)]
    public void A_layered_bigtiff_from_ImageMagick_reads_page_for_page(string endian, int bits)
    {
        // Two pages of different sizes, Deflate with the horizontal predictor, in 16-row strips.
        var photo = TestImages.Photo("sample1.jpg");
        var path = Path.Combine(_dir, "magick.tif");
        ExternalTool.Run("convert", ["(", photo, "-crop", "320x240+600+300", ")", "(", photo, "-crop", "200x150+700+350", "-alpha", "set",
            "-channel", "A", "-evaluate", "set", "60%", "+channel", ")", "+repage", "-depth", bits.ToString(), "-define", $"tiff:endian={endian}",
            "-compress", "Zip", "-define", "tiff:predictor=2", "-define", "tiff:rows-per-strip=16", "TIFF64:" + path]);
        Assert.True(IsBigTiff(path));

        var doc = LayerFile.Read(path);
        Assert.Equal(2, doc.Layers.Count);
        Assert.Equal(bits, doc.BitsPerSample);
        Assert.Equal((320, 240), (doc.Layers[0].Width, doc.Layers[0].Height));
        Assert.Equal((200, 150), (doc.Layers[1].Width, doc.Layers[1].Height));
        Assert.Equal(0.6f, doc.Layers[1].Pixels[3, 100, 75], 0.01f); // the second page's alpha
        float rgb = ExternalTool.MaxDifferenceFromImageMagick(path, 0, doc.Layers[0].Pixels, "rgb");
        float rgba = ExternalTool.MaxDifferenceFromImageMagick(path, 1, doc.Layers[1].Pixels, "rgba");
        Assert.True(rgb < HalfLevel16 && rgba < HalfLevel16, $"worst differences {rgb * 65535:0.0} and {rgba * 65535:0.0} of 65535");
    }

    [Fact]
    public void A_bigtiff_whose_pixels_lie_past_the_4_GiB_mark_is_read_by_ours_ImageMagick_and_the_photo_loader()
    {
        // A 160 x 120 crop, uncompressed RGB, its strip and IFD written 4.5 GiB into the file: a hole before them (sparse on
        // disk), so every offset the readers follow is over 32 bits.
        var photo = ImageFile.Load(TestImages.Photo("sample1.jpg")).Pixels;
        var crop = new PlanarImage(160, 120, 3);
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 120; y++)
                for (int x = 0; x < 160; x++) crop[c, x, y] = MathF.Round(photo[c, 600 + x, 300 + y] * 255) / 255;
        var strip = new byte[160 * 120 * 3];
        for (int i = 0; i < 160 * 120; i++)
            for (int c = 0; c < 3; c++) strip[i * 3 + c] = (byte)MathF.Round(crop.Data[c * crop.PlaneSize + i] * 255);

        var form = new TiffForm(BigEndian: false, BigTiff: true);
        const long stripAt = (9L << 29); // 4.5 GiB
        var path = Path.Combine(_dir, "far.tif");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            file.Write(form.Header());
            file.Position = stripAt;
            file.Write(strip);
            TiffField Short(int tag, params int[] v) =>
                new(tag, TiffTags.Short, v.Length, v.SelectMany(n => new[] { (byte)n, (byte)(n >> 8) }).ToArray());
            var fields = new[]
            {
                Short(TiffTags.ImageWidth, 160), Short(TiffTags.ImageLength, 120), Short(TiffTags.BitsPerSample, 8, 8, 8),
                Short(TiffTags.Compression, 1), Short(TiffTags.Photometric, 2),
                new TiffField(TiffTags.StripOffsets, TiffTags.Long8, 1, form.OffsetBytes(stripAt)),
                Short(TiffTags.SamplesPerPixel, 3), Short(TiffTags.RowsPerStrip, 120),
                new TiffField(TiffTags.StripByteCounts, TiffTags.Long8, 1, form.OffsetBytes(strip.Length)),
                Short(TiffTags.PlanarConfiguration, 1),
            };
            long ifd = TiffIfdWriter.Write(file, 0, fields.Select(TiffSlot.New).ToList(), 0, form, out _);
            Assert.True(ifd > uint.MaxValue);
            TiffIfdWriter.Patch(file, form.FirstIfdPointerAt, ifd, form);
        }
        Assert.True(new FileInfo(path).Length > (4L << 30));

        var layer = Assert.Single(LayerFile.Read(path).Layers);
        Assert.Equal(0f, LayerSamples.MaxColourDifference(crop, layer.Pixels));
        float magick = ExternalTool.MaxDifferenceFromImageMagick(path, 0, crop, "rgb");
        Assert.True(magick < HalfLevel16, $"ImageMagick: worst difference {magick * 65535:0.0}/65535");
        var loaded = ImageFile.Load(path); // the product's door: libvips, then our Deflate check and EXIF read on the same file
        Assert.Equal(0f, LayerSamples.MaxColourDifference(crop, loaded.Pixels));
    }

    /// <summary>ImageMagick names the camera tags of a TIFF's first IFD "tiff:", the EXIF IFD's "exif:" (1/100 s as 0.01).</summary>
    private const string CameraFormat = "%[tiff:make]|%[tiff:model]|%[exif:ExposureTime]", Camera = "SONY|ILCE-7M2|0.01";

    [Fact]
    public void A_photos_exif_goes_into_a_bigtiff_and_comes_out_of_it()
    {
        var photo = ImageFile.Load(TestImages.Photo("sample1.jpg")); // a Sony ILCE-7M2's EXIF: 1/100 s
        Assert.NotNull(photo.Exif);
        var flat = Path.Combine(_dir, "flat.tif");
        ImageFile.Save(photo, flat, new ImageSaveOptions { BigTiff = true });
        Assert.True(IsBigTiff(flat));
        Assert.Equal(Camera, ExternalTool.Run("identify", ["-format", CameraFormat, flat]).Trim());

        // Read back from the BigTIFF (an EXIF block is always classic), and written into a classic TIFF again.
        var back = ImageFile.Load(flat);
        Assert.NotNull(back.Exif);
        var classic = Path.Combine(_dir, "classic.tif");
        ImageFile.Save(back, classic);
        Assert.False(IsBigTiff(classic));
        Assert.Equal(Camera, ExternalTool.Run("identify", ["-format", CameraFormat, classic]).Trim());

        // Our layered BigTIFF takes it the same way (LayerFile's TIFF writes add it after the pages).
        var doc = LayerSamples.ThreeLayers(8);
        var layered = Path.Combine(_dir, "layered.tif");
        using (var file = new FileStream(layered, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            TiffWriter.Write(doc, file, bigTiff: true);
            TiffExif.AddTo(file, photo.Exif!);
        }
        Assert.Equal(Camera, ExternalTool.Run("identify", ["-format", CameraFormat, $"{layered}[0]"]).Trim());
        Assert.Equal(doc.Layers.Count, LayerFile.Read(layered).Layers.Count);
    }

    [Fact]
    public void A_layered_tiff_that_passes_the_classic_limit_is_written_again_as_a_bigtiff()
    {
        // The classic limit lowered to half of what the document takes: the first page fits, a later one does not, so
        // the whole document is written again as a BigTIFF (Deflate's size is known only once written). Asked for a
        // classic TIFF, the same document is an error that says what to do.
        var doc = LayerSamples.ThreeLayers(16);
        var whole = new MemoryStream();
        TiffWriter.Write(doc, whole);
        long limit = whole.Length / 2;

        var path = Path.Combine(_dir, "fallback.tif");
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite)) TiffWriter.Write(doc, file, deflate: true, bigTiff: null, limit);
        Assert.True(IsBigTiff(path));
        var back = LayerFile.Read(path);
        Assert.Equal(doc.Layers.Count, back.Layers.Count);
        for (int i = 0; i < doc.Layers.Count; i++) Assert.Equal(0f, LayerSamples.MaxDifference(doc.Layers[i].Pixels, back.Layers[i].Pixels));

        var refused = Assert.Throws<IOException>(() => TiffWriter.Write(doc, new MemoryStream(), deflate: true, bigTiff: false, limit));
        Assert.Contains("passes a classic TIFF's 4 GiB at page", refused.Message);
        Assert.Contains("BigTIFF", refused.Message);
        Assert.False(IsBigTiff(WriteOurs(doc, "classic.tif", bigTiff: false)));
    }

    [Fact]
    public void A_damaged_bigtiff_is_refused_naming_the_file()
    {
        var path = WriteOurs(LayerSamples.ThreeLayers(8), "whole.tif", bigTiff: true);
        var bytes = File.ReadAllBytes(path);

        var cut = Path.Combine(_dir, "cut.tif");
        File.WriteAllBytes(cut, bytes[..(bytes.Length * 2 / 3)]);
        var e = Assert.Throws<LayerFileException>(() => LayerFile.Read(cut));
        Assert.StartsWith($"{cut}: ", e.Message);
        Assert.Contains("truncated", e.Message);

        // The first IFD's 8-byte offset claims an exabyte.
        var far = Path.Combine(_dir, "far-ifd.tif");
        var pointed = (byte[])bytes.Clone();
        BitConverter.GetBytes(1L << 60).CopyTo(pointed, 8);
        File.WriteAllBytes(far, pointed);
        e = Assert.Throws<LayerFileException>(() => LayerFile.Read(far));
        Assert.StartsWith($"{far}: ", e.Message);
        Assert.Contains("past the end", e.Message);
    }
}
