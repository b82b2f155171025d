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
    private string RotatedJpeg(byte[]? xmp = null)
    {
        var doc = ImageFile.Load(TestImages.Photo("sample1.jpg")) with { Exif = ExifWithOrientation(1), Xmp = xmp };
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

    /// <summary>An XMP packet with a creator, a rights statement and an orientation, as Lightroom writes one.</summary>
    private static byte[] Xmp(int orientation) => Encoding.UTF8.GetBytes(
        "<?xpacket begin=\"\uFEFF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?><x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">" +
        "<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:tiff=\"http://ns.adobe.com/tiff/1.0/\" " +
        $"tiff:Orientation=\"{orientation}\"><dc:creator><rdf:Seq><rdf:li>Jane Studio</rdf:li></rdf:Seq></dc:creator>" +
        "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">(c) 2026 Jane Studio</rdf:li></rdf:Alt></dc:rights></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end=\"w\"?>");

    /// <summary>IPTC-IIM records: 2:80 By-line and 2:116 Copyright Notice.</summary>
    private static byte[] IptcRecords()
    {
        var records = new List<byte>();
        foreach (var (dataset, value) in new[] { (80, "Jane Studio"), (116, "(c) 2026 Jane Studio") })
        {
            var text = Encoding.UTF8.GetBytes(value);
            records.AddRange([0x1C, 2, (byte)dataset, 0, (byte)text.Length]);
            records.AddRange(text);
        }
        return records.ToArray();
    }

    private static bool Contains(byte[]? block, string text) => block is not null && Encoding.UTF8.GetString(block).Contains(text, StringComparison.Ordinal);

    [Theory]
    [InlineData(".jpg", true)]
    [InlineData(".tif", true)]
    [InlineData(".png", false)] // PNG has no IPTC; its XMP carries the creator and rights
    [InlineData(".webp", false)]
    public void A_photographer_s_xmp_and_iptc_survive_a_retouched_save(string extension, bool keepsIptc)
    {
        // A studio's JPEG: creator and rights in XMP, by-line and copyright in IPTC (APP13), as cameras and Lightroom write them.
        var photo = ImageFile.Load(TestImages.Photo("sample1.jpg")) with { Xmp = Xmp(1), Iptc = IptcBlock.AsPhotoshopBlock(IptcRecords()) };
        var source = Path.Combine(_dir, "studio.jpg");
        ImageFile.Save(photo, source);
        var loaded = ImageFile.Load(source);
        Assert.True(Contains(loaded.Xmp, "Jane Studio") && Contains(loaded.Iptc, "(c) 2026 Jane Studio"), "the JPEG carries both");

        var output = Path.Combine(_dir, "retouched" + extension);
        ImageFile.Save(loaded.WithPixels(loaded.Pixels), output); // what a run writes: the result with the original's metadata
        var back = ImageFile.Load(output);

        Assert.True(Contains(back.Xmp, "<rdf:li>Jane Studio</rdf:li>"), $"{extension}: XMP creator lost");
        Assert.True(Contains(back.Xmp, "(c) 2026 Jane Studio"), $"{extension}: XMP rights lost");
        Assert.Equal(keepsIptc, Contains(back.Iptc, "(c) 2026 Jane Studio"));
        if (keepsIptc)
        {
            // And back into a JPEG from there (a TIFF holds it in its Photoshop tag): still IPTC a reader finds.
            var again = Path.Combine(_dir, "again.jpg");
            ImageFile.Save(back, again);
            var iptc = ImageFile.Load(again).Iptc!;
            Assert.True(IptcBlock.IsPhotoshopBlock(iptc));
            Assert.True(iptc.AsSpan().IndexOf(IptcRecords()) > 0);
        }
    }

    [Theory]
    [InlineData(".psd")]
    [InlineData(".tif")]
    public void A_layered_result_keeps_the_photo_s_xmp_and_iptc_where_other_programs_read_them(string extension)
    {
        var photo = ImageFile.Load(TestImages.Photo("sample1.jpg")).Pixels.Crop(600, 300, 64, 48);
        var document = new Shared.Layers.LayerDocument(64, 48)
        {
            Exif = ExifWithOrientation(1), Xmp = Xmp(1), Iptc = IptcBlock.AsPhotoshopBlock(IptcRecords()),
        };
        document.Add(Shared.Layers.Layer.Over("Original", photo));
        document.Add(Shared.Layers.Layer.Over("Mask", new RetouchPlugins.Shaders.PlanarImage(64, 48, 1))).Visible = false;
        var path = Path.Combine(_dir, "studio" + extension);
        Shared.Layers.LayerFile.Write(document, path);

        if (extension == ".psd")
        {
            // Ours reads them back (resources 1028, 1058, 1060), so `retouch open` on a PSD keeps them too.
            var back = Shared.Layers.LayerFile.Read(path);
            Assert.Equal(document.Xmp, back.Xmp);
            Assert.Equal(document.Exif, back.Exif);
            Assert.True(back.Iptc!.AsSpan().IndexOf(IptcRecords()) > 0);
        }
        // ImageMagick finds the IPTC records and the XMP packet (PSD resources; TIFF tags 33723, 34377 and 700).
        var iptc = Tests.Layers.ExternalTool.Run("identify", ["-format", "%[IPTC:2:116]|%[IPTC:2:80]\n", path + "[0]"]);
        Assert.Equal("(c) 2026 Jane Studio|Jane Studio", iptc.Trim());
        Assert.Contains("<rdf:li>Jane Studio</rdf:li>", Tests.Layers.ExternalTool.Run("convert", [path + "[0]", "xmp:-"]));
    }

    [Fact]
    public void A_photoshop_block_keeps_its_iptc_and_drops_the_thumbnail_of_the_unretouched_photo()
    {
        // Photoshop's APP13: a thumbnail (resource 1036, a small JPEG of the photo as it was) beside the IPTC records.
        static byte[] Resource(int id, byte[] data)
        {
            var r = new List<byte>("8BIM"u8.ToArray()) { (byte)(id >> 8), (byte)id, 0, 0 };
            r.AddRange([(byte)(data.Length >> 24), (byte)(data.Length >> 16), (byte)(data.Length >> 8), (byte)data.Length]);
            r.AddRange(data);
            if (data.Length % 2 == 1) r.Add(0);
            return r.ToArray();
        }
        byte[] block = [.. "Photoshop 3.0\0"u8, .. Resource(1036, new byte[301]), .. Resource(1028, IptcRecords())];
        var source = Path.Combine(_dir, "photoshop.jpg");
        ImageFile.Save(ImageFile.Load(TestImages.Photo("sample1.jpg")) with { Iptc = block }, source);

        var iptc = ImageFile.Load(source).Iptc!;
        Assert.Equal([IptcBlock.IptcRecords], IptcBlock.Resources(iptc).Select(r => r.Id));
        Assert.Equal(IptcRecords(), IptcBlock.Resources(iptc).Single().Bytes);
    }

    [Fact]
    public void Bare_iptc_records_go_into_a_jpeg_as_a_photoshop_block()
    {
        var block = IptcBlock.AsPhotoshopBlock(IptcRecords());
        Assert.Equal("Photoshop 3.0\08BIM\u0004\u0004", Encoding.Latin1.GetString(block, 0, 20));
        Assert.Equal(IptcRecords().Length, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(block.AsSpan(22)));
        Assert.Equal(0, block.Length % 2);
        Assert.Same(block, IptcBlock.AsPhotoshopBlock(block));
    }

    [Fact]
    public void An_xmp_orientation_is_set_upright_with_the_pixels()
    {
        var path = RotatedJpeg(Xmp(6));
        Assert.Contains("tiff:Orientation=\"6\"", Encoding.UTF8.GetString(ImageFile.Load(path, new ImageLoadOptions { ApplyOrientation = false }).Xmp!));
        var upright = ImageFile.Load(path);
        Assert.Equal(6, upright.OriginalOrientation);
        var xmp = Encoding.UTF8.GetString(upright.Xmp!);
        Assert.Contains("tiff:Orientation=\"1\"", xmp);
        Assert.Contains("Jane Studio", xmp);
        Assert.Equal("<tiff:Orientation> 1 </tiff:Orientation>",
            Encoding.UTF8.GetString(XmpOrientation.Upright(Encoding.UTF8.GetBytes("<tiff:Orientation> 8 </tiff:Orientation>"))));
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

        // A Photoshop document keeps it in resource 1058; its header read gives the same block as its load.
        var psd = Path.Combine(_dir, "exif.psd");
        var layered = new RetouchPlugins.Shared.Layers.LayerDocument(back.Pixels.Width, back.Pixels.Height) { Exif = back.Exif };
        layered.Add(new RetouchPlugins.Shared.Layers.Layer("Photo", back.Pixels));
        RetouchPlugins.Shared.Layers.LayerFile.Write(layered, psd);
        Assert.Equal(1, ExifOrientation.Read(ImageFile.ReadInfo(psd).Exif));
        Assert.Equal(ImageFile.Load(psd).Exif, ImageFile.ReadInfo(psd).Exif);
    }

    /// <summary>
    /// libvips writes no EXIF into a TIFF; <see cref="TiffExif"/> adds the EXIF IFD and the camera tags. ImageMagick
    /// (libtiff) reads the same exposure, lens and capture time from the TIFF as from the camera's JPEG.
    /// </summary>
    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void A_camera_s_exif_survives_a_tiff_save(int bits)
    {
        var jpeg = TestImages.Photo("sample1.jpg"); // a Sony A7 II's EXIF, edited in paint.net
        var tiff = Path.Combine(_dir, $"retouched{bits}.tif");
        var photo = ImageFile.Load(jpeg);
        ImageFile.Save(photo, tiff, new ImageSaveOptions { BitsPerSample = bits });

        // ImageMagick names a JPEG's camera and exposure exif:*, a TIFF's make and model tiff:* and prints libtiff's decimals.
        Assert.StartsWith("SONY|ILCE-7M2|1/100|18/10|",
            Tests.Layers.ExternalTool.Run("identify", ["-format", "%[EXIF:Make]|%[EXIF:Model]|%[EXIF:ExposureTime]|%[EXIF:FNumber]|", jpeg]));
        Assert.Equal("SONY|ILCE-7M2|0.01|1.8|2500|2017:10:31 20:16:18|55", Tests.Layers.ExternalTool.Run("identify", ["-format",
            "%[tiff:make]|%[tiff:model]|%[EXIF:ExposureTime]|%[EXIF:FNumber]|%[EXIF:ISOSpeedRatings]|%[EXIF:DateTimeOriginal]|%[EXIF:FocalLength]", tiff]));
        var back = ImageFile.Load(tiff); // libvips still reads the file, pixels as written
        Assert.Equal((photo.Width, photo.Height, bits), (back.Width, back.Height, back.BitsPerSample));
        Assert.True(Tests.Layers.LayerSamples.MaxColourDifference(photo.Pixels, back.Pixels) <= 0.5f / 255 + 1e-6f);
    }

    [Fact]
    public void A_layered_tiff_carries_the_camera_s_exif_in_its_first_page_and_its_pages_still_read()
    {
        var photo = ImageFile.Load(TestImages.Photo("sample1.jpg"));
        var document = new Shared.Layers.LayerDocument(64, 48) { Exif = photo.Exif };
        document.Add(Shared.Layers.Layer.Over("Original", photo.Pixels.Crop(600, 300, 64, 48)));
        document.Add(Shared.Layers.Layer.Over("Mask", new RetouchPlugins.Shaders.PlanarImage(64, 48, 1))).Visible = false;
        var path = Path.Combine(_dir, "layers.tif");

        Shared.Layers.LayerFile.Write(document, path);

        Assert.Equal("SONY|ILCE-7M2|0.01|1.8|2017:10:31 20:16:18", Tests.Layers.ExternalTool.Run("identify", ["-format",
            "%[tiff:make]|%[tiff:model]|%[EXIF:ExposureTime]|%[EXIF:FNumber]|%[EXIF:DateTimeOriginal]", path + "[0]"]));
        Assert.Equal(["Original", "Mask"], Shared.Layers.LayerFile.Read(path).Layers.Select(l => l.Name));
    }

    [Fact]
    public void A_big_endian_exif_is_written_into_a_little_endian_tiff_in_the_tiff_s_byte_order()
    {
        // "MM" EXIF: IFD0 Make "NIKON" and the EXIF IFD pointer; the EXIF IFD: ExposureTime 1/125, FNumber 28/10, ISO 400.
        var e = new List<byte>();
        void U16(int v) { e.Add((byte)(v >> 8)); e.Add((byte)v); }
        void U32(uint v) { U16((int)(v >> 16)); U16((int)(v & 0xFFFF)); }
        e.AddRange("MM\0*"u8.ToArray()); U32(8);
        U16(2); // IFD0 at 8: two entries, next IFD 0, then the make's text at 38
        U16(271); U16(2); U32(6); U32(38);
        U16(34665); U16(4); U32(1); U32(44);
        U32(0);
        e.AddRange("NIKON\0"u8.ToArray());
        U16(3); // EXIF IFD at 44: three entries, the rationals at 86
        U16(33434); U16(5); U32(1); U32(86);
        U16(33437); U16(5); U32(1); U32(94);
        U16(34855); U16(3); U32(1); U16(400); U16(0);
        U32(0);
        U32(1); U32(125); U32(28); U32(10);
        var doc = ImageFile.Load(TestImages.Photo("sample4.jpg")) with { Exif = [.. "Exif\0\0"u8.ToArray(), .. e] };
        var tiff = Path.Combine(_dir, "nikon.tif");

        ImageFile.Save(doc, tiff);

        Assert.Equal("II", Encoding.ASCII.GetString(File.ReadAllBytes(tiff), 0, 2)); // libvips writes little-endian here
        Assert.Equal("NIKON|0.008|2.8|400",
            Tests.Layers.ExternalTool.Run("identify", ["-format", "%[tiff:make]|%[EXIF:ExposureTime]|%[EXIF:FNumber]|%[EXIF:ISOSpeedRatings]", tiff]));

        // Read back from the TIFF (libvips reads none) and written into a JPEG: the same values, in the JPEG's EXIF.
        var back = ImageFile.Load(tiff);
        Assert.NotNull(back.Exif);
        Assert.Equal(back.Exif, ImageFile.ReadInfo(tiff).Exif); // the header read gives what the load does
        var jpeg = Path.Combine(_dir, "nikon.jpg");
        ImageFile.Save(back, jpeg);
        Assert.Equal("NIKON|1/125|28/10|400",
            Tests.Layers.ExternalTool.Run("identify", ["-format", "%[EXIF:Make]|%[EXIF:ExposureTime]|%[EXIF:FNumber]|%[EXIF:PhotographicSensitivity]", jpeg]));
    }

    [Fact]
    public void A_tiff_s_exif_is_read_so_a_tiff_handed_over_and_written_back_keeps_it()
    {
        // The TIFF Lightroom hands over carries the camera's EXIF; `retouch open` writes the result back into it.
        var handed = Path.Combine(_dir, "lightroom.tif");
        ImageFile.Save(ImageFile.Load(TestImages.Photo("sample1.jpg")), handed, new ImageSaveOptions { BitsPerSample = 16 });
        var photo = ImageFile.Load(handed);
        var result = Path.Combine(_dir, "result.tif");

        ImageFile.Save(photo, result);

        Assert.Equal("SONY|ILCE-7M2|0.01|1.8|2500|2017:10:31 20:16:18|55", Tests.Layers.ExternalTool.Run("identify", ["-format",
            "%[tiff:make]|%[tiff:model]|%[EXIF:ExposureTime]|%[EXIF:FNumber]|%[EXIF:ISOSpeedRatings]|%[EXIF:DateTimeOriginal]|%[EXIF:FocalLength]", result]));
        var magick = Path.Combine(_dir, "magick.tif"); // ImageMagick writes no EXIF into a TIFF
        Tests.Layers.ExternalTool.Run("convert", [TestImages.Photo("sample1.jpg"), "-resize", "10%", magick]);
        Assert.Null(ImageFile.Load(magick).Exif); // none invented
        Assert.False(ImageFile.ReadInfo(magick).HasExif);
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
