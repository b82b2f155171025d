using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Hosting;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Standalone.Web;
using RetouchPlugins.Standalone.Web.Api;
using RetouchPlugins.Standalone.Web.Sessions;

namespace RetouchPlugins.Tests.WebHost;

/// <summary>
/// The web host as `retouch serve` builds it (WebHostSetup: the same services, pipeline and loopback binding),
/// on a real Kestrel socket on 127.0.0.1 with a free port, sharing the caller's analysis provider.
/// </summary>
public sealed class RetouchHostFactory : WebApplicationFactory<HostOutcome>
{
    private readonly IAnalysisProvider _analysis;
    private readonly LaunchFile? _launch;
    private readonly HostCatalog? _catalog;

    public RetouchHostFactory(IAnalysisProvider analysis, ServeOptions options, LaunchFile? launch = null, HostCatalog? catalog = null)
    {
        _analysis = analysis;
        _launch = launch;
        _catalog = catalog;
        Options = options;
        UseKestrel(kestrel => WebHostSetup.Bind(kestrel, 0, options.Limits));
        StartServer();
    }

    public ServeOptions Options { get; }

    /// <summary>A client that presents this launch's token.</summary>
    public HttpClient Authorized()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", Options.Token.Value);
        client.Timeout = TimeSpan.FromMinutes(5);
        return client;
    }

    protected override IHostBuilder CreateHostBuilder() => new HostBuilder().ConfigureWebHost(web => web
        .UseContentRoot(AppContext.BaseDirectory)
        .ConfigureServices(services => services.AddRetouchHost(Options, _launch, _analysis, _catalog))
        .Configure(app => app.UseRetouchHost()));
}
