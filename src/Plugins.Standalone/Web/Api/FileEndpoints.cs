using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Standalone.Web.Sessions;

namespace RetouchPlugins.Standalone.Web.Api;

/// <summary>
/// Files for effects' file parameters: POST /api/files?role=R&amp;name=N (the raw file as the body) returns an opaque id,
/// which a render's parameters then name (<c>"reference": "f3a…"</c>); GET lists them, DELETE removes one. The host
/// keeps them in its private upload area (<see cref="UploadStore"/>); no path is ever taken or shown.
/// </summary>
public static class FileEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapPost("/files", async (HttpRequest request, string? role, string? name, UploadStore uploads, ServeOptions options) =>
        {
            var kind = ParseRole(role);
            var bytes = await SessionEndpoints.ReadUpload(request, options.Limits.MaxUploadBytes);
            var file = uploads.Add(bytes, kind, SessionEndpoints.DisplayName(name));
            return TypedResults.Created($"/api/files/{file.Id}", Describe(file));
        }).WithSummary("Uploads a file for a file parameter: role image (a reference photo or style), mask, landmarks (JSON) or onnxModel; " +
            "returns its id, which a render's parameters take as the parameter's value. ?name= is for display only.");

        api.MapGet("/files", (UploadStore uploads) => TypedResults.Ok(uploads.All.Select(Describe).ToList()))
            .WithSummary("The files uploaded in this launch (oldest first).");
        api.MapDelete("/files/{fileId}", (string fileId, UploadStore uploads) =>
            uploads.Remove(fileId) ? Results.NoContent() : throw ApiException.NotFound($"no uploaded file {fileId}"));
    }

    public static FileDto Describe(UploadedFile f) => new(f.Id, f.Name, RoleName(f.Role), f.Bytes, f.Width, f.Height);

    /// <summary>The role as the API spells it (camelCase, as GET /api/effects lists parameter roles).</summary>
    public static string RoleName(FileRole role) => char.ToLowerInvariant(role.ToString()[0]) + role.ToString()[1..];

    private static FileRole ParseRole(string? role)
    {
        var found = UploadStore.Roles.FirstOrDefault(r => string.Equals(RoleName(r), role, StringComparison.OrdinalIgnoreCase));
        return found != FileRole.None ? found : throw ApiException.BadRequest(
            $"?role= must be one of {string.Join(", ", UploadStore.Roles.Select(RoleName))}, not '{role}'");
    }
}
