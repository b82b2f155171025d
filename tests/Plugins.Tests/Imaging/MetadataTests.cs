using System.Text;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Imaging;

public sealed class MetadataTests : IDisposable
{
    private readonly string _dir = TestImages.NewScratchFolder();
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>A minimal little-endian EXIF block: IFD0 with one entry, Orientation = <paramref name="orientation"/>.</summary>
    private static byte[] ExifWithOrientation(int orientation)
    {
        var b = new List<byte>();
        b.AddRange("Exif\0\0"u8.ToArray());
        b.AddRange("II*\0"u8.ToArray());
        b.AddRange(BitConverter.GetBytes(8u));            // IFD0 right after the header
        b.AddRange(BitConverter.GetBytes((ushort)1));     // one entry
        b.AddRange(BitConverter.GetBytes((ushort)0x0112)); // Orientation
        b.AddRange(BitConverter.GetBytes((ushort)3));     // SHORT
        b.AddRange(BitConverter.GetBytes(1u));            // count
        b.AddRange(BitConverter.GetBytes((ushort)orientation));
        b.AddRange(new byte[2]);
        b.AddRange(BitConverter.GetBytes(0u));            // no next IFD
        return b.ToArray();
    }

    /// <summary>Writes a JPEG of sample1 whose EXIF says orientation 6 (as a camera held upright would).</summary>
    private string RotatedJpeg()
    {
        var doc = ImageFile.Load(TestImages.Photo("sample1.jpg")) with { Exif = ExifWithOrientation(1) };
        var path = Path.Combine(_dir, "rotated.jpg");
        ImageFile.Save(doc, path);
        // Patch the saved file's orientation tag in place, the way a camera writes it.
        var bytes = File.ReadAllBytes(path);
        int at = bytes.AsSpan().IndexOf("Exif\0\0"u8);
        Assert.True(at > 0, "saved JPEG carries an EXIF block");
        int length = Math.Min(bytes.Length - at, 65533);
        Assert.Equal(1, ExifOrientation.Read(bytes.AsSpan(at, length)));
        ExifOrientation.With(bytes.AsSpan(at, length), 6).CopyTo(bytes, at);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    [Fact]
    public void Exif_orientation_6_is_applied_and_recorded()
    {
        var path = RotatedJpeg();
        var stored = ImageFile.Load(path, new ImageLoadOptions { ApplyOrientation = false });
        var upright = ImageFile.Load(path);

        Assert.Equal(6, upright.OriginalOrientation);
        Assert.Equal((stored.Height, stored.Width), (upright.Width, upright.Height));
        var info = ImageFile.ReadInfo(path);
        Assert.Equal(6, info.Orientation);
        Assert.Equal((upright.Width, upright.Height), (info.Width, info.Height));
        // Orientation 6 = rotate 90 degrees clockwise: displayed (x', y') shows stored (y', H - 1 - x').
        int h = stored.Height;
        foreach (var (x, y) in new[] { (0, 0), (upright.Width - 1, 0), (10, upright.Height - 1), (517, 1301) })
            for (int c = 0; c < 3; c++)
                Assert.Equal(stored.Pixels[c, y, h - 1 - x], upright.Pixels[c, x, y]);
        // The EXIF travelling with the upright pixels no longer asks for a rotation.
        Assert.Equal(1, ExifOrientation.Read(upright.Exif));
    }

    [Fact]
    public void Saving_upright_pixels_writes_orientation_1_so_they_are_not_rotated_twice()
    {
        var upright = ImageFile.Load(RotatedJpeg());
        var path = Path.Combine(_dir, "resaved.jpg");
        ImageFile.Save(upright, path);

        var again = ImageFile.Load(path);
        Assert.Equal(1, again.OriginalOrientation);
        Assert.Equal((upright.Width, upright.Height), (again.Width, again.Height));
    }

    [Theory]
    [InlineData("p3.jpg")]
    [InlineData("p3.png")]
    [InlineData("p3.tif")]
    public void Icc_profile_survives_load_save_load(string file)
    {
        var p3 = ImageFile.BuiltInIccProfile("p3");
        Assert.Contains("P3", IccProfileDescription.Read(p3) ?? "", StringComparison.OrdinalIgnoreCase);
        var doc = ImageFile.Load(TestImages.Photo("sample3.jpg")) with { IccProfile = p3 };
        var first = Path.Combine(_dir, file);
        ImageFile.Save(doc, first);

        var loaded = ImageFile.Load(first);
        Assert.Equal(p3, loaded.IccProfile);
        var second = Path.Combine(_dir, "second" + Path.GetExtension(file));
        ImageFile.Save(loaded, second);
        Assert.Equal(p3, ImageFile.Load(second).IccProfile);
        Assert.Equal(IccProfileDescription.Read(p3), ImageFile.ReadInfo(second).IccDescription);
    }

    [Fact]
    public void Exif_block_survives_a_jpeg_save()
    {
        var exif = ExifWithOrientation(1);
        var doc = ImageFile.Load(TestImages.Photo("sample4.jpg")) with { Exif = exif };
        var path = Path.Combine(_dir, "exif.jpg");
        ImageFile.Save(doc, path);
        var back = ImageFile.Load(path);
        Assert.NotNull(back.Exif);
        Assert.Equal(1, ExifOrientation.Read(back.Exif));
        Assert.True(ImageFile.ReadInfo(path).HasExif);
    }

    [Fact]
    public void ExifOrientation_reads_and_rewrites_big_endian_blocks()
    {
        // Big-endian ("MM") block without the "Exif" prefix, orientation 8.
        var be = new byte[] { (byte)'M', (byte)'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0 };
        Assert.Equal(8, ExifOrientation.Read(be));
        Assert.Equal(3, ExifOrientation.Read(ExifOrientation.With(be, 3)));
        Assert.Null(ExifOrientation.Read(Encoding.ASCII.GetBytes("not exif at all")));
    }
}
