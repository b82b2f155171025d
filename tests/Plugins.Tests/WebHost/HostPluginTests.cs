using System.Net;
using System.Net.Http.Json;
using RetouchPlugins.Standalone.Web;
using RetouchPlugins.Standalone.Web.Api;
using RetouchPlugins.Tests.Plugins;

namespace RetouchPlugins.Tests.WebHost;

/// <summary>
/// Third-party plugins in the web host (a second host on loopback with the sample and the broken plugin, sharing the
/// collection's analysis provider): the API lists the plugin effect and the refused plugins, renders it, and a plugin
/// that fails in Render is a JSON error naming the plugin while the host keeps serving.
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class HostPluginTests : IDisposable
{
    private readonly PluginFolder _plugins = new(PluginFolder.Sample, PluginFolder.Broken);
    private readonly RetouchHostFactory _factory;
    private readonly HttpClient _client;

    public HostPluginTests(HostFixture host)
    {
        _factory = new RetouchHostFactory(host.Analysis, new ServeOptions(AccessToken.Random()), catalog: _plugins.Catalog());
        _client = _factory.Authorized();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
        _plugins.Dispose();
    }

    [Fact]
    public async Task The_effects_list_has_the_plugin_effect_with_its_file_and_the_host_lists_the_refused_plugins()
    {
        var effects = (await _client.GetFromJsonAsync<List<EffectDto>>("/api/effects", HostApi.Json))!;
        var host = (await _client.GetFromJsonAsync<HostDto>("/api/host", HostApi.Json))!;

        var vignette = effects.Single(e => e.Id == PluginFolder.VignetteId);
        Assert.Equal(new PluginDto(PluginFolder.Sample + ".dll", PluginFolder.Sample, "1.0.0.0"), vignette.Plugin);
        Assert.Equal(["strength", "reach"], vignette.Parameters.Select(p => p.Name));
        Assert.Equal(["Vignette"], vignette.Masks.Select(m => m.LayerName));
        Assert.Null(effects.Single(e => e.Id == "skin").Plugin);
        Assert.Contains(host.PluginProblems, p => p.File.EndsWith(PluginFolder.Broken + ".dll", StringComparison.Ordinal)
            && p.Problem.Contains("ThrowsInConstructorEffect: its constructor threw InvalidOperationException: the licence file is missing", StringComparison.Ordinal));
        Assert.Contains(host.PluginProblems, p => p.Problem.Contains("the effect id 'skin' is a built-in effect's; refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_plugin_effect_previews_and_renders_on_a_real_photo()
    {
        var session = await HostApi.Upload(_client, HostFixture.Sample(1));

        var preview = await _client.PostAsJsonAsync($"/api/sessions/{session.Id}/previews",
            new { effect = PluginFolder.VignetteId, parameters = new { strength = 0.9 }, maxSize = 960 }, HostApi.Json);
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var previewed = (await preview.Content.ReadFromJsonAsync<RenderDto>(HostApi.Json))!;
        Assert.Equal((960, 640, 3), (previewed.Width, previewed.Height, previewed.Faces));
        Assert.Equal(["Original", "Vignetted", "Vignette"], previewed.Layers.Select(l => l.Name));

        var render = await HostApi.Render(_client, session.Id, new { effect = PluginFolder.VignetteId });
        var original = (await HostApi.Layer(_client, render.Layers[0])).Pixels;
        var result = (await HostApi.Layer(_client, render.Layers[1])).Pixels;
        var mask = (await HostApi.Layer(_client, render.Layers[2])).Pixels;
        Assert.True(mask[0, 0, 1279] > 0.3f, $"the vignette at the bottom-left corner is {mask[0, 0, 1279]}");
        Assert.True(result[0, 0, 1279] < original[0, 0, 1279] || original[0, 0, 1279] == 0);
        Assert.Equal(0f, mask[0, 940, 500]);
        Assert.Equal(original[0, 940, 500], result[0, 940, 500]);
    }

    [Fact]
    public async Task A_plugin_failing_in_Render_is_a_JSON_error_naming_it_and_the_host_keeps_serving()
    {
        var session = await HostApi.Upload(_client, HostFixture.Sample(2));

        var preview = await _client.PostAsJsonAsync($"/api/sessions/{session.Id}/previews", new { effect = "throws-in-render", maxSize = 320 }, HostApi.Json);
        var message = await HostApi.Error(preview, HttpStatusCode.InternalServerError);
        Assert.EndsWith($"{PluginFolder.Broken}.dll: the plugin effect 'throws-in-render' failed while rendering: IndexOutOfRangeException: row 7 of 6", message);

        var job = await HostApi.Wait(_client, await HostApi.StartRender(_client, session.Id, new { effect = "throws-in-render" }));
        Assert.Equal("failed", job.State);
        Assert.Contains("the plugin effect 'throws-in-render' failed while rendering", job.Error);

        Assert.Equal(HttpStatusCode.OK, (await _client.GetAsync("/api/effects")).StatusCode);
        var fine = await _client.PostAsJsonAsync($"/api/sessions/{session.Id}/previews", new { effect = "whiten", maxSize = 320 }, HostApi.Json);
        Assert.Equal(HttpStatusCode.OK, fine.StatusCode);
    }
}
