using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace RetouchPlugins.Standalone.Web;

/// <summary>
/// The page's own files (index.html, app.js, app.css), embedded in the assembly: the host reads nothing else
/// from disk to serve the page and fetches nothing from the network. Looked up by exact name, so no request
/// path can reach another file.
/// </summary>
public static class StaticAssets
{
    private static readonly Dictionary<string, (string ContentType, byte[] Bytes)> Files = Load();

    public static IReadOnlyCollection<string> Names => Files.Keys;

    /// <summary>Writes the file named <paramref name="name"/>, or 404.</summary>
    public static Task Serve(HttpContext context, string name)
    {
        if (!Files.TryGetValue(name, out var file))
            return ApiErrors.Write(context, StatusCodes.Status404NotFound, $"no such file: {name}");
        var headers = context.Response.Headers;
        headers.ContentType = file.ContentType;
        headers.CacheControl = "no-store";
        headers["X-Content-Type-Options"] = "nosniff";
        // Only our own origin: the page cannot load or send anything elsewhere, and the token in its URL is
        // never sent on as a referrer.
        headers.ContentSecurityPolicy = "default-src 'self'; img-src 'self' blob: data:; connect-src 'self'; frame-ancestors 'none'";
        headers["Referrer-Policy"] = "no-referrer";
        return context.Response.Body.WriteAsync(file.Bytes).AsTask();
    }

    private static Dictionary<string, (string, byte[])> Load()
    {
        var assembly = typeof(StaticAssets).Assembly;
        const string prefix = "RetouchPlugins.Standalone.Web.wwwroot.";
        var files = new Dictionary<string, (string, byte[])>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            var name = resource[prefix.Length..];
            files[name] = (ContentType(name), copy.ToArray());
        }
        return files;
    }

    private static string ContentType(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };
}
