using System.CommandLine;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Shared.Layers.Psd;
using RetouchPlugins.Standalone.Batch;
using RetouchPlugins.Standalone.Commands;
using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Batch;

/// <summary>
/// A Photoshop document as the input of `retouch skin` and `retouch batch` (libvips reads no PSD): the effects see its
/// picture as Photoshop shows it; a .psd output is that document with the result and masks on top of its own layers,
/// which stay byte for byte; any other output is the flat result. On the hand-placed face crop of sample1.jpg.
/// </summary>
public sealed class PhotoshopInputTests : IDisposable
{
    private readonly BatchTestFiles _files = new();
    public void Dispose() => _files.Dispose();

    private int Skin(string input, string output) =>
        SkinRun.Run(input, output, null, SkinRecipe.Info.DefaultSettings(), _files.Console, (image, _) => BatchTestFiles.FaceCropAnalysis(image), default, false);

    /// <summary>The face crop as an editor's PSD: the photo, and over it a half-transparent note a retoucher left.</summary>
    private string EditorPsd(string folder, string name)
    {
        var photo = BatchTestFiles.FaceCrop();
        var note = new PlanarImage(120, 40, 4);
        note.Plane(1).Fill(1f);
        note.Plane(3).Fill(1f);
        var document = new LayerDocument(photo.Width, photo.Height) { IccProfile = ImageFile.BuiltInIccProfile("srgb") };
        document.Add(new Layer("Photo", photo));
        document.Add(new Layer("Note", note) { OffsetX = 10, OffsetY = 440, Opacity = 0.4f });
        var path = Path.Combine(folder, name);
        LayerFile.Write(document, path);
        return path;
    }

    [Fact]
    public void A_PSD_retouched_to_PSD_keeps_its_layers_byte_for_byte_with_the_result_and_masks_on_top_and_to_JPEG_is_the_flat_result()
    {
        var input = EditorPsd(_files.Root, "portrait.psd");
        var before = File.ReadAllBytes(input);
        string psd = Path.Combine(_files.Root, "out", "portrait.psd"), png = Path.Combine(_files.Root, "out", "portrait.png");

        Assert.Equal(RunExit.Ok, Skin(input, psd));
        Assert.Equal(RunExit.Ok, Skin(input, png));

        Assert.Equal(before, File.ReadAllBytes(input)); // the input is never written
        Layers.PsdKept.AssertOldLayersKept(before, File.ReadAllBytes(psd), psd);
        var oldDocument = LayerFile.Read(input);
        var document = LayerFile.Read(psd);
        Assert.Equal(["Photo", "Note", "Retouched", "Skin mask", "Healed blemishes"], document.Layers.Select(l => l.Name));
        Assert.Equal([true, true, true, false, false], document.Layers.Select(l => l.Visible));
        Assert.Equal(oldDocument.IccProfile, document.IccProfile);

        // The effect saw the composite (the note over the photo), and the flat result is the result layer.
        var flat = ImageFile.Load(png).Pixels;
        Assert.True(Tests.Layers.LayerSamples.MaxColourDifference(flat, document.Layers[2].Pixels) <= 1 / 255f + 1e-6f, "the flat result is not the PSD's result layer");
        var composite = LayerCompositor.Composite(oldDocument);
        Assert.True(Tests.Layers.LayerSamples.MaxColourDifference(flat, composite) > 3 / 255f, "nothing was retouched");
        float noteGreen = flat.Plane(1)[460 * flat.Width + 60], photoGreen = oldDocument.Layers[0].Pixels.Plane(1)[460 * flat.Width + 60];
        Assert.True(noteGreen > photoGreen + 0.2f, "the note was not in the picture the effect saw");
        // The merged image other programs show is the result.
        var merged = PsdSource.Read(psd).Composite();
        Assert.True(Tests.Layers.LayerSamples.MaxColourDifference(merged, document.Layers[2].Pixels) <= 0.6f / 255, "the merged image is not the result");
    }

    [Fact]
    public void A_batch_retouches_PSDs_to_PSDs_beside_the_JPEGs()
    {
        string input = _files.Folder("in"), output = Path.Combine(_files.Root, "out");
        EditorPsd(input, "edited.psd");
        EditorPsd(input, "large.psb"); // Photoshop's large document format: its result stays a PSB
        ImageFile.Save(new ImageDocument(BatchTestFiles.FaceCrop(), 8, null, null, ImageFormat.Jpeg), Path.Combine(input, "camera.jpg"));
        var root = new RootCommand
        {
            BatchCommand.Create(_files.Console, new DelegateAnalysisProvider((image, _) => BatchTestFiles.FaceCropAnalysis(image)), null),
        };

        int code = root.Parse(["batch", input, "-o", output]).Invoke();

        Assert.Equal(BatchSummary.AllOk, code);
        Assert.Equal(["camera.jpg", "edited.psd", "large.psb"], BatchTestFiles.FilesIn(output));
        foreach (var name in new[] { "edited.psd", "large.psb" })
            Assert.Equal(["Photo", "Note", "Retouched", "Skin mask", "Healed blemishes"],
                LayerFile.Read(Path.Combine(output, name)).Layers.Select(l => l.Name));
        Assert.Equal(2, File.ReadAllBytes(Path.Combine(output, "large.psb"))[5]); // version 2
    }

    [Fact]
    public void PSDs_we_cannot_retouch_fail_with_the_file_and_what_to_do()
    {
        var crop = Path.Combine(_files.Root, "crop.png");
        ImageFile.Save(new ImageDocument(BatchTestFiles.FaceCrop(), 8, null, null, ImageFormat.Png), crop);
        var cmyk = Path.Combine(_files.Root, "cmyk.psd");
        Layers.ExternalTool.Run("convert", [crop, "-colorspace", "CMYK", cmyk]);
        var whole = File.ReadAllBytes(EditorPsd(_files.Root, "whole.psd"));
        var cut = Path.Combine(_files.Root, "cut.psd");
        File.WriteAllBytes(cut, whole[..(whole.Length * 2 / 3)]);
        var header = Path.Combine(_files.Root, "header.psd");
        File.WriteAllBytes(header, whole[..20]);

        var e = Assert.Throws<ImageFileException>(() => ImageFile.Load(cmyk));
        Assert.Equal(ImageFileProblem.UnsupportedFormat, e.Problem);
        Assert.Equal($"{cmyk}: Photoshop colour mode CMYK cannot be retouched; convert it to RGB (Image > Mode > RGB Color)", e.Message);
        e = Assert.Throws<ImageFileException>(() => ImageFile.Load(cut));
        Assert.Equal(ImageFileProblem.Corrupt, e.Problem);
        Assert.StartsWith($"{cut}: PSD is truncated", e.Message);
        e = Assert.Throws<ImageFileException>(() => ImageFile.ReadInfo(header));
        Assert.Equal($"{header}: the Photoshop header is cut short, the file is damaged", e.Message);
        Assert.Equal(RunExit.BadInput, Skin(cut, Path.Combine(_files.Root, "out.psd")));
        Assert.False(File.Exists(Path.Combine(_files.Root, "out.psd")));
    }
}
