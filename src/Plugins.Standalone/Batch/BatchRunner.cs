using System.Collections.Concurrent;
using System.Diagnostics;
using Spectre.Console;

namespace RetouchPlugins.Standalone.Batch;

/// <summary>
/// Runs an effect over photos on <c>workers</c> threads with a Spectre progress display (one bar for the
/// batch, one per photo in flight). A photo that fails is recorded and the others go on; cancellation
/// stops the workers between and inside photos, and photos not started are reported as cancelled.
/// Outputs are written atomically by the effect, so a stopped or failed photo leaves no file behind.
/// </summary>
public sealed class BatchRunner(IBatchEffect effect, int workers, IAnsiConsole console)
{
    public IReadOnlyList<BatchResult> Run(IReadOnlyList<BatchItem> items, CancellationToken cancellation)
    {
        var results = new BatchResult?[items.Count];
        var queue = new ConcurrentQueue<int>(Enumerable.Range(0, items.Count));
        console.Progress()
            .AutoClear(false).HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var total = ctx.AddTask($"{effect.Name}: {items.Count} photo(s), {workers} worker(s)", maxValue: Math.Max(1, items.Count));
                var threads = Enumerable.Range(0, Math.Max(1, workers))
                    .Select(_ => Task.Factory.StartNew(() => Work(items, queue, results, ctx, total, cancellation),
                        CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default))
                    .ToArray();
                Task.WaitAll(threads);
                total.Value = total.MaxValue;
            });
        for (int i = 0; i < results.Length; i++)
            results[i] ??= new BatchResult(items[i], BatchStatus.Cancelled, TimeSpan.Zero, "not started");
        return results!;
    }

    private void Work(IReadOnlyList<BatchItem> items, ConcurrentQueue<int> queue, BatchResult?[] results,
        ProgressContext ctx, ProgressTask total, CancellationToken cancellation)
    {
        IBatchWorker? worker = null;
        try
        {
            while (!cancellation.IsCancellationRequested && queue.TryDequeue(out int i))
            {
                var item = items[i];
                var bar = ctx.AddTask(Markup.Escape(item.Name), maxValue: 1);
                var clock = Stopwatch.StartNew();
                try
                {
                    worker ??= effect.CreateWorker();
                    string note = worker.Process(item, new BarProgress(bar), cancellation);
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
                bar.Value = bar.MaxValue;
                bar.StopTask();
                total.Increment(1);
            }
        }
        finally
        {
            worker?.Dispose();
        }
    }

    private static string Describe(Exception e) => e switch
    {
        IOException or ArgumentException or InvalidDataException or UnauthorizedAccessException => e.Message,
        _ => $"{e.GetType().Name}: {e.Message}",
    };

    private sealed class BarProgress(ProgressTask bar) : IProgress<double>
    {
        public void Report(double value) => bar.Value = Math.Clamp(value, 0, 1);
    }
}
