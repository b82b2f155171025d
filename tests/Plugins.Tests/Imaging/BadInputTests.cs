using System.Buffers.Binary;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Imaging;

public sealed class BadInputTests : IDisposable
{
    private readonly string _dir = TestImages.NewScratchFolder();
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static ImageFileException AssertFails(string path, ImageFileProblem problem, ImageLoadOptions? options = null)
    {
        var e = Assert.Throws<ImageFileException>(() => ImageFile.Load(path, options));
        Assert.Equal(problem, e.Problem);
        Assert.Equal(path, e.Path);
        Assert.Contains(Path.GetFileName(path), e.Message);
        return e;
    }

    [Fact]
    public void Truncated_jpeg_fails_instead_of_decoding_grey()
    {
        var whole = File.ReadAllBytes(TestImages.Photo("sample1.jpg"));
        var path = Write("cut.jpg", whole[..(whole.Length * 6 / 10)]);
        var e = AssertFails(path, ImageFileProblem.Corrupt);
        Assert.Contains("truncated or damaged", e.Message);
    }

    [Fact]
    public void Empty_file_is_reported_as_empty()
    {
        var e = AssertFails(Write("empty.jpg", []), ImageFileProblem.Empty);
        Assert.Contains("empty", e.Message);
    }

    [Fact]
    public void Text_file_named_jpg_is_not_an_image()
    {
        var e = AssertFails(Write("notes.jpg", "shopping list: milk, eggs\n"u8.ToArray()), ImageFileProblem.UnsupportedFormat);
        Assert.Contains("not an image", e.Message);
    }

    [Fact]
    public void Missing_file_and_folder_are_not_found()
    {
        AssertFails(Path.Combine(_dir, "nope.png"), ImageFileProblem.NotFound);
        AssertFails(_dir, ImageFileProblem.NotFound);
    }

    [Fact]
    public void Png_header_claiming_100000_by_100000_is_refused_before_decoding()
    {
        var e = AssertFails(Write("bomb.png", PngWithHeaderOnly(100_000, 100_000)), ImageFileProblem.TooManyPixels);
        Assert.Contains("100000 x 100000", e.Message);
        // The header alone is readable; the size is what the info command reports.
        Assert.Equal((100_000, 100_000), (ImageFile.ReadInfo(Path.Combine(_dir, "bomb.png")).Width, ImageFile.ReadInfo(Path.Combine(_dir, "bomb.png")).Height));
    }

    [Fact]
    public void Image_over_a_configured_limit_is_refused_from_file_and_buffer()
    {
        var limit = new ImageLoadOptions { MaxPixels = 1_000_000 };
        var path = TestImages.Photo("sample1.jpg");
        var e = AssertFails(path, ImageFileProblem.TooManyPixels, limit);
        Assert.Contains("megapixels", e.Message);
        var b = Assert.Throws<ImageFileException>(() => ImageFile.LoadFromBuffer(File.ReadAllBytes(path), "upload.jpg", limit));
        Assert.Equal(ImageFileProblem.TooManyPixels, b.Problem);
        Assert.Contains("upload.jpg", b.Message);
    }

    [Fact]
    public void Garbage_and_truncated_buffers_fail_cleanly()
    {
        Assert.Equal(ImageFileProblem.UnsupportedFormat,
            Assert.Throws<ImageFileException>(() => ImageFile.LoadFromBuffer(new byte[1000], "zeros")).Problem);
        Assert.Equal(ImageFileProblem.Empty,
            Assert.Throws<ImageFileException>(() => ImageFile.LoadFromBuffer([], "nothing")).Problem);
        var whole = File.ReadAllBytes(TestImages.Photo("sample2.jpg"));
        Assert.Equal(ImageFileProblem.Corrupt,
            Assert.Throws<ImageFileException>(() => ImageFile.LoadFromBuffer(whole[..(whole.Length / 3)], "cut")).Problem);
    }

    [Fact]
    public void Unsupported_output_extension_and_unwritable_target_fail_without_leftovers()
    {
        var doc = new ImageDocument(TestImages.Ramp(8, 8, 256), 8, null, null, ImageFormat.Png);
        var bmp = Assert.Throws<ImageFileException>(() => ImageFile.Save(doc, Path.Combine(_dir, "out.bmp")));
        Assert.Equal(ImageFileProblem.UnsupportedFormat, bmp.Problem);

        // The target name is taken by a folder: the rename fails, the folder and the directory stay clean.
        var blocked = Path.Combine(_dir, "taken.png");
        Directory.CreateDirectory(blocked);
        var e = Assert.Throws<ImageFileException>(() => ImageFile.Save(doc, blocked));
        Assert.Equal(ImageFileProblem.CannotWrite, e.Problem);
        Assert.Contains("taken.png", e.Message);
        Assert.Equal([blocked], Directory.GetFileSystemEntries(_dir));
    }

    /// <summary>A PNG with a valid signature, IHDR (correct CRC), an empty IDAT and IEND.</summary>
    private static byte[] PngWithHeaderOnly(int width, int height)
    {
        using var s = new MemoryStream();
        s.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 2;  // colour type RGB
        PngChunk.Write(s, "IHDR", ihdr);
        PngChunk.Write(s, "IDAT", [0x78, 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01]);
        PngChunk.Write(s, "IEND", []);
        return s.ToArray();
    }
}
