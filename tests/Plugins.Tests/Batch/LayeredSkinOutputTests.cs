using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Standalone.Commands;

using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Batch;

/// <summary>`retouch skin` to .ora/.psd/.tif: the layer stack a retoucher gets, on a crop of sample1.jpg with the hand-placed face.</summary>
public sealed class LayeredSkinOutputTests : IDisposable
{
    private static readonly string[] ExpectedNames = ["Original", "Retouched", "Skin mask", "Healed blemishes"];
    private readonly BatchTestFiles _files = new();

    public void Dispose() => _files.Dispose();

    private int Skin(string input, string output, bool layers = false) =>
        SkinRun.Run(input, output, null, SkinRecipe.Info.DefaultSettings(), _files.Console, (image, _) => BatchTestFiles.FaceCropAnalysis(image), default, layers);

    private string SaveInput(string name, int bits)
    {
        var path = Path.Combine(_files.Root, name);
        ImageFile.Save(new ImageDocument(BatchTestFiles.FaceCrop(), bits, ImageFile.BuiltInIccProfile("srgb"), null, ImageFormat.Png), path,
            new ImageSaveOptions { BitsPerSample = bits });
        return path;
    }

    private static float MaxDifference(PlanarImage a, PlanarImage b, int channels)
    {
        float max = 0;
        for (int c = 0; c < channels; c++)
        {
            var pa = a.Plane(c); var pb = b.Plane(c);
            for (int i = 0; i < pa.Length; i++) max = MathF.Max(max, MathF.Abs(pa[i] - pb[i]));
        }
        return max;
    }

    [Theory]
    [InlineData(".ora")]
    [InlineData(".psd")]
    public void The_layers_are_original_retouched_and_hidden_masks_and_the_composite_is_the_flat_result(string extension)
    {
        string input = SaveInput("face.png", 8), flat = Path.Combine(_files.Root, "flat.png"), layered = Path.Combine(_files.Root, "face" + extension);

        Assert.Equal(RunExit.Ok, Skin(input, flat));
        Assert.Equal(RunExit.Ok, Skin(input, layered));

        var doc = LayerFile.Read(layered);
        Assert.Equal(ExpectedNames, doc.Layers.Select(l => l.Name));
        Assert.Equal([true, true, false, false], doc.Layers.Select(l => l.Visible));
        Assert.Equal(8, doc.BitsPerSample);
        var composite = LayerCompositor.Composite(doc);
        var flatPixels = ImageFile.Load(flat).Pixels;
        var original = ImageFile.Load(input).Pixels;
        // Both are the same floats rounded to 8 bits; 1/255 allows one rounding step either way.
        Assert.True(MaxDifference(composite, flatPixels, 3) <= 1 / 255f + 1e-6f, $"composite vs flat: {MaxDifference(composite, flatPixels, 3) * 255:0.00}/255");
        Assert.True(MaxDifference(doc.Layers[0].Pixels, original, 3) <= 1e-6f, "the Original layer is the input");
        Assert.True(MaxDifference(composite, original, 3) > 4 / 255f, "the retouch changed something visible");
        var skin = doc.Layers[2].Pixels;
        Assert.True(skin.Plane(0).ToArray().Count(v => v > 0.5f) > 5000, "the skin mask covers the face");
    }

    [Theory]
    [InlineData(".psd")]
    [InlineData(".ora")]
    public void A_sixteen_bit_photo_gives_a_sixteen_bit_document(string extension)
    {
        string input = SaveInput("face16.png", 16), flat = Path.Combine(_files.Root, "flat16.tif"), layered = Path.Combine(_files.Root, "face16" + extension);

        Assert.Equal(RunExit.Ok, Skin(input, flat));
        Assert.Equal(RunExit.Ok, Skin(input, layered));

        var doc = LayerFile.Read(layered);
        Assert.Equal(16, doc.BitsPerSample);
        Assert.Equal(ExpectedNames, doc.Layers.Select(l => l.Name));
        var flatPixels = ImageFile.Load(flat);
        Assert.Equal(16, flatPixels.BitsPerSample);
        float diff = MaxDifference(doc.Layers[1].Pixels, flatPixels.Pixels, 3);
        Assert.True(diff <= 1 / 65535f + 1e-7f, $"Retouched layer vs flat 16-bit TIFF: {diff * 65535:0.0}/65535");
    }

    [Fact]
    public void A_tif_is_flat_unless_layers_are_asked_for_and_layers_need_a_layered_format()
    {
        string input = SaveInput("face.png", 8), flat = Path.Combine(_files.Root, "flat.tif"), layered = Path.Combine(_files.Root, "layers.tif");

        Assert.Equal(RunExit.Ok, Skin(input, flat));
        Assert.Equal(RunExit.Ok, Skin(input, layered, layers: true));

        Assert.Single(LayerFile.Read(flat).Layers);
        Assert.Equal(ExpectedNames, LayerFile.Read(layered).Layers.Select(l => l.Name));
        Assert.Equal(RunExit.BadInput, Skin(input, Path.Combine(_files.Root, "x.jpg"), layers: true));
        Assert.Contains("layers need a layered format", _files.Text);
        Assert.False(File.Exists(Path.Combine(_files.Root, "x.jpg")));
    }
}
