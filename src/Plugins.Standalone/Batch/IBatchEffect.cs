namespace RetouchPlugins.Standalone.Batch;

/// <summary>An effect a batch can run: each worker gets its own <see cref="IBatchWorker"/> (models are per worker).</summary>
public interface IBatchEffect
{
    string Name { get; }
    IBatchWorker CreateWorker();
}

/// <summary>Processes photos one after another on one worker thread.</summary>
public interface IBatchWorker : IDisposable
{
    /// <summary>Reads <see cref="BatchItem.Input"/>, writes <see cref="BatchItem.Output"/> atomically, returns a short note for the summary.</summary>
    string Process(BatchItem item, IProgress<double> progress, CancellationToken cancellation);
}
