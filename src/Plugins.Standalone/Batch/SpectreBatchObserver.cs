using RetouchPlugins.Shared.Running;
using Spectre.Console;

namespace RetouchPlugins.Standalone.Batch;

/// <summary>A batch as Spectre progress bars: one for the batch, one per photo in flight.</summary>
internal sealed class SpectreBatchObserver(ProgressContext context, string effect) : IBatchObserver
{
    private readonly object _gate = new();
    private readonly Dictionary<BatchItem, ProgressTask> _bars = [];
    private ProgressTask? _total;

    /// <summary>Runs <paramref name="run"/> inside a progress display and returns its outcome.</summary>
    public static BatchOutcome Show(IAnsiConsole console, string effect, Func<IBatchObserver, BatchOutcome> run)
    {
        BatchOutcome outcome = null!;
        console.Progress()
            .AutoClear(false).HideCompleted(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var observer = new SpectreBatchObserver(ctx, effect);
                outcome = run(observer);
                observer.Complete();
            });
        return outcome;
    }

    public void Starting(int photos, int workers)
    {
        lock (_gate) _total = context.AddTask($"{effect}: {photos} photo(s), {workers} worker(s)", maxValue: Math.Max(1, photos));
    }

    public IProgress<double> Started(BatchItem item)
    {
        lock (_gate)
        {
            var bar = context.AddTask(Markup.Escape(item.Name), maxValue: 1);
            _bars[item] = bar;
            return new Commands.SpectreProgress(bar);
        }
    }

    public void Finished(BatchResult result)
    {
        lock (_gate)
        {
            if (_bars.Remove(result.Item, out var bar))
            {
                bar.Value = bar.MaxValue;
                bar.StopTask();
            }
            _total?.Increment(1);
        }
    }

    private void Complete()
    {
        lock (_gate) if (_total is not null) _total.Value = _total.MaxValue;
    }
}
