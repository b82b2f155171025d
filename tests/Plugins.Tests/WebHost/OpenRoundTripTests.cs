using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
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

    [Fact]
    public async Task A_PSD_stays_a_layered_PSD_with_its_own_layers_and_the_result_above()
    {
        var photo = HalfSample().Pixels;
        var note = new PlanarImage(200, 100, 4);
        note.Plane(0).Fill(1); note.Plane(3).Fill(1);
        var psd = Path.Combine(_folder, "edit.psd");
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
        Assert.Equal(0f, MaxDifference(document.Layers[0].Pixels, background)); // the editor's layers are kept as they were
        Assert.True(MaxDifference(document.Layers[2].Pixels, document.Layers[0].Pixels) > 5 / 255f, "the result layer is the photo unchanged");
        Assert.Equal(["edit.psd"], Directory.GetFiles(_folder).Select(Path.GetFileName)); // no temporary file left
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
        Assert.True(MaxDifference(after.Pixels, original) > 5 / 255f, "the TIFF was written back unchanged");
        Assert.Equal(["edit.tif"], Directory.GetFiles(_folder).Select(Path.GetFileName));
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
    public void A_psd_with_what_save_would_drop_is_refused_at_open_and_left_as_it_was()
    {
        // Our own PSD, then the second layer made a clipping mask in place (one byte of its record), as Photoshop marks one.
        var psd = Path.Combine(_folder, "clipped.psd");
        var document = new LayerDocument(64, 48);
        document.Add(new Layer("Photo", HalfSample().Pixels.Crop(0, 0, 64, 48)));
        document.Add(new Layer("Dodge", new RetouchPlugins.Shaders.PlanarImage(64, 48, 1)));
        LayerFile.Write(document, psd);
        Assert.Empty(LayerFile.Read(psd).NotKept); // our own files have nothing the round trip drops
        var bytes = File.ReadAllBytes(psd);
        int pos = 26;
        pos += 4 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos)); // colour mode data
        pos += 4 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos)); // image resources
        pos += 4 + 4 + 2; // section lengths, layer count
        for (int record = 0; record < 2; record++)
        {
            int channels = System.Buffers.Binary.BinaryPrimitives.ReadUInt16BigEndian(bytes.AsSpan(pos + 16));
            int clipping = pos + 16 + 2 + channels * 6 + 8 + 1;
            if (record == 1) bytes[clipping] = 1;
            pos = clipping + 3;
            pos += 4 + System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(pos)); // extra data
        }
        File.WriteAllBytes(psd, bytes);
        Assert.Equal(["clipping masks"], LayerFile.Read(psd).NotKept);

        var e = Assert.Throws<ImageFileException>(() => LaunchFile.Open(psd, 100_000_000));
        Assert.Equal(ImageFileProblem.UnsupportedFormat, e.Problem);
        Assert.StartsWith($"{psd}: has clipping masks, which Save would not keep", e.Message);
        Assert.Equal(bytes, File.ReadAllBytes(psd));
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

    private static float MaxDifference(PlanarImage a, PlanarImage b)
    {
        float worst = 0;
        for (int c = 0; c < 3; c++)
            for (int i = 0; i < a.PlaneSize; i++)
                worst = Math.Max(worst, Math.Abs(a.Data[c * a.PlaneSize + i] - b.Data[c * b.PlaneSize + i]));
        return worst;
    }
}
