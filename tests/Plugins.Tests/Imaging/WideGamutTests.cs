using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Running;

namespace RetouchPlugins.Tests.Imaging;

/// <summary>
/// Photos in another RGB space than sRGB (ProPhoto and Adobe RGB TIFFs, as Lightroom and Capture One hand them over)
/// are retouched as their colours are: converted to sRGB for the work, the result written back in the photo's own
/// space. The test photos are sample1 converted by lcms (libvips' icc_transform) with profiles the tests write
/// (<see cref="TestIccProfiles"/>), so our conversion is checked against an independent one.
/// </summary>
public sealed class WideGamutTests : IDisposable
{
    private readonly string _dir = TestImages.NewScratchFolder();
    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string InSpace(byte[] profile, string name, (int X, int Y, int W, int H)? crop = null) =>
        TestIccProfiles.Sample1In(profile, _dir, name, crop);

    private static PlanarImage Srgb16(string photo, (int X, int Y, int W, int H)? crop = null)
    {
        var pixels = ImageFile.Load(TestImages.Photo(photo)).Pixels;
        return crop is { } c ? pixels.Crop(c.X, c.Y, c.W, c.H) : pixels;
    }

    [Fact]
    public void Srgb_profiles_are_worked_on_as_they_are_and_others_are_read_as_their_space()
    {
        // libvips' own sRGB profile (lcms writes it into the file) and an sRGB written by hand with sRGB's gamma curve
        // left out: the first is sRGB, the second (gamma 2.2) is not.
        using var source = NetVips.Image.NewFromFile(TestImages.Photo("sample1.jpg")).Crop(0, 0, 16, 16);
        using var tagged = source.IccTransform("srgb", inputProfile: "srgb");
        var vipsSrgb = (byte[])tagged.Get("icc-profile-data");
        Assert.Null(WorkingColours.As(vipsSrgb).Conversion);
        // The camera's sRGB IEC61966-2.1 (HP's, its curves sampled at 1024 points), which five demo photos carry.
        var camera = ImageFile.Load(TestImages.Photo("sample1.jpg")).IccProfile;
        Assert.NotNull(camera);
        Assert.Null(WorkingColours.As(camera).Conversion);
        Assert.Null(WorkingColours.As(null).Note);

        var proPhoto = WorkingColours.As(TestIccProfiles.ProPhoto());
        Assert.NotNull(proPhoto.Conversion);
        Assert.Contains("Test ProPhoto RGB", proPhoto.Note);
        Assert.NotNull(WorkingColours.As(TestIccProfiles.AdobeRgb()).Conversion);

        // A profile that passes the structural checks but whose curve cannot carry a photo (a gamma of 0) is left alone.
        var flat = TestIccProfiles.MatrixShaper("Flat", [0.7977f, 0.2880f, 0f], [0.1352f, 0.7119f, 0.0001f], [0.0313f, 0.0001f, 0.8249f], 0);
        var damaged = WorkingColours.As(flat);
        Assert.Null(damaged.Conversion);
        Assert.Contains("does not rise", damaged.Note);

        var table = WorkingColours.As(TestIccProfiles.WithLabConnectionSpace(TestIccProfiles.ProPhoto()));
        Assert.Null(table.Conversion);
        Assert.Contains("retouched as its values", table.Note);
    }

    [Theory]
    [InlineData("prophoto")]
    [InlineData("adobergb")]
    [InlineData("p3")]
    public void Conversion_to_srgb_agrees_with_lcms_and_the_way_back_keeps_every_untouched_pixel(string space)
    {
        var crop = (700, 300, 480, 320);
        var profile = space switch
        {
            "prophoto" => TestIccProfiles.ProPhoto(),
            "adobergb" => TestIccProfiles.AdobeRgb(),
            _ => TestIccProfiles.LibvipsDisplayP3(),
        };
        var document = ImageFile.Load(InSpace(profile, space, crop: crop));
        var conversion = WorkingColours.As(document.IccProfile).Conversion!;
        var srgb = conversion.ToSrgb(document.Pixels);
        var expected = Srgb16("sample1.jpg", crop);

        // sRGB -> space (lcms, 16 bits) -> sRGB (ours): the photo back within rounding. Measured on the crop:
        // mean 0.02-0.03 of a level, max 0.2-0.3; allowed 0.1 and 1 level of 255.
        var errors = srgb.Data.Take(3 * srgb.PlaneSize).Zip(expected.Data, (a, b) => Math.Abs(a - b)).ToArray();
        Assert.InRange(errors.Average() * 255, 0, 0.1);
        Assert.InRange(errors.Max() * 255, 0, 1);

        // Nothing changed: the original, bit for bit.
        var untouched = conversion.Back(document.Pixels, srgb.Clone());
        Assert.Equal(document.Pixels.Data, untouched.Data);

        // A change in sRGB (a lighter block) comes back as that change: converted by lcms to sRGB again it is the
        // changed sRGB within 1.5 levels (measured 0.2 Adobe RGB, 0.9 ProPhoto: lcms' 16-bit pipeline is the coarser of
        // the two, see InSpace); the rest of the photo is the original's.
        var changed = srgb.Clone();
        for (int c = 0; c < 3; c++)
            for (int y = 100; y < 200; y++)
                for (int x = 100; x < 200; x++) changed[c, x, y] = Math.Min(1, changed[c, x, y] + 0.05f);
        var back = conversion.Back(document.Pixels, changed.Clone());
        var backPath = Path.Combine(_dir, space + "-back.tif");
        ImageFile.Save(document.WithPixels(back), backPath);
        using var reread = NetVips.Image.NewFromFile(backPath).IccTransform("srgb", embedded: true, depth: 16, intent: NetVips.Enums.Intent.Relative);
        var viaLcms = Path.Combine(_dir, space + "-back-srgb.png");
        reread.Pngsave(viaLcms);
        var seen = ImageFile.Load(viaLcms).Pixels;
        float worst = 0;
        for (int c = 0; c < 3; c++)
            for (int y = 100; y < 200; y++)
                for (int x = 100; x < 200; x++) worst = MathF.Max(worst, MathF.Abs(seen[c, x, y] - changed[c, x, y]));
        Assert.InRange(worst * 255, 0, 1.5);
        for (int c = 0; c < 3; c++)
            Assert.Equal(document.Pixels[c, 10, 10], back[c, 10, 10]);
    }

    [Fact]
    public void A_colour_outside_srgb_keeps_its_place_when_changed_a_little()
    {
        // ProPhoto's pure green is far outside sRGB: its sRGB copy is clipped, but a change of 0.02 brings it back
        // 0.02 lighter in sRGB terms, not clipped to sRGB's green.
        var space = IccColourSpace.Read(TestIccProfiles.ProPhoto(), out _)!;
        var conversion = new SrgbWorkingSpace(space);
        var photo = new PlanarImage(1, 1, 3);
        photo[0, 0, 0] = 0.2f; photo[1, 0, 0] = 0.8f; photo[2, 0, 0] = 0.1f;
        var srgb = conversion.ToSrgb(photo);
        Assert.True(srgb[0, 0, 0] == 0 || srgb[2, 0, 0] == 0, "the test colour should be outside sRGB");
        var result = srgb.Clone();
        for (int c = 0; c < 3; c++) result[c, 0, 0] += 0.02f;
        var back = conversion.Back(photo, result);
        for (int c = 0; c < 3; c++) Assert.InRange(back[c, 0, 0] - photo[c, 0, 0], 0.001f, 0.1f);
        Assert.InRange(back[1, 0, 0], 0.8f, 0.85f); // clipped, it would have lost a third of its green saturation
    }

    [Fact]
    public void A_prophoto_tiff_is_retouched_as_its_srgb_original_and_written_back_in_prophoto()
    {
        var proPhoto = InSpace(TestIccProfiles.ProPhoto(), "prophoto");
        var srgbTiff = Path.Combine(_dir, "srgb.tif");
        ImageFile.Save(ImageFile.Load(TestImages.Photo("sample1.jpg")), srgbTiff, new ImageSaveOptions { BitsPerSample = 16 });
        using var provider = new PortraitAnalysisProvider(cachedAnalyses: 0);
        using var resources = new EffectResources(provider);
        var runner = new EffectRunner(provider, resources);
        var effect = EffectCatalog.Get("skin").Create();
        var settings = effect.Defaults().Set("whiten", 0.5);
        string fromSrgb = Path.Combine(_dir, "from-srgb.tif"), fromProPhoto = Path.Combine(_dir, "from-prophoto.tif");
        var srgbRun = runner.Run(effect, new RunRequest(srgbTiff, fromSrgb, settings));
        var proPhotoRun = runner.Run(effect, new RunRequest(proPhoto, fromProPhoto, settings));

        Assert.Equal(srgbRun.Faces, proPhotoRun.Faces);
        Assert.Equal(srgbRun.Message, proPhotoRun.Message);
        Assert.Null(srgbRun.Colours);
        Assert.Contains("retouched as sRGB", proPhotoRun.Colours);

        var written = ImageFile.Load(fromProPhoto);
        Assert.Equal(TestIccProfiles.ProPhoto(), written.IccProfile);
        var input = ImageFile.Load(proPhoto).Pixels;
        // The ProPhoto result seen in sRGB (the conversion checked against lcms above) is the sRGB run's result. Measured
        // mean 0.04, 99.9th percentile 0.26 levels of 255 (a healed spot's patch choice can turn on a rounding); allowed
        // 0.15 and 3 levels. Before, read as sRGB values, it healed 1 blemish instead of 12 and whitened greyer.
        var seen = WorkingColours.As(written.IccProfile).Conversion!.ToSrgb(written.Pixels);
        var reference = ImageFile.Load(fromSrgb).Pixels;
        var errors = seen.Data.Zip(reference.Data, (a, b) => Math.Abs(a - b) * 255).Order().ToArray();
        Assert.InRange(errors.Average(), 0, 0.15);
        Assert.InRange(errors[(int)(errors.Length * 0.999)], 0, 3);

        // What the retouch left alone (background, hair, clothes) is the ProPhoto input, bit for bit (measured: 95 % of the photo).
        int same = 0;
        for (int i = 0; i < input.PlaneSize; i++)
            if (input.Data[i] == written.Pixels.Data[i] && input.Data[i + input.PlaneSize] == written.Pixels.Data[i + input.PlaneSize]
                && input.Data[i + 2 * input.PlaneSize] == written.Pixels.Data[i + 2 * input.PlaneSize]) same++;
        Assert.InRange(same / (double)input.PlaneSize, 0.85, 0.99);
    }

    [Fact]
    public void A_camera_adobe_rgb_jpeg_without_a_profile_is_worked_on_as_adobe_rgb()
    {
        // sample1 in Adobe RGB (lcms), written as a camera set to Adobe RGB writes it: a JPEG with no profile whose EXIF
        // says "uncalibrated" with the DCF interoperability index "R03".
        var adobe = ImageFile.Load(InSpace(TestIccProfiles.AdobeRgb(), "adobe"));
        var jpeg = Path.Combine(_dir, "camera.jpg");
        ImageFile.Save(new ImageDocument(adobe.Pixels, 8, null, DcfExif(0xFFFF, "R03"), ImageFormat.Jpeg), jpeg, new ImageSaveOptions { JpegQuality = 98 });
        var loaded = ImageFile.Load(jpeg);
        Assert.Null(loaded.IccProfile);
        Assert.True(ExifColourSpace.IsAdobeRgb(loaded.Exif!), "the EXIF should survive libvips' JPEG writer");

        var colours = WorkingColours.Of(loaded);
        Assert.Contains("Adobe RGB", colours.Note);
        var header = ImageFile.ReadInfo(jpeg); // what `retouch info` says, from the header alone
        Assert.Equal(colours.Note, WorkingColours.As(header.IccProfile, header.Exif).Note);
        // In sRGB it is sample1 within the JPEG's loss (measured mean 0.6 levels of 255; read as sRGB values, 5.0).
        var seen = colours.Conversion!.ToSrgb(loaded.Pixels);
        var sample = ImageFile.Load(TestImages.Photo("sample1.jpg")).Pixels;
        Assert.InRange(seen.Data.Zip(sample.Data, (a, b) => Math.Abs(a - b)).Average() * 255, 0, 1.5);

        // The same EXIF saying sRGB (ColorSpace 1, index "R98"), or no EXIF at all, is sRGB.
        Assert.Null(WorkingColours.As(null, DcfExif(1, "R98")).Conversion);
        Assert.False(ExifColourSpace.IsAdobeRgb(DcfExif(0xFFFF, "R98")));
    }

    [Fact]
    public void A_reference_photo_in_prophoto_is_read_and_analysed_in_srgb()
    {
        // A makeup reference or a style is read as the photo it is applied to is worked on: in sRGB.
        var crop = (700, 300, 480, 320);
        var proPhoto = InSpace(TestIccProfiles.ProPhoto(), "reference", crop);
        PlanarImage? analysed = null;
        using var resources = new EffectResources(new DelegateAnalysisProvider((image, _) =>
        {
            analysed = image;
            var none = new PlanarImage(image.Width, image.Height, 1);
            return new Shared.Faces.PortraitAnalysis(image.Width, image.Height, [], none, none, none, null);
        }));
        var reference = resources.Reference(proPhoto, new AnalysisRequest(AnalysisNeeds.Faces));
        Assert.Null(reference.Document.IccProfile);
        Assert.Same(reference.Document.Pixels, analysed);
        // sample1's crop within the round trip (the same conversion as above: mean 0.03 levels); read as its values, 7.9.
        double mean = analysed!.Data.Zip(Srgb16("sample1.jpg", crop).Data, (a, b) => Math.Abs(a - b)).Average() * 255;
        Assert.InRange(mean, 0, 0.1);
    }

    /// <summary>A little-endian EXIF block: IFD0 pointing to an EXIF IFD with ColorSpace and an interoperability IFD with its index.</summary>
    private static byte[] DcfExif(ushort colorSpace, string index)
    {
        var tiff = new byte[74];
        var w = new BinaryWriter(new MemoryStream(tiff));
        w.Write("II*\0"u8); w.Write(8u);
        w.Write((ushort)1); Entry(w, 0x8769, 4, 1, 26); w.Write(0u);                               // IFD0 at 8
        w.Write((ushort)2); Entry(w, 0xA001, 3, 1, colorSpace); Entry(w, 0xA005, 4, 1, 56); w.Write(0u); // EXIF IFD at 26
        w.Write((ushort)1); w.Write((ushort)1); w.Write((ushort)2); w.Write(4u);                      // interop IFD at 56
        w.Write(System.Text.Encoding.ASCII.GetBytes(index + "\0")); w.Write(0u);
        return [.. "Exif\0\0"u8, .. tiff];

        static void Entry(BinaryWriter w, ushort tag, ushort type, uint count, uint value)
        {
            w.Write(tag); w.Write(type); w.Write(count); w.Write(value);
        }
    }
}
