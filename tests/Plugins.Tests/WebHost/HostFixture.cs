using RetouchPlugins.Standalone.Web;
using RetouchPlugins.Standalone.Web.Api;

namespace RetouchPlugins.Tests.WebHost;

/// <summary>The web host tests share one host and one analysis provider: a photo is analysed once for all of them (cache by content).</summary>
[CollectionDefinition(Name)]
public sealed class WebHostCollection : ICollectionFixture<HostFixture>
{
    public const string Name = "web host";
}

/// <summary>
/// One host for the web host tests, with the real models behind one provider and the real sample1.jpg (1920x1280,
/// three faces) uploaded and rendered once with the skin effect at full resolution: the slow parts run once.
/// </summary>
public sealed class HostFixture : IDisposable
{
    /// <summary>Small enough for the oversized-upload test to be quick; sample1.jpg (145 kB) fits.</summary>
    public const long UploadLimit = 4L << 20;

    private readonly Lazy<Task<(SessionDto, RenderDto)>> _skin;

    public HostFixture()
    {
        Factory = new RetouchHostFactory(Analysis, new ServeOptions(AccessToken.Random()) { Limits = new ServeLimits { MaxUploadBytes = UploadLimit } });
        Client = Factory.Authorized();
        _skin = new(async () =>
        {
            var session = await HostApi.Upload(Client, Sample(1));
            return (session, await HostApi.Render(Client, session.Id, new { effect = "skin" }));
        });
    }

    public PortraitAnalysisProvider Analysis { get; } = new();
    public RetouchHostFactory Factory { get; }
    public HttpClient Client { get; }

    /// <summary>sample1.jpg uploaded and its full-resolution skin render (default settings).</summary>
    public Task<(SessionDto Session, RenderDto Render)> SkinRender => _skin.Value;

    public static string Sample(int n) => Path.Combine(AppContext.BaseDirectory, "testdata", $"sample{n}.jpg");

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Analysis.Dispose();
    }
}
