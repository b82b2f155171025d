using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Standalone;
using RetouchPlugins.Standalone.Commands;
using RetouchPlugins.Tests.Effects;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Layers;

/// <summary>
/// A layered TIFF or an OpenRaster document handed to an effect (`retouch ID in.tif`, batch) is read as its layers: the
/// effect sees their visible composite and a layered result keeps them under its own, so effects chain (skin, then
/// whitening) as they do on a Photoshop document. Before, the effect saw a TIFF's first page ("Original") and the first
/// run's layers were dropped, and an .ora was "not an image". The demo face with its hand-placed analysis; pixels
/// compared within one 8-bit level.
/// </summary>
public sealed class LayeredInputTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-layered-tiff-").FullName;
    private readonly StringWriter _text = new();

    public void Dispose() => Directory.Delete(_dir, true);

    private const float OneLevel = 1f / 255;

    private int Run(string effect, string input, string output, bool layers, PortraitAnalysis analysis) =>
        EffectCommand.Run(EffectCatalog.Get(effect).Create(), new RunRequest(input, output, EffectCatalog.Get(effect).Create().Descriptor.DefaultSettings(), layers),
            Terminal.For(_text, redirected: true), new DelegateAnalysisProvider((_, _) => analysis), default);

    [Theory]
    [InlineData(".tif")]
    [InlineData(".ora")]
    public void A_second_effect_on_a_layered_file_works_on_the_first_result_and_keeps_its_layers(string format)
    {
        var photo = HandPlacedFace.LoadPhoto();
        var analysis = HandPlacedFace.Analysis(photo.Width, photo.Height);
        var input = Path.Combine(_dir, "portrait.tif");
        ImageFile.Save(new ImageDocument(photo, 8, null, null, ImageFormat.Tiff), input);

        var first = Path.Combine(_dir, "skin" + format);
        Assert.Equal(RunExit.Ok, Run("skin", input, first, layers: true, analysis));
        var second = Path.Combine(_dir, "skin-whiten" + format);
        Assert.Equal(RunExit.Ok, Run("whiten", first, second, layers: true, analysis));

        var skin = LayerFile.Read(first);
        var both = LayerFile.Read(second);
        Assert.Equal(skin.Layers.Select(l => l.Name).Concat(["Retouched", "Whitening mask"]), both.Layers.Select(l => l.Name));
        for (int i = 0; i < skin.Layers.Count; i++)
            Assert.Equal(0f, LayerSamples.MaxDifference(skin.Layers[i].Pixels, both.Layers[i].Pixels)); // the first run's layers as they were
        var whitened = both.Layers[^2].Pixels;

        // The whitening is the one of the skin retouch's flat result, not of the photo under it.
        var skinFlat = Path.Combine(_dir, "skin-flat.tif");
        Assert.Equal(RunExit.Ok, Run("skin", input, skinFlat, layers: false, analysis));
        var whitenFlat = Path.Combine(_dir, "skin-flat-whiten.tif");
        Assert.Equal(RunExit.Ok, Run("whiten", skinFlat, whitenFlat, layers: false, analysis));
        Assert.True(LayerSamples.MaxColourDifference(ImageFile.Load(whitenFlat).Pixels, whitened) <= OneLevel);

        var photoOnly = Path.Combine(_dir, "whiten-photo.tif");
        Assert.Equal(RunExit.Ok, Run("whiten", input, photoOnly, layers: false, analysis));
        Assert.True(LayerSamples.MaxColourDifference(ImageFile.Load(photoOnly).Pixels, whitened) > 4 * OneLevel, "the whitening ignored the skin retouch");

        // A flat result of the layered TIFF is the same picture; the memory check counts the pages it reads.
        var flat = Path.Combine(_dir, "skin-whiten-flat.tif");
        Assert.Equal(RunExit.Ok, Run("whiten", first, flat, layers: false, analysis));
        Assert.True(LayerSamples.MaxColourDifference(ImageFile.Load(flat).Pixels, whitened) <= OneLevel);
        var info = ImageFile.ReadInfo(first);
        Assert.Equal(skin.Layers.Sum(l => (long)l.Width * l.Height * 16), info.SourceBytesHeld);
        Assert.Equal((photo.Width, photo.Height), (info.Width, info.Height));

        // A batch takes the layered file too, and keeps an .ora an .ora.
        var items = BatchPlan.Create(_dir, Path.Combine(_dir, "out"), null);
        Assert.Contains(items, i => i.Input == first && Path.GetExtension(i.Output) == format);
    }

    [Fact]
    public void An_ora_header_gives_its_canvas_depth_and_profile_without_decoding_a_layer()
    {
        // 16-bit, Display P3: what `retouch info` and the checks before a load read (the profile from the first layer
        // PNG's iCCP chunk, the depth from the deepest layer, the layers' pixels for the memory check).
        var p3 = ImageFile.BuiltInIccProfile("p3");
        var document = new LayerDocument(96, 64, 16) { IccProfile = p3 };
        document.Add(new Layer("Back", new PlanarImage(96, 64, 3)));
        document.Add(new Layer("Patch", new PlanarImage(30, 20, 4)) { OffsetX = 10, OffsetY = 5 });
        var path = Path.Combine(_dir, "p3.ora");
        LayerFile.Write(document, path);
        var info = ImageFile.ReadInfo(path);
        Assert.Equal((96, 64, 16, ImageFormat.OpenRaster), (info.Width, info.Height, info.BitsPerSample, info.Format));
        Assert.Equal(p3, info.IccProfile);
        Assert.Equal(p3, ImageFile.Load(path).IccProfile); // the same profile the load reads
        Assert.Equal((96L * 64 + 30 * 20) * 16, info.SourceBytesHeld);
    }

    [Fact]
    public void A_damaged_or_mislabelled_ora_is_refused_naming_the_file()
    {
        var photo = Imaging.TestImages.Photo("sample1.jpg");
        var mislabelled = Path.Combine(_dir, "photo.ora");
        File.Copy(photo, mislabelled);
        var e = Assert.ThrowsAny<IOException>(() => ImageFile.Load(mislabelled));
        Assert.StartsWith($"{mislabelled}: damaged OpenRaster file", e.Message);

        var document = new LayerDocument(64, 48);
        document.Add(new Layer("Only", new PlanarImage(64, 48, 3)));
        var whole = Path.Combine(_dir, "whole.ora");
        LayerFile.Write(document, whole);
        var cut = Path.Combine(_dir, "cut.ora");
        File.WriteAllBytes(cut, File.ReadAllBytes(whole)[..^40]);
        e = Assert.ThrowsAny<IOException>(() => ImageFile.ReadInfo(cut));
        Assert.StartsWith($"{cut}: ", e.Message);
        Assert.Equal(RunExit.BadInput, Run("whiten", cut, Path.Combine(_dir, "x.jpg"), layers: false, HandPlacedFace.Analysis(64, 48)));
        Assert.False(File.Exists(Path.Combine(_dir, "x.jpg")));
    }

    [Fact]
    public void A_layered_tiff_keeps_the_photos_exif_xmp_and_iptc_when_read_again()
    {
        // sample1's capture data through a layered TIFF of ours, read back by the layer reader (`retouch open`, a second
        // effect) and written again.
        var photo = ImageFile.Load(Imaging.TestImages.Photo("sample1.jpg"));
        var document = new LayerDocument(photo.Width, photo.Height, 8) { Exif = photo.Exif, Xmp = photo.Xmp, Iptc = photo.Iptc };
        document.Add(new Layer("Photo", photo.Pixels));
        document.Add(new Layer("Over", photo.Pixels) { Opacity = 0.5f });
        var path = Path.Combine(_dir, "meta.tif");
        LayerFile.Write(document, path);

        var back = LayerFile.Read(path);
        Assert.NotNull(back.Exif);
        Assert.Equal(new ExifEntries(photo.Exif!).Short(new ExifEntries(photo.Exif!).FirstIfd, 274) ?? 1, new ExifEntries(back.Exif!).Short(new ExifEntries(back.Exif!).FirstIfd, 274) ?? 1);
        Assert.Equal(photo.Xmp is null, back.Xmp is null);
        if (photo.Xmp is not null) Assert.Equal(photo.Xmp, back.Xmp);
        Assert.Equal(photo.Iptc is null, back.Iptc is null);
        var again = Path.Combine(_dir, "again.tif");
        LayerFile.Write(back, again);
        Assert.Equal("SONY|ILCE-7M2|0.01", ExternalTool.Run("identify", ["-format", "%[tiff:make]|%[tiff:model]|%[exif:ExposureTime]", $"{again}[0]"]).Trim());
    }

    [Fact]
    public void A_tiff_whose_second_page_is_a_thumbnail_is_a_flat_photo()
    {
        // A photo page, then a 40 x 30 reduced-resolution copy (NewSubfileType 1), as some writers chain a preview: not a
        // layer. Read as layers, the thumbnail would be composited over the photo's corner.
        var photo = ImageFile.Load(Imaging.TestImages.Photo("sample1.jpg")).Pixels.Crop(600, 300, 160, 120);
        var path = Path.Combine(_dir, "with-thumbnail.tif");
        var form = new TiffForm(BigEndian: false, BigTiff: false);
        using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite))
        {
            file.Write(form.Header());
            long pointer = form.FirstIfdPointerAt;
            foreach (var (w, h, kind) in new[] { (160, 120, 0), (40, 30, 1) })
            {
                var strip = new byte[w * h * 3];
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                        for (int c = 0; c < 3; c++) strip[(y * w + x) * 3 + c] = (byte)MathF.Round(photo[c, x * 160 / w, y * 120 / h] * 255);
                long stripAt = file.Position;
                file.Write(strip);
                TiffField Short(int tag, params int[] v) => new(tag, Shared.Layers.Tiff.TiffTags.Short, v.Length, v.SelectMany(n => new[] { (byte)n, (byte)(n >> 8) }).ToArray());
                TiffField Long(int tag, long v) => new(tag, Shared.Layers.Tiff.TiffTags.Long, 1, form.OffsetBytes(v));
                var fields = new[]
                {
                    Long(254, kind), Short(256, w), Short(257, h), Short(258, 8, 8, 8), Short(259, 1), Short(262, 2),
                    Long(273, stripAt), Short(277, 3), Short(278, h), Long(279, strip.Length), Short(284, 1),
                };
                long ifd = TiffIfdWriter.Write(file, 0, fields.Select(TiffSlot.New).ToList(), 0, form, out long next);
                TiffIfdWriter.Patch(file, pointer, ifd, form);
                pointer = next;
            }
        }
        Assert.False(LayeredPhoto.IsMultiPageTiff(path));
        var loaded = ImageFile.Load(path);
        Assert.Null(loaded.Layers);
        Assert.Equal((160, 120), (loaded.Width, loaded.Height));
        Assert.True(LayerSamples.MaxColourDifference(photo, loaded.Pixels) <= 0.5f / 255 + 1e-6f);
    }
}
