using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Shared.Running;

/// <summary>What a batch was asked to do.</summary>
public sealed record BatchRequest(string InputFolder, string OutputFolder, string? Format, bool Layers, int? Jobs, bool Overwrite, EffectSettings Settings,
    RunLimits? Limits = null);

/// <summary>What a batch did: one result per photo, how many workers ran, and the camera raw files it left alone.</summary>
public sealed record BatchOutcome(IReadOnlyList<BatchResult> Results, int Workers, bool Cancelled, IReadOnlyList<string> CameraRawFiles)
{
    /// <summary>0 when every photo was done or skipped, 130 when cancelled, 3 when any failed.</summary>
    public int ExitCode => Cancelled ? RunExit.Cancelled : Results.Any(r => r.Status == BatchStatus.Failed) ? RunExit.SomeFailed : RunExit.Ok;
}

/// <summary>
/// A whole shoot through one effect: plan the outputs, skip finished ones (a re-run resumes), size the
/// workers to cores and memory, run the photos in parallel through <see cref="EffectRunner"/>. Bad arguments
/// (missing folder, unknown format, bad --jobs, settings that break the effect's rules, an output folder that is
/// a file or cannot be written) are thrown before any photo is processed (<see cref="RunExit.IsArgumentError"/>).
/// A photo over the pixel limit or too large for memory is refused from its header, as a failed row.
/// </summary>
public sealed class BatchJob(EffectRunner runner, IPortraitEffect effect)
{
    public BatchOutcome Run(BatchRequest request, IBatchObserver observer, CancellationToken cancellation)
    {
        if (request.Jobs is < 1) throw new ArgumentException($"--jobs {request.Jobs}: give at least 1");
        var items = BatchPlan.Create(request.InputFolder, request.OutputFolder, request.Format);
        foreach (var item in items) EffectOutput.Check(item.Output, request.Layers);
        effect.Descriptor.Validate(request.Settings);
        EffectRunner.CheckFiles(effect.Descriptor, request.Settings);
        var raws = BatchPlan.CameraRawFiles(request.InputFolder);
        if (items.Count == 0) return new BatchOutcome([], 0, false, raws);
        IO.OutputLocation.CheckFolder(request.OutputFolder); // once, before the first photo
        BatchPlan.RemoveStaleTemporaries(request.OutputFolder);
        // Memory is measured once, before any photo: each photo's own check must not see its siblings' use as a shortage.
        var given = request.Limits ?? RunLimits.Default;
        long memory = given.MemoryBytes ?? MemoryBudget.Available();
        var limits = given with { MemoryBytes = memory };

        var results = new BatchResult?[items.Count];
        var pending = new List<int>();
        var estimates = new List<long>();
        for (int i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (!request.Overwrite && File.Exists(item.Output))
            {
                // Outputs are renamed into place only when complete, so an existing one is a finished one.
                results[i] = new BatchResult(item, BatchStatus.Skipped, TimeSpan.Zero, "result exists");
                continue;
            }
            try
            {
                var use = EffectOutput.IsLayered(item.Output, request.Layers) ? MemoryUse.LayeredEffect : MemoryUse.Effect;
                estimates.Add(MemoryBudget.Estimate(EffectRunner.CheckFits(item.Input, use, limits), use));
                pending.Add(i);
            }
            catch (ImageFileException e)
            {
                results[i] = new BatchResult(item, BatchStatus.Failed, TimeSpan.Zero, e.Message);
            }
        }

        int workers = MemoryBudget.Workers(estimates, Environment.ProcessorCount, memory, request.Jobs);
        if (pending.Count > 0)
        {
            observer.Starting(pending.Count, workers);
            var ran = new BatchRunner(() => new Worker(runner, effect, request with { Limits = limits }), workers)
                .Run(pending.Select(i => items[i]).ToArray(), observer, cancellation);
            for (int k = 0; k < pending.Count; k++) results[pending[k]] = ran[k];
        }
        return new BatchOutcome(results.Select(r => r!).ToArray(), workers, cancellation.IsCancellationRequested, raws);
    }

    /// <summary>One photo through the runner; the note is what the summary shows.</summary>
    private sealed class Worker(EffectRunner runner, IPortraitEffect effect, BatchRequest request) : IBatchWorker
    {
        public string Process(BatchItem item, IProgress<double> progress, CancellationToken cancellation)
        {
            var result = runner.Run(effect, new RunRequest(item.Input, item.Output, request.Settings, request.Layers, Limits: request.Limits), new StageProgress(progress), cancellation);
            if (result.NoFaces) return $"{FaceEffects.NoFace}: written unchanged";
            return (result.Faces is int n ? $"{n} face(s), " : "") + $"{result.BitsPerSample}-bit" + (result.Message is null ? "" : $"; {result.Message}");
        }
    }

    /// <summary>The four stages of a run onto one bar: load 0–0.1, faces 0.1–0.4, render 0.4–0.9, save 0.9–1.</summary>
    private sealed class StageProgress(IProgress<double> bar) : IRunObserver
    {
        public IProgress<double>? StageStarted(string stage) => stage switch
        {
            EffectRunner.Load => new ScaledProgress(bar, 0, 0.1),
            EffectRunner.Faces => new ScaledProgress(bar, 0.1, 0.4),
            EffectRunner.Render => new ScaledProgress(bar, 0.4, 0.9),
            _ => new ScaledProgress(bar, 0.9, 1),
        };

        public void StageFinished(string stage) { }
    }
}
