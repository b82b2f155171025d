namespace RetouchPlugins.Standalone.Web.Sessions;

public enum JobState { Running, Done, Failed, Cancelled }

/// <summary>
/// Long work the API runs in the background (an analysis, a full-resolution render): the caller polls its
/// progress and state and may cancel it. <see cref="RenderId"/> names the render a finished render job made.
/// </summary>
public sealed class Job : IProgress<double>
{
    private readonly CancellationTokenSource _cancel;
    private readonly Func<string, string> _clientMessage;
    private double _progress;

    internal Job(string kind, string sessionId, CancellationToken stopping, TimeSpan timeout, Func<string, string> clientMessage)
    {
        _clientMessage = clientMessage;
        Id = Ids.New();
        Kind = kind;
        SessionId = sessionId;
        _cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _cancel.CancelAfter(timeout);
    }

    public string Id { get; }
    public string Kind { get; }
    public string SessionId { get; }
    public JobState State { get; private set; } = JobState.Running;
    public double Progress => Volatile.Read(ref _progress);
    public string? Error { get; private set; }
    public string? RenderId { get; private set; }
    public Task Completion { get; private set; } = Task.CompletedTask;
    public CancellationToken Cancellation => _cancel.Token;

    public void Report(double value) => Volatile.Write(ref _progress, Math.Clamp(value, 0, 1));

    public void Cancel()
    {
        try { _cancel.Cancel(); }
        catch (ObjectDisposedException) { } // already finished
    }

    /// <summary>Runs <paramref name="work"/> on the thread pool; its return value is the render id (or null).</summary>
    internal Job Start(Func<Job, CancellationToken, string?> work)
    {
        Completion = Task.Run(() =>
        {
            try
            {
                RenderId = work(this, _cancel.Token);
                Report(1);
                State = JobState.Done;
            }
            catch (OperationCanceledException)
            {
                State = JobState.Cancelled;
                Error = "cancelled";
            }
            catch (Exception e)
            {
                State = JobState.Failed;
                Error = _clientMessage(ApiErrors.Classify(e).Message);
            }
            finally
            {
                _cancel.Dispose();
            }
        });
        return this;
    }
}

/// <summary>Short random ids for sessions, renders and jobs (not secrets: the token guards the API).</summary>
internal static class Ids
{
    public static string New() => Guid.NewGuid().ToString("N")[..12];
}
