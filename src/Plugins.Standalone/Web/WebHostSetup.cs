using System.Net;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging.Jpeg;
using RetouchPlugins.Standalone.Web.Api;
using RetouchPlugins.Standalone.Web.Sessions;

namespace RetouchPlugins.Standalone.Web;

/// <summary>
/// The web host's services and pipeline, shared by `retouch serve`/`open` and the tests' WebApplicationFactory:
/// Kestrel on 127.0.0.1 only, JSON errors, the token gate, the page, the API under /api/ and the OpenAPI
/// document at /openapi/v1.json.
/// </summary>
public static class WebHostSetup
{
    /// <summary>Loopback only: the host is for this workstation; nothing else on the network can connect.</summary>
    public static void Bind(KestrelServerOptions kestrel, int port, ServeLimits limits)
    {
        kestrel.Listen(IPAddress.Loopback, port);
        kestrel.AddServerHeader = false;
        kestrel.Limits.MaxRequestBodySize = limits.MaxUploadBytes;
    }

    /// <param name="analysis">The one analysis provider every session shares; default: the models' (disposed with the host).</param>
    /// <param name="catalog">The effects offered (built-in and plugins); default: the built-in ones.</param>
    public static IServiceCollection AddRetouchHost(this IServiceCollection services, ServeOptions options, LaunchFile? launch = null,
        IAnalysisProvider? analysis = null, HostCatalog? catalog = null)
    {
        catalog ??= HostCatalog.BuiltIn;
        services.AddSingleton(options);
        services.AddSingleton(catalog);
        services.AddSingleton<HostOutcome>();
        if (analysis is null) services.AddSingleton<IAnalysisProvider>(_ => new PortraitAnalysisProvider(forceCpu: options.ForceCpu));
        else services.AddSingleton(analysis);
        services.AddSingleton(sp => new EffectResources(sp.GetRequiredService<IAnalysisProvider>()));
        services.AddSingleton<JobStore>();
        services.AddSingleton<UploadStore>();
        services.AddSingleton<Renderer>();
        services.AddSingleton(_ =>
        {
            var store = new SessionStore(options);
            // The JPEG header is read now: saving back into the file later replaces its tables.
            if (launch is not null)
                store.Add(new PhotoSession(Path.GetFileName(launch.Path), launch.Document, launch) { SourceJpeg = JpegHeaderReader.Read(launch.Path, out string? _) });
            return store;
        });
        services.AddRouting();
        services.ConfigureHttpJsonOptions(json => json.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddOpenApi(openapi => openapi.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "RetouchPlugins local host";
            document.Info.Description = "Every call needs `Authorization: Bearer <token>` with the token `retouch serve` printed. " +
                $"Effects: {string.Join(", ", catalog.All.Select(e => e.Id))}.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static IApplicationBuilder UseRetouchHost(this IApplicationBuilder app)
    {
        app.UseMiddleware<ApiErrors>();
        app.UseMiddleware<TokenGate>();
        app.UseRouting();
        app.UseEndpoints(MapEndpoints);
        return app;
    }

    private static void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext context) => StaticAssets.Serve(context, "index.html")).ExcludeFromDescription();
        endpoints.MapGet("/app/{name}", (HttpContext context, string name) => StaticAssets.Serve(context, name)).ExcludeFromDescription();
        endpoints.MapOpenApi();
        var api = endpoints.MapGroup("/api");
        CatalogEndpoints.Map(api);
        SessionEndpoints.Map(api);
        RenderEndpoints.Map(api);
        JobEndpoints.Map(api);
        FileEndpoints.Map(api);
        api.MapFallback((HttpContext context) => ApiErrors.Write(context, StatusCodes.Status404NotFound,
            $"no API at {context.Request.Method} {context.Request.Path}; see /openapi/v1.json")).ExcludeFromDescription();
    }
}
