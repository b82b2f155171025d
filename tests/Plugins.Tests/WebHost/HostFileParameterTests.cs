using System.Net;
using System.Net.Http.Json;
using RetouchPlugins.Shaders;
using Xunit.Abstractions;
using RetouchPlugins.Standalone.Web.Api;

namespace RetouchPlugins.Tests.WebHost;

/// <summary>
/// File parameters over HTTP: a file is uploaded for a role and named by its opaque id in a render's parameters
/// (makeup's reference photo here, on real demo photos with the real models); paths, unknown ids, files of another
/// role, bad files and oversized ones are refused with a message naming the problem.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class HostFileParameterTests(HostFixture host, ITestOutputHelper output)
{
    private HttpClient Client => host.Client;

    private async Task<FileDto> UploadFile(byte[] bytes, string role, string name)
    {
        var response = await Client.PostAsync($"/api/files?role={role}&name={Uri.EscapeDataString(name)}", new ByteArrayContent(bytes));
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<FileDto>(HostApi.Json))!;
    }

    private async Task<PlanarImage> PreviewResult(string session, object parameters)
    {
        var response = await Client.PostAsJsonAsync($"/api/sessions/{session}/previews", new { effect = "makeup", parameters, maxSize = 960 }, HostApi.Json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var render = (await response.Content.ReadFromJsonAsync<RenderDto>(HostApi.Json))!;
        return (await HostApi.Layer(Client, render.Layers[1])).Pixels; // fetched before the next preview replaces it
    }

    [Fact]
    public async Task Makeup_transfer_with_an_uploaded_reference_renders_and_differs_from_removal()
    {
        // sample1's faces wear strong lipstick and eye make-up: the reference; sample2 is the photo made up.
        var reference = await UploadFile(await File.ReadAllBytesAsync(HostFixture.Sample(1)), "image", "made-up.jpg");
        Assert.Equal(("made-up.jpg", "image", 1920, 1280), (reference.Name, reference.Role, reference.Width!.Value, reference.Height!.Value));
        Assert.Contains(reference.Id, (await Client.GetStringAsync("/api/files")));
        var session = await HostApi.Upload(Client, HostFixture.Sample(2));
        var original = (await HostApi.Layer(Client, new LayerDto(0, "Original", "original", true, $"/api/sessions/{session.Id}/original?maxSize=960"))).Pixels;

        var transfer = await PreviewResult(session.Id, new { reference = reference.Id });
        var removal = await PreviewResult(session.Id, new { remove = true });

        // Measured inside the faces (boxes from the session's analysis, photo pixels; the preview is half size).
        var faces = (await Client.GetFromJsonAsync<AnalysisDto>($"/api/sessions/{session.Id}/analysis", HostApi.Json))!.Faces;
        Assert.Equal(3, faces.Count);
        double scale = 960.0 / session.Width;
        double transferChange = faces.Average(f => MeanDifference(transfer, original, f, scale)), between = faces.Average(f => MeanDifference(transfer, removal, f, scale));
        output.WriteLine($"mean change inside the faces: transfer {transferChange * 255:0.00} levels, transfer vs removal {between * 255:0.00} levels");
        if (Support.Repository.RootOrNull() is { } root)
        {
            var folder = Directory.CreateDirectory(Path.Combine(root, "artifacts", "webhost")).FullName;
            Shared.Imaging.ImageFile.SavePng(transfer, Path.Combine(folder, "makeup-transfer-preview.png"));
            Shared.Imaging.ImageFile.SavePng(removal, Path.Combine(folder, "makeup-removal-preview.png"));
        }
        Assert.True(transferChange > 1.0 / 255, $"the transfer changed the faces by {transferChange * 255:0.00} levels on average (measured 3.2)");
        Assert.True(between > 1.0 / 255, $"transfer and removal differ by {between * 255:0.00} levels on average in the faces (measured 3.1)");
        // The list holds ids and names, never where the host keeps the files.
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), await Client.GetStringAsync("/api/files"));
    }

    [Fact]
    public async Task Stylize_with_an_uploaded_style_and_its_landmark_file_renders_the_faces_in_the_style()
    {
        // The bundled pencil style (grey) as a user's style: its image and its corrected mesh uploaded as files.
        string styles = Path.Combine(AppContext.BaseDirectory, "styles");
        var style = await UploadFile(await File.ReadAllBytesAsync(Path.Combine(styles, "pencil.jpg")), "image", "my-drawing.jpg");
        var landmarks = await UploadFile(await File.ReadAllBytesAsync(Path.Combine(styles, "pencil.json")), "landmarks", "my-drawing.json");
        var session = await HostApi.Upload(Client, HostFixture.Sample(2));
        var original = (await HostApi.Layer(Client, new LayerDto(0, "Original", "original", true, $"/api/sessions/{session.Id}/original?maxSize=960"))).Pixels;

        var response = await Client.PostAsJsonAsync($"/api/sessions/{session.Id}/previews",
            new { effect = "stylize", parameters = new Dictionary<string, object> { ["style"] = style.Id, ["style-landmarks"] = landmarks.Id }, maxSize = 960 }, HostApi.Json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var render = (await response.Content.ReadFromJsonAsync<RenderDto>(HostApi.Json))!;
        var stylized = (await HostApi.Layer(Client, render.Layers[1])).Pixels;

        // Inside the face boxes the pencil style makes the skin grey: chroma (largest channel difference) falls.
        var faces = (await Client.GetFromJsonAsync<AnalysisDto>($"/api/sessions/{session.Id}/analysis", HostApi.Json))!.Faces;
        double scale = 960.0 / session.Width;
        double before = faces.Average(f => MeanChroma(original, f, scale)), after = faces.Average(f => MeanChroma(stylized, f, scale));
        output.WriteLine($"mean chroma inside the faces: photo {before * 255:0.0} levels, stylized {after * 255:0.0} levels");
        if (Support.Repository.RootOrNull() is { } root)
            Shared.Imaging.ImageFile.SavePng(stylized, Path.Combine(Directory.CreateDirectory(Path.Combine(root, "artifacts", "webhost")).FullName, "stylize-pencil-preview.png"));
        Assert.True(after < 0.5 * before, $"the faces' chroma went from {before * 255:0.0} to {after * 255:0.0} levels; the grey style should at least halve it");
    }

    /// <summary>Mean of max(R, G, B) − min(R, G, B) in the face box (photo pixels scaled to the preview).</summary>
    private static double MeanChroma(PlanarImage a, FaceDto face, double scale)
    {
        int x0 = Math.Max(0, (int)(face.X * scale)), y0 = Math.Max(0, (int)(face.Y * scale));
        int x1 = Math.Min(a.Width, (int)((face.X + face.Width) * scale)), y1 = Math.Min(a.Height, (int)((face.Y + face.Height) * scale));
        double sum = 0;
        for (int y = y0; y < y1; y++)
            for (int x = x0; x < x1; x++)
                sum += MathF.Max(a[0, x, y], MathF.Max(a[1, x, y], a[2, x, y])) - MathF.Min(a[0, x, y], MathF.Min(a[1, x, y], a[2, x, y]));
        return sum / ((x1 - x0) * (y1 - y0));
    }

    [Fact]
    public async Task A_refused_uploaded_file_is_named_by_its_upload_name_never_by_the_hosts_path()
    {
        // A mask of the wrong shape: the effect's error names the file; the client must see its own name for it.
        var session = await HostApi.Upload(Client, HostFixture.Sample(4));
        var uploaded = await UploadFile(Shared.Imaging.ImageFile.EncodePng(new PlanarImage(40, 10, 1)), "mask", "narrow.png");

        var response = await Client.PostAsJsonAsync($"/api/sessions/{session.Id}/previews",
            new { effect = "dewrinkle", parameters = new { mask = uploaded.Id }, maxSize = 960 }, HostApi.Json);
        string body = await response.Content.ReadAsStringAsync();
        output.WriteLine(body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("narrow.png", body);
        Assert.DoesNotContain("retouch-uploads", body);
        Assert.DoesNotContain(Path.GetTempPath().TrimEnd('/'), body);
    }

    [Fact]
    public async Task Dewrinkle_with_an_uploaded_garment_mask_changes_only_its_white_part()
    {
        // sample4 (one person, grey knit top): a mask of the photo's size, white on the left half, black on the right.
        var session = await HostApi.Upload(Client, HostFixture.Sample(4));
        var mask = new PlanarImage(session.Width, session.Height, 1);
        for (int y = 0; y < mask.Height; y++)
            for (int x = 0; x < mask.Width / 2; x++) mask[0, x, y] = 1;
        var uploaded = await UploadFile(Shared.Imaging.ImageFile.EncodePng(mask), "mask", "garment.png");

        var response = await Client.PostAsJsonAsync($"/api/sessions/{session.Id}/previews",
            new { effect = "dewrinkle", parameters = new { mask = uploaded.Id }, maxSize = 960 }, HostApi.Json);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var render = (await response.Content.ReadFromJsonAsync<RenderDto>(HostApi.Json))!;
        var result = (await HostApi.Layer(Client, render.Layers[1])).Pixels;
        var original = (await HostApi.Layer(Client, new LayerDto(0, "Original", "original", true, $"/api/sessions/{session.Id}/original?maxSize=960"))).Pixels;
        Assert.True(result.SameSize(original), $"preview {result.Width}x{result.Height}, original {original.Width}x{original.Height}");

        // Right of the mask's edge (two preview pixels of margin for the downscale) nothing may change; left of it something must.
        int edge = result.Width / 2;
        double outside = 0, inside = 0;
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < result.Height; y++)
                for (int x = 0; x < result.Width; x++)
                {
                    double d = Math.Abs(result[c, x, y] - original[c, x, y]);
                    if (x > edge + 2) outside = Math.Max(outside, d);
                    else if (x < edge - 2) inside = Math.Max(inside, d);
                }
        output.WriteLine($"largest change: inside the mask {inside * 255:0.0} levels, outside {outside * 255:0.0} levels");
        Assert.Equal(0, outside);
        Assert.True(inside >= 2.0 / 255, $"the white half changed by at most {inside * 255:0.0} levels (something should flatten)");
    }

    [Fact]
    public async Task A_path_an_unknown_id_or_a_file_of_another_role_is_refused_as_a_file_parameter()
    {
        var (session, _) = await host.SkinRender;
        var landmarks = await UploadFile("{\"points\": []}"u8.ToArray(), "landmarks", "style.json");
        async Task<string> Refused(object parameters) => await HostApi.Error(
            await Client.PostAsJsonAsync($"/api/sessions/{session.Id}/previews", new { effect = "makeup", parameters, maxSize = 320 }, HostApi.Json), HttpStatusCode.BadRequest);

        Assert.Contains("'/work/main/artifacts/assets/photos/sample3.jpg' looks like a path, and the host never reads a path given over HTTP",
            await Refused(new { reference = "/work/main/artifacts/assets/photos/sample3.jpg" }));
        Assert.Contains("looks like a path", await Refused(new { reference = "../../testdata/sample3.jpg" }));
        Assert.Contains("looks like a path", await Refused(new { reference = "C:\\photos\\ref.jpg" }));
        Assert.Contains("'reference' of the effect 'makeup' takes the id of a file uploaded with POST /api/files?role=image; 'fdeadbeef0000' is not one",
            await Refused(new { reference = "fdeadbeef0000" }));
        Assert.Contains($"'{landmarks.Id}' (style.json) was uploaded as landmarks", await Refused(new { reference = landmarks.Id }));
        Assert.Contains("takes the id of a file", await Refused(new { reference = 42 }));
    }

    [Fact]
    public async Task Bad_uploads_are_refused_naming_the_problem_and_a_name_is_for_display_only()
    {
        Assert.Contains("?role= must be one of onnxModel, image, landmarks, mask, not 'script'", await HostApi.Error(
            await Client.PostAsync("/api/files?role=script&name=x.sh", new ByteArrayContent([1, 2, 3])), HttpStatusCode.BadRequest));
        Assert.Contains("notes.jpg: not an image", await HostApi.Error(
            await Client.PostAsync("/api/files?role=image&name=notes.jpg", new StringContent("hello")), HttpStatusCode.BadRequest));
        Assert.Contains("a landmark file must be JSON", await HostApi.Error(
            await Client.PostAsync("/api/files?role=landmarks&name=l.json", new StringContent("{not json")), HttpStatusCode.BadRequest));
        Assert.Contains("the upload is empty", await HostApi.Error(
            await Client.PostAsync("/api/files?role=onnxModel&name=m.onnx", new ByteArrayContent([])), HttpStatusCode.BadRequest));
        using var oversized = new HttpRequestMessage(HttpMethod.Post, "/api/files?role=onnxModel") { Content = new ByteArrayContent(new byte[HostFixture.UploadLimit + 1]) };
        oversized.Headers.ExpectContinue = true;
        Assert.Contains("over this host's limit", await HostApi.Error(await Client.SendAsync(oversized), HttpStatusCode.RequestEntityTooLarge));

        var file = await UploadFile("{}"u8.ToArray(), "landmarks", "../../../etc/cron.d/evil.json");
        Assert.Equal("evil.json", file.Name);
        Assert.Equal(HttpStatusCode.NoContent, (await Client.DeleteAsync($"/api/files/{file.Id}")).StatusCode);
        Assert.Contains("no uploaded file", await HostApi.Error(await Client.DeleteAsync($"/api/files/{file.Id}"), HttpStatusCode.NotFound));
    }

    private static double MeanDifference(PlanarImage a, PlanarImage b, FaceDto face, double scale)
    {
        Assert.Equal((a.Width, a.Height), (b.Width, b.Height));
        int x0 = (int)(face.X * scale), y0 = (int)(face.Y * scale);
        int x1 = Math.Min(a.Width, (int)((face.X + face.Width) * scale)), y1 = Math.Min(a.Height, (int)((face.Y + face.Height) * scale));
        double sum = 0;
        for (int c = 0; c < 3; c++)
            for (int y = Math.Max(0, y0); y < y1; y++)
                for (int x = Math.Max(0, x0); x < x1; x++) sum += Math.Abs(a[c, x, y] - b[c, x, y]);
        return sum / (3.0 * (x1 - Math.Max(0, x0)) * (y1 - Math.Max(0, y0)));
    }
}
