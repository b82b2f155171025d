using System.Buffers.Binary;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Shared.Layers.Psd;
using RetouchPlugins.Standalone;
using RetouchPlugins.Standalone.Commands;
using RetouchPlugins.Tests.Effects;
using RetouchPlugins.Tests.Support;
using Spectre.Console;

namespace RetouchPlugins.Tests.Layers;

/// <summary>
/// Photoshop's large document format (PSB, version 2): what a studio's medium-format files over 30,000 px a side, or
/// saved as PSB by habit, arrive in. Photoshop's own PSBs are read and kept (PsdAppendTests runs them with the PSDs);
/// here our PSB writer is checked against ImageMagick, the 30,000 px limit, and the retouch of a PSB end to end.
/// </summary>
public sealed class PsbTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-psb-").FullName;
    private readonly StringWriter _text = new();

    public void Dispose() => Directory.Delete(_dir, true);

    private static int Version(string path) => BinaryPrimitives.ReadUInt16BigEndian(File.ReadAllBytes(path).AsSpan(4));

    [Theory]
    [InlineData(8)]
    [InlineData(16)]
    public void Our_psb_reads_back_and_ImageMagick_decodes_its_layers_to_the_same_pixels(int bits)
    {
        var document = LayerSamples.ThreeLayers(bits);
        var path = Path.Combine(_dir, $"ours{bits}.psb");
        LayerFile.Write(document, path);
        Assert.Equal(2, Version(path));

        var back = LayerFile.Read(path);
        Assert.Equal(document.Layers.Select(l => (l.Name, l.Width, l.Height, l.OffsetX, l.OffsetY, l.Visible, l.BlendMode)),
            back.Layers.Select(l => (l.Name, l.Width, l.Height, l.OffsetX, l.OffsetY, l.Visible, l.BlendMode)));
        for (int l = 0; l < document.Layers.Count; l++)
            Assert.Equal(0f, LayerSamples.MaxVisibleDifference(document.Layers[l].Pixels, back.Layers[l].Pixels), 0.6f / 65535);

        // ImageMagick (its own PSD/PSB reader): the merged image and one frame per layer; the bottom layer's pixels.
        var frames = ExternalTool.Run("identify", ["-format", "%wx%h|%z\n", path]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([$"{document.Width}x{document.Height}|{bits}", .. document.Layers.Select(l => $"{l.Width}x{l.Height}|{bits}")], frames);
        float worst = ExternalTool.MaxDifferenceFromImageMagick(path, 1, document.Layers[0].Pixels, "rgb");
        Assert.True(worst < 0.6f / 65535, $"worst difference {worst * 65535:0.0}/65535");
    }

    [Fact]
    public void A_document_over_30000_px_a_side_needs_a_psb_and_is_written_as_one()
    {
        var document = new LayerDocument(30001, 2, 8);
        var strip = new PlanarImage(30001, 2, 3);
        for (int i = 0; i < strip.Data.Length; i++) strip.Data[i] = i % 251 / 255f;
        document.Add(new Layer("Panorama", strip));

        var psd = Path.Combine(_dir, "wide.psd");
        var e = Assert.Throws<ArgumentException>(() => LayerFile.Write(document, psd));
        Assert.Contains("30000 px per side", e.Message);
        Assert.Contains(".psb", e.Message);
        Assert.False(File.Exists(psd)); // nothing half-written left behind

        var psb = Path.Combine(_dir, "wide.psb");
        LayerFile.Write(document, psb);
        var back = Assert.Single(LayerFile.Read(psb).Layers);
        Assert.Equal(0f, LayerSamples.MaxVisibleDifference(document.Layers[0].Pixels, back.Pixels), 0.5f / 255);
    }

    [Fact]
    public void Retouching_a_photoshop_psb_writes_a_psb_with_its_layers_kept_and_a_psd_of_ours_when_asked()
    {
        // A two-layer PSB of the demo face (the hand-placed analysis fits it): our result layers go on top of its own, in a
        // PSB; asked for a .psd, a new PSD of our layers (Photoshop's own PSBs are kept byte for byte in PsdAppendTests).
        var photo = HandPlacedFace.LoadPhoto();
        var document = new LayerDocument(photo.Width, photo.Height, 8);
        document.Add(new Layer("Photo", photo));
        document.Add(new Layer("Dodge", new PlanarImage(photo.Width, photo.Height, 4)) { Opacity = 0.5f });
        var input = Path.Combine(_dir, "portrait.psb");
        LayerFile.Write(document, input);
        var analysis = HandPlacedFace.Analysis(photo.Width, photo.Height);
        var console = Terminal.For(_text, redirected: true);

        var asPsb = Path.Combine(_dir, "retouched.psb");
        Assert.Equal(RunExit.Ok, SkinRun.Run(input, asPsb, null, SkinRecipe.Info.DefaultSettings(), console, (_, _) => analysis, default));
        Assert.Equal(2, Version(asPsb));
        var kept = LayerFile.Read(asPsb);
        Assert.Equal(["Photo", "Dodge"], kept.Layers.Take(2).Select(l => l.Name));
        Assert.True(kept.Layers.Count > 2, "no result layer was added");
        PsdKept.AssertOldLayersKept(File.ReadAllBytes(input), File.ReadAllBytes(asPsb), asPsb);

        var asPsd = Path.Combine(_dir, "retouched.psd");
        Assert.Equal(RunExit.Ok, SkinRun.Run(input, asPsd, null, SkinRecipe.Info.DefaultSettings(), console, (_, _) => analysis, default));
        Assert.Equal(1, Version(asPsd));
        var ours = LayerFile.Read(asPsd);
        Assert.Equal(OutputLayers.Original, ours.Layers[0].Name); // a new document of our layers: the picture, then the result
        var retouched = ours.Layers[1].Pixels;
        Assert.Equal(0f, LayerSamples.MaxDifference(LayerFile.Read(asPsb).Layers[2].Pixels, retouched), 0.5f / 255);
    }

    [Fact]
    public void A_cut_psb_or_one_whose_8_byte_length_claims_a_terabyte_is_an_error_naming_the_file()
    {
        var whole = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "photoshop", "mask.psb"));
        var cut = Path.Combine(_dir, "cut.psb");
        File.WriteAllBytes(cut, whole[..(whole.Length / 2)]);
        var e = Assert.Throws<ImageFileException>(() => ImageFile.Load(cut));
        Assert.Equal(ImageFileProblem.Corrupt, e.Problem);
        Assert.StartsWith($"{cut}: ", e.Message);
        Assert.Contains("truncated", e.Message);

        // The layer and mask section's 8-byte length (after the header, the colour mode data and the resources) set to 2^40.
        var huge = (byte[])whole.Clone();
        int at = 26;
        at += 4 + BinaryPrimitives.ReadInt32BigEndian(huge.AsSpan(at)); // colour mode data
        at += 4 + BinaryPrimitives.ReadInt32BigEndian(huge.AsSpan(at)); // image resources
        BinaryPrimitives.WriteInt64BigEndian(huge.AsSpan(at), 1L << 40);
        var claimed = Path.Combine(_dir, "huge.psb");
        File.WriteAllBytes(claimed, huge);
        var layers = Assert.Throws<LayerFileException>(() => LayerFile.Read(claimed));
        Assert.StartsWith($"{claimed}: ", layers.Message);
        Assert.Contains("1099511627776 bytes", layers.Message);
    }

    [Fact]
    public void A_psb_over_2_gb_is_read_in_place_its_picture_and_layers_from_past_the_2_gb_mark()
    {
        // Our PSB of a photo crop with, in its layer and mask section, a 2 GB + 4 KB tagged block ('Alph', one of the keys
        // with an 8-byte length) that no reader here looks into: the file is sparse on disk, but every offset after the
        // block, the merged image's included, lies past what an int or one array reaches.
        var photo = HandPlacedFace.LoadPhoto().Crop(600, 300, 480, 360);
        var small = Path.Combine(_dir, "small.psb");
        var document = new LayerDocument(photo.Width, photo.Height, 8);
        document.Add(new Layer("Photo", photo));
        LayerFile.Write(document, small);
        var bytes = File.ReadAllBytes(small);
        var (_, layout) = PsdReader.Read(bytes, small, pixels: false);

        const long block = (1L << 31) + 4096;
        var large = Path.Combine(_dir, "large.psb");
        using (var file = new FileStream(large, FileMode.CreateNew))
        {
            file.Write(bytes, 0, (int)layout.LayerSectionAt);
            long section = layout.LayerSectionEnd - layout.LayerSectionAt - 8;
            var number = new byte[8];
            BinaryPrimitives.WriteInt64BigEndian(number, section + 16 + block);
            file.Write(number);
            file.Write(bytes, (int)layout.LayerSectionAt + 8, (int)section);
            file.Write("8BIMAlph"u8);
            BinaryPrimitives.WriteInt64BigEndian(number, block);
            file.Write(number);
            file.Seek(block, SeekOrigin.Current); // a hole: zeros, no disk
            file.Write(bytes, (int)layout.LayerSectionEnd, bytes.Length - (int)layout.LayerSectionEnd);
        }
        Assert.True(new FileInfo(large).Length > int.MaxValue);

        var source = PsdSource.Read(large);
        Assert.True(source.IsLarge);
        var expected = LayerFile.Read(small).Layers[0].Pixels;
        Assert.Equal(0f, LayerSamples.MaxVisibleDifference(expected, source.Composite()), 0.5f / 255);
        var layer = Assert.Single(LayerFile.Read(large).Layers);
        Assert.Equal(0f, LayerSamples.MaxVisibleDifference(expected, layer.Pixels), 0f);
        var loaded = ImageFile.Load(large); // the product's door: header, resources, the picture
        Assert.Equal((photo.Width, photo.Height), (loaded.Pixels.Width, loaded.Pixels.Height));
    }
}
