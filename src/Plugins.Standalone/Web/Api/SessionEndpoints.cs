using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Imaging.Jpeg;
using RetouchPlugins.Standalone.Web.Sessions;

namespace RetouchPlugins.Standalone.Web.Api;

/// <summary>
/// POST /api/sessions (upload a photo), GET/DELETE /api/sessions/{id}, the analysis (start, state with faces),
/// and the original fitted to a size. An upload is decoded from memory; nothing is written to disk.
/// </summary>
public static class SessionEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/sessions", async (HttpRequest request, string? name, SessionStore sessions, ServeOptions options) =>
        {
            var bytes = await ReadUpload(request, options.Limits.MaxUploadBytes);
            var display = DisplayName(name);
            var document = ImageFile.LoadFromBuffer(bytes, display, new ImageLoadOptions { MaxPixels = options.Limits.MaxPixels });
            var session = sessions.Add(new PhotoSession(display, document) { SourceJpeg = JpegHeaderReader.Parse(bytes, out _) });
            return TypedResults.Created($"/api/sessions/{session.Id}", Describe(session));
        }).WithSummary("Uploads a photo (the raw JPEG, PNG, TIFF, WebP, AVIF, Photoshop PSD or OpenRaster file as the body, any content type: the bytes decide; ?name= is for display only) and opens a session on it. A PSD's picture is its merged image; its export as PSD is the document with the result and masks on top of its own layers. An OpenRaster file or a layered (multi-page) TIFF is read as its layers: the picture is their visible composite, and a layered export keeps them under the result.");

        api.MapGet("/sessions/{sessionId}", (string sessionId, SessionStore sessions) => TypedResults.Ok(Describe(sessions.Get(sessionId))));
        api.MapDelete("/sessions/{sessionId}", (string sessionId, SessionStore sessions) =>
            sessions.Remove(sessionId) ? Results.NoContent() : throw ApiException.NotFound($"no session {sessionId}"));

        api.MapPost("/sessions/{sessionId}/analysis", (string sessionId, SessionStore sessions, Renderer renderer) =>
            TypedResults.Accepted($"/api/sessions/{sessionId}/analysis", JobEndpoints.Describe(renderer.Analyse(sessions.Get(sessionId)))))
            .WithSummary("Starts the photo's analysis (once; later calls return the same job). Poll the job or GET the analysis.");
        api.MapGet("/sessions/{sessionId}/analysis", (string sessionId, SessionStore sessions, Renderer renderer) =>
        {
            var session = sessions.Get(sessionId);
            var analysis = session.Analysis;
            var faces = analysis?.Faces.Select(f => new FaceDto(f.Box.X, f.Box.Y, f.Box.Width, f.Box.Height, f.Score)).ToList() ?? [];
            var job = analysis is null ? null : JobEndpoints.Describe(renderer.Analyse(session));
            return TypedResults.Ok(new AnalysisDto(analysis is null ? "none" : "done", session.Document.Width, session.Document.Height, faces, job));
        }).WithSummary("The analysis once done: the faces found (boxes in photo pixels, scores).");

        api.MapGet("/sessions/{sessionId}/original", (string sessionId, int? maxSize, SessionStore sessions, ServeOptions options) =>
        {
            var session = sessions.Get(sessionId);
            var (image, _) = session.PreviewSource(maxSize ?? options.Limits.DefaultPreviewSize, null);
            return TypedResults.File(Shared.Imaging.ImageFile.EncodePng(image), "image/png");
        }).WithSummary("The photo fitted into maxSize (long side) as PNG, for showing it before any render.");
    }

    public static SessionDto Describe(PhotoSession s) => new(s.Id, s.Name, s.Document.Width, s.Document.Height, s.Document.BitsPerSample,
        s.Document.SourceFormat.ToString().ToLowerInvariant(), s.Launch is not null, s.Analysis is null ? "none" : "done", s.Analysis?.Faces.Count, s.Colours.Note);

    /// <summary>The body, refused with 413 past <paramref name="limit"/> bytes (announced or actual).</summary>
    public static async Task<byte[]> ReadUpload(HttpRequest request, long limit)
    {
        if (request.ContentLength > limit) throw TooLarge(request.ContentLength.Value, limit);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature) feature.MaxRequestBodySize = limit;
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int n;
        while ((n = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + n > limit) throw TooLarge(buffer.Length + n, limit);
            buffer.Write(chunk, 0, n);
        }
        if (buffer.Length == 0) throw ApiException.BadRequest("the upload is empty: send the image file as the request body");
        return buffer.ToArray();
    }

    private static ApiException TooLarge(long size, long limit) =>
        new(StatusCodes.Status413PayloadTooLarge, $"the upload is {size / 1e6:0.#} MB, over this host's limit of {limit / 1e6:0.#} MB");

    /// <summary>A name for messages and downloads only: no folders, no control characters (it never reaches the disk).</summary>
    public static string DisplayName(string? name)
    {
        var file = Path.GetFileName((name ?? "").Replace('\\', '/'));
        file = new string(file.Where(c => !char.IsControl(c) && c is not ('"' or '/' or ':')).ToArray()).Trim();
        return file.Length is 0 or > 200 || file is "." or ".." ? "upload" : file;
    }
}
