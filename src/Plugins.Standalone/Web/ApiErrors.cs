using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Http;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Running;

namespace RetouchPlugins.Standalone.Web;

/// <summary>A request the API refuses, with the status and a message that names what was wrong.</summary>
public sealed class ApiException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;

    public static ApiException NotFound(string what) => new(StatusCodes.Status404NotFound, what);
    public static ApiException BadRequest(string what) => new(StatusCodes.Status400BadRequest, what);
    public static ApiException Conflict(string what) => new(StatusCodes.Status409Conflict, what);
}

/// <summary>The body of every error: `{"error": "…", "status": N}`.</summary>
public sealed record ApiError(string Error, int Status);

/// <summary>
/// Turns every failure into JSON with the right status: refusals (<see cref="ApiException"/>), bad input
/// (a truncated image, an unknown parameter: 400; a photo over the pixel limit: 413), oversized bodies (413),
/// and anything else (500, logged). An aborted request gets nothing.
/// </summary>
public sealed class ApiErrors(RequestDelegate next, ILogger<ApiErrors> log)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
        }
        catch (Exception e)
        {
            var (status, message) = Classify(e);
            if (context.RequestServices.GetService(typeof(Sessions.UploadStore)) is Sessions.UploadStore uploads)
                message = uploads.HidePaths(message);
            if (status == StatusCodes.Status500InternalServerError) log.LogError(e, "request {Path} failed", context.Request.Path);
            if (context.Response.HasStarted) throw;
            context.Response.Clear();
            await Write(context, status, message);
        }
    }

    public static (int Status, string Message) Classify(Exception e) => e switch
    {
        ApiException api => (api.Status, api.Message),
        BadHttpRequestException bad => (bad.StatusCode, bad.Message),
        ImageFileException { Problem: ImageFileProblem.TooManyPixels } big => (StatusCodes.Status413PayloadTooLarge, big.Message),
        OperationCanceledException => (StatusCodes.Status503ServiceUnavailable, "the work was cancelled (timeout or shutdown)"),
        // The request was fine; a third-party effect failed. The message names the plugin file and the effect.
        Shared.Effects.Plugins.PluginFailureException plugin => (StatusCodes.Status500InternalServerError, plugin.Message),
        _ when RunExit.IsInputError(e) => (StatusCodes.Status400BadRequest, e.Message),
        _ => (StatusCodes.Status500InternalServerError, "internal error: " + e.Message),
    };

    public static Task Write(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        return context.Response.WriteAsJsonAsync(new ApiError(message, status));
    }
}
