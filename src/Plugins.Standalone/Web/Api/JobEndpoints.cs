using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using RetouchPlugins.Standalone.Web.Sessions;

namespace RetouchPlugins.Standalone.Web.Api;

/// <summary>GET /api/jobs/{id} (state and progress) and DELETE /api/jobs/{id} (cancel).</summary>
public static class JobEndpoints
{
    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/jobs/{jobId}", (string jobId, JobStore jobs) => TypedResults.Ok(Describe(jobs.Get(jobId))))
            .WithSummary("A job's state (running, done, failed, cancelled), progress 0..1, error, and the render it made.");
        api.MapDelete("/jobs/{jobId}", async (string jobId, JobStore jobs) =>
        {
            var job = jobs.Get(jobId);
            job.Cancel();
            // Wait for the work to stop so the caller knows nothing more will be kept.
            await job.Completion.WaitAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
            return TypedResults.Ok(Describe(job));
        }).WithSummary("Cancels a job and waits until it has stopped; a cancelled render keeps nothing.");
    }

    public static JobDto Describe(Job job) =>
        new(job.Id, job.Kind, job.SessionId, job.State.ToString().ToLowerInvariant(), job.Progress, job.Error, job.RenderId);
}
