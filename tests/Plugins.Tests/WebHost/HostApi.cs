using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Standalone.Web;
using RetouchPlugins.Standalone.Web.Api;

namespace RetouchPlugins.Tests.WebHost;

/// <summary>The calls the tests make, as a script or another editor would make them.</summary>
internal static class HostApi
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static async Task<SessionDto> Upload(HttpClient client, string path)
    {
        using var content = new ByteArrayContent(await File.ReadAllBytesAsync(path));
        var response = await client.PostAsync($"/api/sessions?name={Uri.EscapeDataString(Path.GetFileName(path))}", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<SessionDto>(Json))!;
    }

    public static async Task<JobDto> Wait(HttpClient client, JobDto job)
    {
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (job.State == "running")
        {
            Assert.True(DateTime.UtcNow < deadline, $"job {job.Id} ({job.Kind}) still running after 5 minutes");
            await Task.Delay(50);
            job = (await client.GetFromJsonAsync<JobDto>($"/api/jobs/{job.Id}", Json))!;
        }
        return job;
    }

    public static async Task<JobDto> StartRender(HttpClient client, string session, object body)
    {
        var response = await client.PostAsJsonAsync($"/api/sessions/{session}/renders", body, Json);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JobDto>(Json))!;
    }

    /// <summary>Renders at full resolution and returns the render.</summary>
    public static async Task<RenderDto> Render(HttpClient client, string session, object body)
    {
        var job = await Wait(client, await StartRender(client, session, body));
        Assert.True(job.State == "done", $"render {job.State}: {job.Error}");
        return (await client.GetFromJsonAsync<RenderDto>($"/api/sessions/{session}/renders/{job.RenderId}", Json))!;
    }

    public static async Task<ImageDocument> Layer(HttpClient client, LayerDto layer)
    {
        var response = await client.GetAsync(layer.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        return ImageFile.LoadFromBuffer(await response.Content.ReadAsByteArrayAsync(), layer.Name);
    }

    /// <summary>The error body of a refused call, after checking its status.</summary>
    public static async Task<string> Error(HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"expected {(int)status}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var error = JsonSerializer.Deserialize<ApiError>(text, Json)!;
        Assert.Equal((int)status, error.Status);
        return error.Error;
    }
}
