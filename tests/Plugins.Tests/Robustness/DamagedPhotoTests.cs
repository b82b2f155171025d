using System.Buffers.Binary;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Standalone;
using RetouchPlugins.Standalone.Commands;
using RetouchPlugins.Tests.Effects;
using RetouchPlugins.Tests.Support;
using Spectre.Console;

namespace RetouchPlugins.Tests.Robustness;

/// <summary>
/// A damaged photo is an error naming the file, never a result with black rows or transparent garbage
/// (issue 21). Every file here is a demo photo damaged the way copies get damaged: cut short, a table pointing
/// past the end, a few flipped bits. Each of these loaded "fine" before libvips ran with fail_on=error.
/// </summary>
public sealed class DamagedPhotoTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-damaged-").FullName;
    private readonly StringWriter _text = new();
    private readonly IAnsiConsole _console;

    public DamagedPhotoTests() => _console = Terminal.For(_text, redirected: true);

    public void Dispose() => Directory.Delete(_dir, true);

    private static PlanarImage Photo() => HandPlacedFace.LoadPhoto();

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static void AssertDamaged(string path)
    {
        var e = Assert.Throws<ImageFileException>(() => ImageFile.Load(path));
        Assert.Equal(ImageFileProblem.Corrupt, e.Problem);
        Assert.StartsWith($"{path}: ", e.Message);
        Assert.Contains("truncated or damaged", e.Message);
    }

    [Fact]
    public void The_intact_tiff_these_are_made_from_loads_with_its_pixels()
    {
        var photo = Photo();
        var path = Write("whole.tif", DamagedFiles.BaselineTiff(photo, rowsPerStrip: 16));
        var loaded = ImageFile.Load(path).Pixels;
        Assert.Equal((photo.Width, photo.Height), (loaded.Width, loaded.Height));
        int y = photo.Height - 1; // the last row, the one a cut loses first
        for (int x = 0; x < photo.Width; x += 97)
            Assert.Equal(MathF.Round(photo[1, x, y] * 255), loaded[1, x, y] * 255, 3);
    }

    [Fact]
    public void A_tiff_cut_in_its_pixel_data_is_an_error_not_a_photo_with_a_black_bottom()
    {
        var whole = DamagedFiles.BaselineTiff(Photo(), rowsPerStrip: 16);
        AssertDamaged(Write("cut-strips.tif", whole[..(whole.Length * 2 / 3)]));
        var single = DamagedFiles.BaselineTiff(Photo(), rowsPerStrip: Photo().Height); // one strip: libtiff used to pad it
        AssertDamaged(Write("cut-one-strip.tif", single[..(single.Length * 2 / 3)]));
    }

    [Fact]
    public void Strip_offsets_past_the_end_of_the_file_are_an_error_not_an_all_black_photo()
    {
        var photo = Photo();
        int strips = (photo.Height + 15) / 16;
        AssertDamaged(Write("offsets.tif", DamagedFiles.WithStripsPastTheEnd(DamagedFiles.BaselineTiff(photo, 16), strips / 2, strips)));
    }

    [Fact]
    public void Flipped_bits_in_a_layered_tiffs_deflate_data_fail_in_libvips_and_in_our_layer_reader()
    {
        var crop = Photo().Crop(600, 300, 480, 360);
        var document = new LayerDocument(crop.Width, crop.Height, 8);
        document.Add(new Layer("Original", crop));
        document.Add(new Layer("Retouched", crop.Clone()));
        var good = Path.Combine(_dir, "layers.tif");
        LayerFile.Write(document, good);
        var bytes = File.ReadAllBytes(good);
        Assert.Equal(2, LayerFile.Read(good).Layers.Count); // the intact file reads

        // Page 1's Deflate strip lies between the header and the first directory.
        int firstIfd = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4));
        var path = Write("flipped.tif", DamagedFiles.WithFlippedBits(bytes, 64, firstIfd - 64, count: 4));

        AssertDamaged(path);
        var e = Assert.Throws<LayerFileException>(() => LayerFile.Read(path));
        Assert.StartsWith($"{path}: ", e.Message);
        Assert.Contains("page 1", e.Message);
    }

    [Fact]
    public void The_skin_command_on_a_cut_tiff_exits_1_naming_it_and_writes_nothing()
    {
        var photo = Photo();
        var whole = DamagedFiles.BaselineTiff(photo, rowsPerStrip: 16);
        var input = Write("cut.tif", whole[..(whole.Length * 2 / 3)]);
        var output = Path.Combine(_dir, "out.tif");
        var analysis = HandPlacedFace.Analysis(photo.Width, photo.Height);

        int code = SkinRun.Run(input, output, null, SkinRecipe.Info.DefaultSettings(), _console, (_, _) => analysis, default);

        Assert.Equal(RunExit.BadInput, code);
        Assert.Contains($"error: {input}: the image data is truncated or damaged", _text.ToString());
        Assert.Equal(["cut.tif"], Directory.GetFiles(_dir).Select(Path.GetFileName)); // no output, no temporary
        Assert.Equal(whole[..(whole.Length * 2 / 3)], File.ReadAllBytes(input));
    }

    [Fact]
    public void Info_decode_on_a_cut_tiff_exits_2()
    {
        var whole = DamagedFiles.BaselineTiff(Photo(), rowsPerStrip: 16);
        var input = Write("cut.tif", whole[..(whole.Length * 2 / 3)]);
        var output = new StringWriter();
        var error = new StringWriter();
        Assert.Equal(InfoCommand.Ok, InfoCommand.Run(input, false, false, output, error)); // the header alone is fine
        Assert.Equal(InfoCommand.BadInput, InfoCommand.Run(input, false, true, output, error));
        Assert.StartsWith($"error: {input}: the image data is truncated or damaged", error.ToString());
    }

    [Fact]
    public void A_damaged_png_header_says_what_is_wrong()
    {
        ImageFile.Save(new ImageDocument(Photo().Crop(0, 0, 64, 48), 8, null, null, ImageFormat.Png), Path.Combine(_dir, "small.png"));
        var bytes = File.ReadAllBytes(Path.Combine(_dir, "small.png"));
        bytes[24] = 7; // IHDR bit depth 7
        var path = Write("header.png", bytes);
        var e = Assert.Throws<ImageFileException>(() => ImageFile.Load(path));
        Assert.DoesNotContain("()", e.Message); // it was "the file is damaged ()"
        Assert.Matches(@"damaged \(.*[Bb]it depth.*\)", e.Message);
    }

    [Fact]
    public void An_8_bit_cielab_tiff_is_refused_as_unsupported_saying_what_to_do()
    {
        var path = Write("lab8.tif", DamagedFiles.BaselineTiff(Photo().Crop(0, 0, 64, 48), rowsPerStrip: 48, photometric: 8));
        var e = Assert.Throws<ImageFileException>(() => ImageFile.Load(path));
        Assert.Equal(ImageFileProblem.UnsupportedFormat, e.Problem);
        Assert.Contains("8-bit CIELab", e.Message);
        Assert.Contains("16-bit Lab", e.Message);
    }
}
