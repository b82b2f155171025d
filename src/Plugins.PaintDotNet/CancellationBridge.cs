namespace RetouchPlugins.PaintDotNet;

/// <summary>
/// Turns Paint.NET's polled IsCancelRequested into the CancellationToken the shared effects take. The
/// flag is polled whenever the effect reports progress, at every explicit check between stages, and by
/// a timer, so an effect that only watches its token still stops within a few tens of milliseconds.
/// </summary>
internal sealed class CancellationBridge : IProgress<double>, IDisposable
{
    private const int PollMilliseconds = 25;
    private readonly Func<bool> _isCancelRequested;
    private readonly CancellationTokenSource _cts = new();
    private readonly Timer _poll;

    public CancellationBridge(Func<bool> isCancelRequested)
    {
        _isCancelRequested = isCancelRequested;
        _poll = new Timer(_ => Poll(), null, PollMilliseconds, PollMilliseconds);
    }

    public CancellationToken Token => _cts.Token;
    public bool IsCancelled => _cts.IsCancellationRequested;

    public void ThrowIfCancelled()
    {
        Poll();
        _cts.Token.ThrowIfCancellationRequested();
    }

    public void Report(double value) => Poll();

    private void Poll()
    {
        if (!_cts.IsCancellationRequested && _isCancelRequested())
        {
            try { _cts.Cancel(); } catch (ObjectDisposedException) { }
        }
    }

    public void Dispose()
    {
        _poll.Dispose();
        _cts.Dispose();
    }
}
