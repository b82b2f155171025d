using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Running;
using RetouchPlugins.Standalone.Web.Sessions;

namespace RetouchPlugins.Standalone.Web.Api;

/// <summary>
/// Renders and what comes out of them: a synchronous preview, a full-resolution render job, a render's layers
/// as PNG, an export (layered PSD/ORA/TIFF or flat JPEG/PNG/TIFF, written by Running/EffectOutput), and in open
/// mode the save back into the launch file, after which the host stops.
/// </summary>
public static class RenderEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/sessions/{sessionId}/previews", async (string sessionId, RenderRequest body, SessionStore sessions, Renderer renderer,
            ServeOptions options, HostCatalog catalog, UploadStore uploads, HttpContext context) =>
        {
            var session = sessions.Get(sessionId);
            var (entry, settings) = Read(catalog, body, uploads);
            int size = body.MaxSize ?? options.Limits.DefaultPreviewSize;
            if (size is < 16 or > 8192) throw ApiException.BadRequest($"maxSize must be between 16 and 8192 pixels, not {size}");
            var render = await renderer.Preview(session, entry, settings, size, context.RequestAborted);
            return TypedResults.Ok(Describe(session, render));
        }).WithSummary("Renders a preview fitted into maxSize (long side, default 1920) on the analysed photo; returns the render with its layers.");

        api.MapPost("/sessions/{sessionId}/renders", (string sessionId, RenderRequest body, SessionStore sessions, Renderer renderer, HostCatalog catalog, UploadStore uploads) =>
        {
            var session = sessions.Get(sessionId);
            var (entry, settings) = Read(catalog, body, uploads);
            var job = renderer.Render(session, entry, settings);
            return TypedResults.Accepted($"/api/jobs/{job.Id}", JobEndpoints.Describe(job));
        }).WithSummary("Starts a full-resolution render; poll the job, whose renderId names the result when done.");

        api.MapGet("/sessions/{sessionId}/renders/{renderId}", (string sessionId, string renderId, SessionStore sessions) =>
        {
            var session = sessions.Get(sessionId);
            return TypedResults.Ok(Describe(session, session.Render(renderId)));
        });

        api.MapGet("/sessions/{sessionId}/renders/{renderId}/layers/{index:int}", (string sessionId, string renderId, int index, string? format,
            SessionStore sessions, HttpContext context) =>
        {
            var render = sessions.Get(sessionId).Render(renderId);
            bool rgba = format switch
            {
                null or "png" => false,
                "rgba" => true,
                _ => throw ApiException.BadRequest($"unknown layer format '{format}'; use png or rgba"),
            };
            var bytes = render.Encoded(index, rgba);
            if (!rgba) return Results.File(bytes, "image/png");
            context.Response.Headers["X-Image-Width"] = render.Source.Width.ToString(System.Globalization.CultureInfo.InvariantCulture);
            context.Response.Headers["X-Image-Height"] = render.Source.Height.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Results.File(bytes, "application/octet-stream");
        }).WithSummary("One layer of a render: 0 Original, 1 the result, then the masks (grey). format=png (default, 8-bit) or rgba " +
            "(raw 8-bit RGBA rows, size in X-Image-Width/X-Image-Height; what the page draws, as PNG encoding costs more than a preview render).");

        api.MapPost("/sessions/{sessionId}/renders/{renderId}/export", (string sessionId, string renderId, ExportRequest body, SessionStore sessions) =>
        {
            var session = sessions.Get(sessionId);
            var render = session.Render(renderId);
            if (render.Preview) throw ApiException.Conflict("a preview is screen-sized; render at full resolution (POST .../renders) before exporting");
            var (extension, layers, contentType) = ExportFormats.Get(body.Format);
            var bytes = Export(render, extension, layers);
            var file = Path.GetFileNameWithoutExtension(session.Name) + "-" + render.Effect.Id + extension;
            return TypedResults.File(bytes, contentType, file);
        }).WithSummary("The full-resolution render as psd, psb, ora, tif-layers (Original, result, hidden masks) or flat jpg, png, tif.");

        api.MapPost("/sessions/{sessionId}/renders/{renderId}/save", (string sessionId, string renderId, SessionStore sessions, ServeOptions options,
            HostOutcome outcome, IHostApplicationLifetime lifetime, HttpContext context) =>
        {
            var session = sessions.Get(sessionId);
            var launch = session.Launch ?? throw ApiException.Conflict("only the file the host was opened on (retouch open FILE) can be saved back; export this one instead");
            var render = session.Render(renderId);
            launch.Save(render, options.TiffLayers);
            outcome.Saved = launch.Path;
            context.Response.OnCompleted(() => { lifetime.StopApplication(); return Task.CompletedTask; });
            return TypedResults.Ok(new SavedDto(launch.Path, launch.Layered || EffectOutput.IsLayered(launch.Path, options.TiffLayers)));
        }).WithSummary("Open mode: writes the render back into the launch file in its own format (atomically), then the host exits.");

        api.MapPost("/close", (ServeOptions options, IHostApplicationLifetime lifetime, HttpContext context) =>
        {
            if (options.OpenFile is null) throw ApiException.Conflict("only `retouch open` closes from the page; stop `retouch serve` with Ctrl+C");
            context.Response.OnCompleted(() => { lifetime.StopApplication(); return Task.CompletedTask; });
            return TypedResults.NoContent();
        }).WithSummary("Open mode: closes without saving (the file is left as it was).");
    }

    private static (CatalogEntry Entry, EffectSettings Settings) Read(HostCatalog catalog, RenderRequest? body, UploadStore uploads)
    {
        if (body?.Effect is null) throw ApiException.BadRequest("the body must name an effect: {\"effect\": \"ID\", \"parameters\": {...}}");
        var entry = catalog.Find(body.Effect) ?? throw ApiException.BadRequest(
            $"unknown effect '{body.Effect}'; the effects are {string.Join(", ", catalog.All.Select(e => e.Id))}");
        return (entry, SettingsReader.Read(entry.Descriptor, body.Parameters, uploads));
    }

    /// <summary>Writes through EffectOutput into a private temporary folder (atomic there too), reads it back, removes it.</summary>
    private static byte[] Export(RenderRecord render, string extension, bool layers)
    {
        var folder = Path.Combine(Path.GetTempPath(), "retouch-serve", Ids.New());
        Directory.CreateDirectory(folder);
        try
        {
            var file = Path.Combine(folder, "export" + extension);
            EffectOutput.Write(render.Source, render.Result, render.Effect, file, layers);
            return File.ReadAllBytes(file);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    public static RenderDto Describe(PhotoSession session, RenderRecord r) => new(r.Id, session.Id, r.Effect.Id, r.Preview,
        r.Source.Width, r.Source.Height, r.RenderTime.TotalMilliseconds, r.Faces, r.Result.Message, r.Parameters,
        r.Layers.Select((l, i) => new LayerDto(i, l.Name, i == 0 ? "original" : l.Mask is null ? "result" : "mask", l.Visible,
            $"/api/sessions/{session.Id}/renders/{r.Id}/layers/{i}")).ToList());
}

/// <summary>What the launch ended with: the file saved back in open mode, or null.</summary>
public sealed class HostOutcome
{
    public string? Saved { get; set; }
}
