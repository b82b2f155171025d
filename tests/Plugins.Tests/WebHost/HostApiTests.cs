using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Layers;
using RetouchPlugins.Standalone.Web.Api;
using RetouchPlugins.Tests.Layers;

namespace RetouchPlugins.Tests.WebHost;

/// <summary>
/// The HTTP API against a real Kestrel on loopback, on the real sample1.jpg with the real models: the token,
/// the catalog, errors as JSON naming the problem, a render that changes only what its masks cover, exports
/// that read back as layers, and cancellation (HostCancelTests).
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class HostApiTests(HostFixture host)
{
    private HttpClient Client => host.Client;

    [Fact]
    public async Task Without_the_token_every_call_is_401_and_with_a_wrong_one_too()
    {
        using var anonymous = host.Factory.CreateClient();
        Assert.Contains("token", await HostApi.Error(await anonymous.GetAsync("/api/effects"), HttpStatusCode.Unauthorized));
        await HostApi.Error(await anonymous.PostAsync("/api/sessions", new ByteArrayContent(await File.ReadAllBytesAsync(HostFixture.Sample(1)))), HttpStatusCode.Unauthorized);
        await HostApi.Error(await anonymous.GetAsync("/openapi/v1.json"), HttpStatusCode.Unauthorized);
        await HostApi.Error(await anonymous.GetAsync("/?token=wrong"), HttpStatusCode.Unauthorized);
        anonymous.DefaultRequestHeaders.Authorization = new("Bearer", host.Factory.Options.Token.Value[..^1] + "x");
        await HostApi.Error(await anonymous.GetAsync("/api/effects"), HttpStatusCode.Unauthorized);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/app/app.js")).StatusCode); // the page's script holds no secret
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/?token={host.Factory.Options.Token.Value}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Client.GetAsync("/api/effects")).StatusCode);
    }

    [Fact]
    public void The_port_is_bound_to_loopback_only()
    {
        var addresses = host.Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        Assert.NotEmpty(addresses);
        Assert.All(addresses, a => Assert.StartsWith("http://127.0.0.1:", a));
        Assert.Equal("127.0.0.1", Client.BaseAddress!.Host);
    }

    [Fact]
    public async Task The_effects_list_is_the_catalog()
    {
        var effects = (await Client.GetFromJsonAsync<List<EffectDto>>("/api/effects", HostApi.Json))!;

        Assert.Equal(EffectCatalog.All.Select(e => e.Id), effects.Select(e => e.Id));
        foreach (var (entry, listed) in EffectCatalog.All.Zip(effects))
        {
            var d = entry.Descriptor;
            Assert.Equal(d.Label, listed.Label);
            Assert.Equal(d.ResultLayer, listed.ResultLayer);
            Assert.Equal(d.Parameters.Select(p => (p.Name, p.Kind.ToString().ToLowerInvariant())), listed.Parameters.Select(p => (p.Name, p.Kind)));
            foreach (var (p, q) in d.Parameters.Zip(listed.Parameters).Where(x => x.First.IsNumeric))
                Assert.Equal((p.Default, p.Min, p.Max), (q.Default!.Value, q.Min!.Value, q.Max!.Value));
            Assert.Equal(d.Masks.Select(m => m.LayerName), listed.Masks.Select(m => m.LayerName));
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_lists_the_API()
    {
        var text = await Client.GetStringAsync("/openapi/v1.json");
        Assert.Contains("\"/api/effects\"", text);
        Assert.Contains("\"/api/sessions/{sessionId}/previews\"", text);
        Assert.Contains("\"/api/sessions/{sessionId}/renders/{renderId}/export\"", text);
    }

    [Fact]
    public async Task A_full_render_changes_pixels_inside_its_masks_and_none_outside()
    {
        var (session, render) = await host.SkinRender;
        Assert.Equal((1920, 1280), (render.Width, render.Height));
        Assert.Equal(3, render.Faces);
        Assert.Equal(["Original", "Retouched", "Skin mask", "Healed blemishes"], render.Layers.Select(l => l.Name));

        var original = (await HostApi.Layer(Client, render.Layers[0])).Pixels;
        var result = (await HostApi.Layer(Client, render.Layers[1])).Pixels;
        var masks = await Task.WhenAll(render.Layers.Skip(2).Select(l => HostApi.Layer(Client, l)));
        int changedInside = 0, changedOutside = 0, inside = 0;
        for (int i = 0; i < original.PlaneSize; i++)
        {
            bool covered = masks.Any(m => m.Pixels.Data[i] > 0); // the PNG masks are 8-bit: > 0 is > 1/510 before rounding
            bool changed = Enumerable.Range(0, 3).Any(c => original.Data[c * original.PlaneSize + i] != result.Data[c * result.PlaneSize + i]);
            if (covered) { inside++; if (changed) changedInside++; }
            else if (changed) changedOutside++;
        }
        Assert.Equal(0, changedOutside);
        Assert.True(changedInside > inside / 10, $"only {changedInside} of {inside} masked pixels changed");

        // The page's raw form of the same layer: 8-bit RGBA rows, the same values as the PNG.
        var raw = await Client.GetAsync(render.Layers[1].Url + "?format=rgba");
        Assert.Equal(("1920", "1280"), (raw.Headers.GetValues("X-Image-Width").Single(), raw.Headers.GetValues("X-Image-Height").Single()));
        var rgba = await raw.Content.ReadAsByteArrayAsync();
        Assert.Equal(1920 * 1280 * 4, rgba.Length);
        for (int i = 0; i < result.PlaneSize; i += 101)
            for (int c = 0; c < 3; c++)
                Assert.Equal((int)Math.Round(result.Data[c * result.PlaneSize + i] * 255), rgba[4 * i + c]);

        // The same session analysed once for the preview and the render that follow.
        int before = host.Analysis.AnalysesRun;
        var preview = await Client.PostAsJsonAsync($"/api/sessions/{session.Id}/previews", new { effect = "skin", parameters = new { strength = 0.4 }, maxSize = 960 }, HostApi.Json);
        var previewed = (await preview.Content.ReadFromJsonAsync<RenderDto>(HostApi.Json))!;
        Assert.Equal((960, 640, true), (previewed.Width, previewed.Height, previewed.Preview));
        Assert.Equal(before, host.Analysis.AnalysesRun);
    }

    [Theory]
    [InlineData("psd")]
    [InlineData("psb")]
    [InlineData("ora")]
    [InlineData("tif-layers")]
    public async Task An_export_reads_back_as_the_render_s_layers(string format)
    {
        var (session, render) = await host.SkinRender;
        var response = await Client.PostAsJsonAsync($"/api/sessions/{session.Id}/renders/{render.Id}/export", new { format }, HostApi.Json);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var name = response.Content.Headers.ContentDisposition!.FileName!.Trim('"');
        var folder = Directory.CreateTempSubdirectory("retouch-web-export-").FullName;
        try
        {
            var file = Path.Combine(folder, name);
            await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
            var document = LayerFile.Read(file);
            Assert.Equal(render.Layers.Select(l => (l.Name, l.Visible)), document.Layers.Select(l => (l.Name, l.Visible)));
            var retouched = (await HostApi.Layer(Client, render.Layers[1])).Pixels;
            var written = document.Layers[1].Pixels;
            float worst = 0;
            for (int c = 0; c < 3; c++)
                for (int i = 0; i < retouched.PlaneSize; i += 97)
                    worst = Math.Max(worst, Math.Abs(retouched.Data[c * retouched.PlaneSize + i] - written.Data[c * written.PlaneSize + i]));
            Assert.True(worst <= 1 / 255f + 1e-6f, $"the exported result differs from the render by {worst * 255:0.#} levels");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Theory]
    [InlineData(".ora", "ora", "openraster")]
    [InlineData(".tif", "tif-layers", "tiff")]
    public async Task An_uploaded_layered_file_is_retouched_as_its_composite_and_keeps_its_layers_under_the_export(string extension, string format, string sessionFormat)
    {
        // sample1's left face (520 x 693) under a half-transparent multiply layer, as Krita or GIMP would hand it over.
        var photo = ImageFile.Load(HostFixture.Sample(1)).Pixels.Crop(673, 250, 520, 693);
        var shade = new RetouchPlugins.Shaders.PlanarImage(520, 693, 4);
        shade.Plane(0).Fill(0.9f); shade.Plane(1).Fill(0.8f); shade.Plane(2).Fill(0.7f); shade.Plane(3).Fill(1f);
        var document = new LayerDocument(520, 693);
        document.Add(new Layer("Photo", photo));
        document.Add(new Layer("Shade", shade) { Opacity = 0.5f, BlendMode = BlendMode.Multiply });
        var folder = Directory.CreateTempSubdirectory("retouch-web-layered-").FullName;
        try
        {
            var upload = Path.Combine(folder, "portrait" + extension);
            LayerFile.Write(document, upload);
            var session = await HostApi.Upload(Client, upload);
            Assert.Equal(sessionFormat, session.Format);
            var original = ImageFile.LoadFromBuffer(await (await Client.GetAsync($"/api/sessions/{session.Id}/original?maxSize=693")).Content.ReadAsByteArrayAsync(), "original.png").Pixels;
            Assert.Equal(0f, LayerSamples.MaxColourDifference(LayerCompositor.Composite(LayerFile.Read(upload)), original), 1f / 255); // the picture is the composite

            var render = await HostApi.Render(Client, session.Id, new { effect = "whiten" });
            var response = await Client.PostAsJsonAsync($"/api/sessions/{session.Id}/renders/{render.Id}/export", new { format }, HostApi.Json);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var exported = Path.Combine(folder, response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
            await File.WriteAllBytesAsync(exported, await response.Content.ReadAsByteArrayAsync());
            var back = LayerFile.Read(exported);
            Assert.Equal(new[] { "Photo", "Shade" }.Concat(render.Layers.Skip(1).Select(l => l.Name)), back.Layers.Select(l => l.Name));
            var read = LayerFile.Read(upload);
            for (int i = 0; i < 2; i++) Assert.Equal(0f, LayerSamples.MaxDifference(read.Layers[i].Pixels, back.Layers[i].Pixels));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task A_flat_export_is_the_result_at_full_size()
    {
        var (session, render) = await host.SkinRender;
        var response = await Client.PostAsJsonAsync($"/api/sessions/{session.Id}/renders/{render.Id}/export", new { format = "jpg" }, HostApi.Json);
        var photo = ImageFile.LoadFromBuffer(await response.Content.ReadAsByteArrayAsync(), "export.jpg");
        Assert.Equal((ImageFormat.Jpeg, 1920, 1280), (photo.SourceFormat, photo.Width, photo.Height));
        Assert.Equal("sample1-skin.jpg", response.Content.Headers.ContentDisposition!.FileName!.Trim('"'));
    }

    [Fact]
    public async Task Bad_requests_are_json_errors_that_name_the_problem()
    {
        var (session, _) = await host.SkinRender;
        var truncated = (await File.ReadAllBytesAsync(HostFixture.Sample(1)))[..2000];
        Assert.Contains("damaged", await HostApi.Error(await Client.PostAsync("/api/sessions?name=cut.jpg", new ByteArrayContent(truncated)), HttpStatusCode.BadRequest));
        Assert.Contains("not an image", await HostApi.Error(await Client.PostAsync("/api/sessions?name=notes.jpg", new StringContent("hello")), HttpStatusCode.BadRequest));
        // Announced with Expect: 100-continue, as large uploads should be, so the refusal comes before the body is sent.
        using var oversized = new HttpRequestMessage(HttpMethod.Post, "/api/sessions") { Content = new ByteArrayContent(new byte[HostFixture.UploadLimit + 1]) };
        oversized.Headers.ExpectContinue = true;
        Assert.Contains("over this host's limit", await HostApi.Error(await Client.SendAsync(oversized), HttpStatusCode.RequestEntityTooLarge));

        async Task<string> Preview(object body) => await HostApi.Error(
            await Client.PostAsJsonAsync($"/api/sessions/{session.Id}/previews", body, HostApi.Json), HttpStatusCode.BadRequest);
        Assert.Contains("unknown effect 'sharpen'", await Preview(new { effect = "sharpen" }));
        Assert.Contains("'strength' of the effect 'skin' must be between 0 and 1", await Preview(new { effect = "skin", parameters = new { strength = 3 } }));
        Assert.Contains("'glow' is not a parameter of the effect 'skin'", await Preview(new { effect = "skin", parameters = new { glow = 1 } }));
        Assert.Contains("'/etc/passwd' looks like a path, and the host never reads a path given over HTTP",
            await Preview(new { effect = "skin", parameters = new Dictionary<string, object> { ["lrl-model"] = "/etc/passwd" } }));
        Assert.Contains("'parsing-model' changes the analysis", await Preview(new { effect = "skin", parameters = new Dictionary<string, object> { ["parsing-model"] = "x" } }));

        Assert.Contains("no session", await HostApi.Error(await Client.GetAsync("/api/sessions/nope"), HttpStatusCode.NotFound));
        Assert.Contains("no API", await HostApi.Error(await Client.GetAsync("/api/nothing-here"), HttpStatusCode.NotFound));
    }

    [Fact]
    public async Task Paths_in_any_field_never_reach_the_disk()
    {
        var (session, render) = await host.SkinRender;
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(HostFixture.Sample(1)));
        var response = await Client.PostAsync($"/api/sessions?name={Uri.EscapeDataString("../../../etc/cron.d/x.jpg")}", content);
        var uploaded = (await response.Content.ReadFromJsonAsync<SessionDto>(HostApi.Json))!;
        Assert.Equal("x.jpg", uploaded.Name); // a display name only
        await HostApi.Error(await Client.GetAsync($"/api/sessions/{session.Id}/renders/{Uri.EscapeDataString("../../etc/passwd")}"), HttpStatusCode.NotFound);
        Assert.Equal(HttpStatusCode.NotFound, (await Client.GetAsync("/app/..%2F..%2Fretouch.dll")).StatusCode);
        Assert.Contains("unknown export format", await HostApi.Error(
            await Client.PostAsJsonAsync($"/api/sessions/{session.Id}/renders/{render.Id}/export", new { format = "../x.psd" }, HostApi.Json), HttpStatusCode.BadRequest));
        Assert.Contains("only the file the host was opened on", await HostApi.Error(
            await Client.PostAsync($"/api/sessions/{session.Id}/renders/{render.Id}/save", null), HttpStatusCode.Conflict));
    }
}
