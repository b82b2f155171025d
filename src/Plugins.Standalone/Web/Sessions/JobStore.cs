using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace RetouchPlugins.Standalone.Web.Sessions;

/// <summary>
/// The background jobs of this launch. Each is cancelled by its caller, by its timeout, or when the host stops;
/// finished jobs are forgotten after the newest <see cref="Kept"/>.
/// </summary>
public sealed class JobStore(ServeOptions options, IHostApplicationLifetime lifetime, UploadStore uploads)
{
    private const int Kept = 200;
    private readonly ConcurrentDictionary<string, Job> _jobs = new();

    public Job Start(string kind, string sessionId, Func<Job, CancellationToken, string?> work)
    {
        var job = new Job(kind, sessionId, lifetime.ApplicationStopping, options.Limits.RenderTimeout, uploads.HidePaths);
        _jobs[job.Id] = job;
        Forget();
        return job.Start(work);
    }

    public Job Get(string id) =>
        _jobs.TryGetValue(id, out var job) ? job : throw ApiException.NotFound($"no job {id}");

    private void Forget()
    {
        if (_jobs.Count <= Kept) return;
        foreach (var old in _jobs.Values.Where(j => j.State != JobState.Running).Take(_jobs.Count - Kept))
            _jobs.TryRemove(old.Id, out _);
    }
}
