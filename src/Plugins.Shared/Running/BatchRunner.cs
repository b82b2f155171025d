using System.Collections.Concurrent;
using System.Diagnostics;

namespace RetouchPlugins.Shared.Running;

/// <summary>Processes photos one after another on one worker thread.</summary>
public interface IBatchWorker
{
    /// <summary>Reads <see cref="BatchItem.Input"/>, writes <see cref="BatchItem.Output"/> atomically, returns a short note for the summary.</summary>
    string Process(BatchItem item, IProgress<double> progress, CancellationToken cancellation);
}

/// <summary>Follows a batch: a host shows a bar per photo in flight and one for the batch.</summary>
public interface IBatchObserver
{
    /// <summary>The batch starts: this many photos to process (skipped ones not counted) on this many workers.</summary>
    void Starting(int photos, int workers);

    /// <summary>A photo starts on a worker; report its progress (0..1) to the returned object.</summary>
    IProgress<double> Started(BatchItem item);

    /// <summary>A photo is done, failed or was cancelled.</summary>
    void Finished(BatchResult result);
}

/// <summary>
/// Runs a worker over photos on <c>workers</c> threads. A photo that fails is recorded and the others go on;
/// cancellation stops the workers between and inside photos, and photos not started are reported as cancelled.
/// Outputs are written atomically by the worker, so a stopped or failed photo leaves no file behind.
/// </summary>
public sealed class BatchRunner(Func<IBatchWorker> createWorker, int workers)
{
    public IReadOnlyList<BatchResult> Run(IReadOnlyList<BatchItem> items, IBatchObserver observer, CancellationToken cancellation)
    {
        var results = new BatchResult?[items.Count];
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, items.Count));
        var threads = Enumerable.Range(0, Math.Max(1, workers))
            .Select(_ => Task.Factory.StartNew(() => Work(items, queue, results, observer, cancellation),
                CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
            .ToArray();
        Task.WaitAll(threads);
        for (int i = 0; i < results.Length; i++)
            results[i] ??= new BatchResult(items[i], BatchStatus.Cancelled, TimeSpan.Zero, "not started");
        return results!;
    }

    private void Work(IReadOnlyList<BatchItem> items, ConcurrentQueue<int> queue, BatchResult?[] results,
        IBatchObserver observer, CancellationToken cancellation)
    {
        IBatchWorker? worker = null;
        try
        {
            while (!cancellation.IsCancellationRequested && queue.TryDequeue(out int i))
            {
                var item = items[i];
                var progress = observer.Started(item);
                var clock = Stopwatch.StartNew();
                try
                {
                    worker ??= createWorker();
                    string note = worker.Process(item, progress, cancellation);
                    results[i] = new BatchResult(item, BatchStatus.Done, clock.Elapsed, note);
                }
                catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
                {
                    results[i] = new BatchResult(item, BatchStatus.Cancelled, clock.Elapsed, "stopped; nothing written");
                }
                catch (Exception e)
                {
                    // One bad photo must not stop the batch: record it, go on with the next.
                    results[i] = new BatchResult(item, BatchStatus.Failed, clock.Elapsed, Describe(e));
                }
                observer.Finished(results[i]!);
            }
        }
        finally
        {
            (worker as IDisposable)?.Dispose();
        }
    }

    private static string Describe(Exception e) => RunExit.IsInputError(e) ? e.Message : $"{e.GetType().Name}: {e.Message}";
}
