using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Standalone.Web.Api;
using RetouchPlugins.Standalone.Web.Sessions;

namespace RetouchPlugins.Standalone.Web;

/// <summary>
/// One launch of the web host: builds it, starts it on 127.0.0.1, prints (and optionally opens) the page URL
/// with this launch's token, and runs until Ctrl+C, or in open mode until the page saves or closes.
/// </summary>
public static class RetouchServer
{
    public sealed record Launch(ServeOptions Options, int Port, bool OpenBrowser, LaunchFile? File = null, HostCatalog? Catalog = null);

    /// <summary>Runs until stopped; returns the file saved back in open mode, or null.</summary>
    public static async Task<string?> RunAsync(Launch launch, TextWriter output, CancellationToken cancellation)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k => WebHostSetup.Bind(k, launch.Port, launch.Options.Limits));
        builder.Services.AddRetouchHost(launch.Options, launch.File, catalog: launch.Catalog);
        await using var app = builder.Build();
        app.UseRetouchHost();
        await app.StartAsync(cancellation);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var url = $"{address}/?token={launch.Options.Token.Value}";
        output.WriteLine(launch.File is null ? $"retouch host: {url}" : $"retouch host on {launch.File.Path}: {url}");
        output.WriteLine("Only this computer can connect (127.0.0.1). Stop with Ctrl+C.");
        if (launch.OpenBrowser) TryOpenBrowser(url, output);
        try { await app.WaitForShutdownAsync(cancellation); }
        catch (OperationCanceledException) { }
        await app.StopAsync(CancellationToken.None);
        return app.Services.GetRequiredService<HostOutcome>().Saved;
    }

    private static void TryOpenBrowser(string url, TextWriter output)
    {
        try
        {
            using var _ = Process.Start(new ProcessStartInfo(url) { UseShellExecute = true });
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            output.WriteLine($"could not open a browser ({e.Message}); open the URL above yourself");
        }
    }
}
