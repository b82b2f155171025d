using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Shared.Layers.Psd;
using RetouchPlugins.Standalone.Web;
using RetouchPlugins.Standalone.Web.Api;
using RetouchPlugins.Standalone.Web.Sessions;

namespace RetouchPlugins.Tests.WebHost;

/// <summary>
/// `retouch open FILE`, the external-editor round trip: the file an editor handed over is rendered and saved back
/// into itself in its own format (a PSD keeps its layers and gains the result and masks; a flat TIFF gets the
/// result as its image), atomically, and the host stops so the editor can reload. sample1 at half size.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class OpenRoundTripTests(HostFixture host) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("retouch-web-open-").FullName;

    public void Dispose() => Directory.Delete(_folder, true);

    private static ImageDocument HalfSample()
    {
        var photo = ImageFile.Load(HostFixture.Sample(1));
        return photo.WithPixels(Resample.AreaDownsample(photo.Pixels, 960, 640));
    }

    [Theory]
    [InlineData(".psd")]
    [InlineData(".psb")] // Photoshop's large document format stays one
    public async Task A_PSD_stays_a_layered_PSD_with_its_own_layers_and_the_result_above(string extension)
    {
        var photo = HalfSample().Pixels;
        var note = new PlanarImage(200, 100, 4);
        note.Plane(0).Fill(1); note.Plane(3).Fill(1);
        var psd = Path.Combine(_folder, "edit" + extension);
        var handed = new LayerDocument(960, 640);
        handed.Add(new Layer("Background", photo));
        handed.Add(new Layer("Note", note) { OffsetX = 20, OffsetY = 20, Opacity = 0.5f });
        LayerFile.Write(handed, psd);
        var background = LayerFile.Read(psd).Layers[0].Pixels;

        var saved = await RoundTrip(psd, tiffLayers: false);

        Assert.True(saved.Layered);
        var document = LayerFile.Read(psd);
        Assert.Equal(["Background", "Note", "Retouched", "Skin mask", "Healed blemishes"], document.Layers.Select(l => l.Name));
        Assert.Equal(20, document.Layers[1].OffsetX);
        Assert.Equal(0.5f, document.Layers[1].Opacity, 1 / 255f); // PSD stores opacity in 8 bits
        Assert.Equal(0f, Tests.Layers.LayerSamples.MaxColourDifference(document.Layers[0].Pixels, background)); // the editor's layers are kept as they were
        Assert.True(Tests.Layers.LayerSamples.MaxColourDifference(document.Layers[2].Pixels, document.Layers[0].Pixels) > 5 / 255f, "the result layer is the photo unchanged");
        Assert.Equal(["edit" + extension], Directory.GetFiles(_folder).Select(Path.GetFileName)); // no temporary file left
        Assert.Equal(extension == ".psb" ? 2 : 1, File.ReadAllBytes(psd)[5]); // the header's version
    }

    [Fact]
    public async Task A_flat_TIFF_gets_the_result_as_its_image()
    {
        var tif = Path.Combine(_folder, "edit.tif");
        var before = HalfSample();
        ImageFile.Save(before, tif);
        var original = ImageFile.Load(tif).Pixels;

        var saved = await RoundTrip(tif, tiffLayers: false);

        Assert.False(saved.Layered);
        var after = ImageFile.Load(tif);
        Assert.Equal((ImageFormat.Tiff, 960, 640), (after.SourceFormat, after.Width, after.Height));
        Assert.True(Tests.Layers.LayerSamples.MaxColourDifference(after.Pixels, original) > 5 / 255f, "the TIFF was written back unchanged");
        Assert.Equal(["edit.tif"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_ProPhoto_TIFF_from_an_editor_is_retouched_on_its_colours_and_saved_back_in_ProPhoto()
    {
        // Lightroom's "Edit in" default: a 16-bit ProPhoto TIFF. The same photo handed over as a 16-bit sRGB TIFF is the reference.
        var proPhoto = Tests.Imaging.TestIccProfiles.Sample1In(Tests.Imaging.TestIccProfiles.ProPhoto(), _folder, "lightroom");
        var srgb = Path.Combine(_folder, "srgb.tif");
        ImageFile.Save(ImageFile.Load(HostFixture.Sample(1)), srgb, new ImageSaveOptions { BitsPerSample = 16 });
        var handed = ImageFile.Load(proPhoto).Pixels;

        await RoundTrip(proPhoto, tiffLayers: false);
        await RoundTrip(srgb, tiffLayers: false);

        var saved = ImageFile.Load(proPhoto);
        Assert.Equal(16, saved.BitsPerSample);
        Assert.Equal(Tests.Imaging.TestIccProfiles.ProPhoto(), saved.IccProfile);
        // In sRGB it is the sRGB hand-over's result within the round trip (measured mean 0.04 levels of 255).
        var seen = WorkingColours.Of(saved).Conversion!.ToSrgb(saved.Pixels);
        double mean = seen.Data.Zip(ImageFile.Load(srgb).Pixels.Data, (a, b) => Math.Abs(a - b)).Average() * 255;
        Assert.InRange(mean, 0, 0.15);
        // What the retouch left alone is the handed-over ProPhoto pixels, bit for bit.
        int same = Enumerable.Range(0, handed.PlaneSize).Count(i => Enumerable.Range(0, 3).All(c => handed.Data[c * handed.PlaneSize + i] == saved.Pixels.Data[c * handed.PlaneSize + i]));
        Assert.InRange(same / (double)handed.PlaneSize, 0.85, 0.99);
    }

    [Fact]
    public void An_avif_we_can_read_but_not_write_is_refused_at_open_not_after_the_edit()
    {
        var avif = Path.Combine(_folder, "edit.avif");
        Tests.Layers.ExternalTool.Run("convert", [Tests.Imaging.TestImages.Photo("sample1.jpg"), "-resize", "25%", "-quality", "90", avif]);
        Assert.Equal(ImageFormat.Avif, ImageFile.ReadInfo(avif).Format); // readable: batch and `retouch skin` take it

        var e = Assert.Throws<ImageFileException>(() => LaunchFile.Open(avif, 100_000_000));
        Assert.Equal(ImageFileProblem.UnsupportedFormat, e.Problem);
        Assert.StartsWith($"{avif}: the result cannot be written back into a '.avif' file", e.Message);
        Assert.Equal(["edit.avif"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_PSD_with_a_group_and_a_layer_mask_keeps_them_byte_for_byte_and_gains_the_result_on_top()
    {
        // GIMP's PSD of the photo with a "Grade" group holding an orange overlay whose mask hides it in an ellipse:
        // what Photoshop shows is the merged image, which our compositor (no masks) cannot make from the layers.
        var psd = Path.Combine(_folder, "graded.psd");
        var png = Path.Combine(_folder, "photo.png");
        ImageFile.Save(HalfSample(), png);
        Tests.Layers.ExternalTool.Gimp($"""
            (let* ((img (car (gimp-file-load RUN-NONINTERACTIVE {Tests.Layers.ExternalTool.Scheme(png)} "photo.png")))
                   (photo (car (gimp-image-get-active-layer img)))
                   (group (car (gimp-layer-group-new img)))
                   (warm (car (gimp-layer-new img 960 640 RGBA-IMAGE "Warm" 30 LAYER-MODE-OVERLAY)))
                   (mask 0))
              (gimp-item-set-name photo "Photo")
              (gimp-image-insert-layer img group 0 0)
              (gimp-item-set-name group "Grade")
              (gimp-image-insert-layer img warm group 0)
              (gimp-context-set-foreground '(255 140 40))
              (gimp-drawable-fill warm FILL-FOREGROUND)
              (set! mask (car (gimp-layer-create-mask warm ADD-MASK-WHITE)))
              (gimp-layer-add-mask warm mask)
              (gimp-image-select-ellipse img CHANNEL-OP-REPLACE 100 100 300 200)
              (gimp-context-set-foreground '(0 0 0))
              (gimp-drawable-edit-fill mask FILL-FOREGROUND)
              (gimp-selection-none img)
              (file-psd-save RUN-NONINTERACTIVE img photo {Tests.Layers.ExternalTool.Scheme(psd)} "graded.psd" 1 0))
            """);
        File.Delete(png);
        var before = File.ReadAllBytes(psd);
        var handed = LayerFile.Read(psd);
        Assert.Equal(["layer groups", "layer masks"], handed.NotKept);

        var opened = LaunchFile.Open(psd, 100_000_000);
        var composite = PsdSource.Read(psd).Composite();
        Assert.Equal(0f, Tests.Layers.LayerSamples.MaxColourDifference(opened.Document.Pixels, composite)); // the effects see what Photoshop shows
        Assert.True(Tests.Layers.LayerSamples.MaxColourDifference(LayerCompositor.Composite(handed), composite) > 20 / 255f, "the mask made no difference");
        var saved = await RoundTrip(psd, tiffLayers: false);

        Assert.True(saved.Layered);
        Tests.Layers.PsdKept.AssertOldLayersKept(before, File.ReadAllBytes(psd), psd);
        var document = LayerFile.Read(psd);
        Assert.Equal(["Photo", "Warm", "Retouched", "Skin mask", "Healed blemishes"], document.Layers.Select(l => l.Name));
        Assert.True(Tests.Layers.LayerSamples.MaxColourDifference(document.Layers[2].Pixels, composite) > 5 / 255f, "the result layer is the photo unchanged");
        Assert.Equal(["graded.psd"], Directory.GetFiles(_folder).Select(Path.GetFileName));

        // GIMP opens it with its group, the masked layer and our layers above them.
        var tree = Path.Combine(_folder, "tree.txt");
        Tests.Layers.ExternalTool.Gimp($$"""
            (define out (open-output-file {{Tests.Layers.ExternalTool.Scheme(tree)}}))
            (define (walk items depth)
              (for-each (lambda (l)
                  (display (string-append (make-string (* 2 depth) #\space) (car (gimp-item-get-name l))
                    (if (= (car (gimp-layer-get-mask l)) -1) "" " [mask]")
                    (if (= (car (gimp-item-get-visible l)) 0) " (hidden)" "")) out)
                  (newline out)
                  (if (= (car (gimp-item-is-group l)) 1) (walk (vector->list (cadr (gimp-item-get-children l))) (+ depth 1))))
                items))
            (walk (vector->list (cadr (gimp-image-get-layers (car (gimp-file-load RUN-NONINTERACTIVE {{Tests.Layers.ExternalTool.Scheme(psd)}} "graded.psd"))))) 0)
            (close-output-port out)
            """);
        Assert.Equal(["Healed blemishes (hidden)", "Skin mask (hidden)", "Retouched", "Grade", "  Warm [mask]", "Photo"], File.ReadAllLines(tree));
    }

    [Theory]
    [InlineData("psd")]
    [InlineData("psb")]
    public async Task An_uploaded_PSD_exports_as_that_document_with_the_result_on_top(string format)
    {
        var psd = Path.Combine(_folder, "upload." + format);
        var handed = new LayerDocument(960, 640);
        handed.Add(new Layer("Photo", HalfSample().Pixels));
        handed.Add(new Layer("Note", new PlanarImage(200, 100, 4)) { OffsetX = 20, OffsetY = 20 });
        LayerFile.Write(handed, psd);
        using var client = host.Factory.Authorized();

        var session = await HostApi.Upload(client, psd);
        var render = await HostApi.Render(client, session.Id, new { effect = "skin", parameters = new { strength = 1 } });
        var response = await client.PostAsJsonAsync($"/api/sessions/{session.Id}/renders/{render.Id}/export", new { format }, HostApi.Json);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var exported = Path.Combine(_folder, "export." + format);
        await File.WriteAllBytesAsync(exported, await response.Content.ReadAsByteArrayAsync());
        Tests.Layers.PsdKept.AssertOldLayersKept(File.ReadAllBytes(psd), File.ReadAllBytes(exported), exported);
        var document = LayerFile.Read(exported);
        Assert.Equal(["Photo", "Note", "Retouched", "Skin mask", "Healed blemishes"], document.Layers.Select(l => l.Name));
        Assert.True(Tests.Layers.LayerSamples.MaxColourDifference(document.Layers[2].Pixels, document.Layers[0].Pixels) > 5 / 255f, "nothing was retouched");
    }

    [Fact]
    public void A_PSD_without_a_composite_whose_layers_we_cannot_composite_is_refused_at_open_and_left_as_it_was()
    {
        // Photoshop's own file with an adjustment layer and a mask, saved with "Maximize compatibility" off.
        var psd = Path.Combine(_folder, "adjusted.psd");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "photoshop", "adjustment-mask.psd"), psd);
        var bytes = File.ReadAllBytes(psd);

        var e = Assert.Throws<ImageFileException>(() => LaunchFile.Open(psd, 100_000_000));

        Assert.Equal(ImageFileProblem.UnsupportedFormat, e.Problem);
        Assert.StartsWith($"{psd}: has adjustment or fill layers, layer masks but no composite image to retouch", e.Message);
        Assert.Contains("Maximize PSD and PSB File Compatibility", e.Message);
        Assert.Equal(bytes, File.ReadAllBytes(psd));
    }

    [Fact]
    public void A_TIFF_with_Photoshop_s_layers_inside_is_refused_at_open_and_left_as_it_was()
    {
        // Photoshop's "Save layers" in a TIFF keeps them in tag 37724 beside the flat image, which is all we read:
        // writing the result back would drop them. The tag added to a TIFF of the photo (its first IFD written again).
        var tif = Path.Combine(_folder, "layered.tif");
        ImageFile.Save(HalfSample(), tif);
        var bytes = File.ReadAllBytes(tif).ToList();
        var span = System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes);
        Assert.Equal("II", System.Text.Encoding.ASCII.GetString(span[..2]));
        int ifd0 = BitConverter.ToInt32(span[4..]);
        int count = BitConverter.ToUInt16(span[ifd0..]);
        var entries = span.Slice(ifd0 + 2, 12 * count).ToArray();
        var block = "Adobe Photoshop Document Data Block\0"u8.ToArray();
        int blockAt = bytes.Count + (bytes.Count & 1);
        if ((bytes.Count & 1) != 0) bytes.Add(0);
        bytes.AddRange(block);
        if ((bytes.Count & 1) != 0) bytes.Add(0);
        int newIfd = bytes.Count;
        bytes.AddRange(BitConverter.GetBytes((ushort)(count + 1)));
        bytes.AddRange(entries); // every tag of libvips' first IFD is below 37724
        bytes.AddRange(BitConverter.GetBytes((ushort)37724));
        bytes.AddRange(BitConverter.GetBytes((ushort)7)); // UNDEFINED
        bytes.AddRange(BitConverter.GetBytes(block.Length));
        bytes.AddRange(BitConverter.GetBytes(blockAt));
        bytes.AddRange(BitConverter.GetBytes(0)); // no next IFD
        BitConverter.GetBytes(newIfd).CopyTo(System.Runtime.InteropServices.CollectionsMarshal.AsSpan(bytes)[4..]);
        File.WriteAllBytes(tif, bytes.ToArray());
        Assert.True(ImageFile.HasPhotoshopLayers(tif));
        Assert.False(ImageFile.HasPhotoshopLayers(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg")));
        var before = File.ReadAllBytes(tif);

        var e = Assert.Throws<ImageFileException>(() => LaunchFile.Open(tif, 100_000_000));

        Assert.Equal(ImageFileProblem.UnsupportedFormat, e.Problem);
        Assert.StartsWith($"{tif}: has Photoshop layers saved inside the TIFF, which writing the result back would drop", e.Message);
        Assert.Equal(before, File.ReadAllBytes(tif));
        Assert.Equal((960, 640), (ImageFile.Load(tif).Width, ImageFile.Load(tif).Height)); // its flat image still reads (batch, `retouch skin`)
    }

    /// <summary>Opens <paramref name="file"/> as `retouch open` does, renders the skin effect, saves, and checks the host stops.</summary>
    private async Task<SavedDto> RoundTrip(string file, bool tiffLayers)
    {
        var options = new ServeOptions(AccessToken.Random()) { OpenFile = file, TiffLayers = tiffLayers };
        using var factory = new RetouchHostFactory(host.Analysis, options, LaunchFile.Open(file, options.Limits.MaxPixels));
        using var client = factory.Authorized();
        var launched = (await client.GetFromJsonAsync<HostDto>("/api/host", HostApi.Json))!;
        Assert.Equal(("open", file), (launched.Mode, launched.OpenFile));
        var render = await HostApi.Render(client, launched.SessionId!, new { effect = "skin", parameters = new { strength = 1 } });

        var response = await client.PostAsync($"/api/sessions/{launched.SessionId}/renders/{render.Id}/save", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stopping = factory.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        Assert.True(await Task.Delay(TimeSpan.FromSeconds(10), stopping).ContinueWith(t => t.IsCanceled), "the host did not stop after saving");
        return (await response.Content.ReadFromJsonAsync<SavedDto>(HostApi.Json))!;
    }
}
