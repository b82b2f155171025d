using Microsoft.AspNetCore.Http;

namespace RetouchPlugins.Standalone.Web;

/// <summary>
/// Lets through only requests that carry this launch's token: the page with `?token=`, the API and the OpenAPI
/// document with `Authorization: Bearer`. The page's own script and style are public (they hold nothing).
/// No other origin can call the API: browsers do not send the header cross-origin without a preflight, which
/// is never answered.
/// </summary>
public sealed class TokenGate(RequestDelegate next, ServeOptions options)
{
    public Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/app")) return next(context);
        bool page = path == "/" || path == "/index.html";
        var presented = page ? context.Request.Query["token"].ToString() : AccessToken.FromBearer(context.Request.Headers.Authorization);
        if (options.Token.Matches(presented)) return next(context);
        context.Response.Headers.WWWAuthenticate = "Bearer";
        return ApiErrors.Write(context, StatusCodes.Status401Unauthorized, page
            ? "open the URL that `retouch serve` printed: it carries this launch's token"
            : "missing or wrong token: send `Authorization: Bearer <token>` with the token this launch printed");
    }
}
