using System.Net.Http.Json;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Standalone.Web;
using RetouchPlugins.Standalone.Web.Api;

namespace RetouchPlugins.Tests.WebHost;

/// <summary>
/// Cancelling a full-resolution render over the API while it runs. The real skin effect renders the real
/// sample1.jpg, but is held at its first progress report past <see cref="HeldEffect.HoldAt"/> until the job is
/// cancelled: however loaded the machine, the DELETE always lands mid-render (polling for "running" raced a
/// render that can finish between two polls).
/// </summary>
[Collection(WebHostCollection.Name)]
public sealed class HostCancelTests : IDisposable
{
    private readonly HeldEffect _held = new(EffectCatalog.All.Single(e => e.Id == "skin"));
    private readonly RetouchHostFactory _factory;
    private readonly HttpClient _client;

    public HostCancelTests(HostFixture host)
    {
        _factory = new RetouchHostFactory(host.Analysis, new ServeOptions(AccessToken.Random()),
            catalog: HostCatalog.Of([new CatalogEntry(() => _held)]));
        _client = _factory.Authorized();
    }

    public void Dispose()
    {
        _client.Dispose();
        _factory.Dispose();
    }

    [Fact]
    public async Task A_render_cancelled_midway_keeps_nothing()
    {
        var session = await HostApi.Upload(_client, HostFixture.Sample(1));
        var job = await HostApi.StartRender(_client, session.Id, new { effect = "skin", parameters = new { strength = 0.3 } });
        await _held.Reached.WaitAsync(TimeSpan.FromMinutes(2));

        var running = (await _client.GetFromJsonAsync<JobDto>($"/api/jobs/{job.Id}", HostApi.Json))!;
        Assert.Equal("running", running.State); // the render has started and not finished
        Assert.InRange(running.Progress, 0.01, 0.99);
        var cancelled = (await (await _client.DeleteAsync($"/api/jobs/{job.Id}")).Content.ReadFromJsonAsync<JobDto>(HostApi.Json))!;

        Assert.Equal("cancelled", cancelled.State);
        Assert.Null(cancelled.RenderId);
        Assert.True(_held.SawCancellation); // released by the DELETE, not by the hold's time limit
        var scratch = Path.Combine(Path.GetTempPath(), "retouch-serve");
        Assert.False(Directory.Exists(scratch) && Directory.EnumerateFileSystemEntries(scratch).Any());
    }

    /// <summary>
    /// The real effect, whose progress reports block once they pass <see cref="HoldAt"/> until the render's
    /// cancellation token fires (or a minute passes); the effect then goes on and meets the cancellation itself.
    /// </summary>
    private sealed class HeldEffect(CatalogEntry real) : IPortraitEffect
    {
        public const double HoldAt = 0.2;
        private readonly TaskCompletionSource _reached = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Reached => _reached.Task;
        public bool SawCancellation { get; private set; }
        public EffectDescriptor Descriptor => real.Descriptor;

        public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default) =>
            real.Create().Render(input, settings, new BlockingProgress(value =>
            {
                progress?.Report(value);
                if (value < HoldAt || !_reached.TrySetResult()) return;
                SawCancellation = cancellation.WaitHandle.WaitOne(TimeSpan.FromMinutes(1));
            }), cancellation);

        /// <summary>Synchronous, unlike <see cref="Progress{T}"/>, so the report itself blocks the render.</summary>
        private sealed class BlockingProgress(Action<double> report) : IProgress<double>
        {
            public void Report(double value) => report(value);
        }
    }
}
