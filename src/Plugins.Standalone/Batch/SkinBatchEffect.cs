using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Standalone.Output;

namespace RetouchPlugins.Standalone.Batch;

/// <summary>Writes a retouched photo (flat or layered); tests substitute one that fails part-way.</summary>
public delegate void RetouchedWriter(ImageDocument original, EffectResult result, string path, bool layers);

/// <summary>
/// `--effect skin`: the same <see cref="SkinPipeline"/> as `retouch skin`. One face analyzer serves all
/// workers (its models load once, on the first photo that needs them; it is safe to call from several
/// threads); each worker has its own pipeline.
/// </summary>
public sealed class SkinBatchEffect : IBatchEffect, IDisposable
{
    private readonly EffectSettings _settings;
    private readonly bool _layers;
    private readonly Lazy<FaceAnalysisSession> _analysis;
    private readonly RetouchedWriter _write;

    public SkinBatchEffect(EffectSettings settings, bool layers, Func<FaceAnalysisSession>? openAnalyzer = null, RetouchedWriter? write = null)
    {
        _settings = settings;
        _layers = layers;
        // A failure to open the models is cached, so every photo reports it instead of retrying the load.
        _analysis = new Lazy<FaceAnalysisSession>(openAnalyzer ?? FaceAnalysisSession.OpenDefault, LazyThreadSafetyMode.ExecutionAndPublication);
        _write = write ?? RetouchedOutput.Write;
    }

    public string Name => "skin";

    public IBatchWorker CreateWorker() => new Worker(this);

    public void Dispose()
    {
        if (_analysis.IsValueCreated) _analysis.Value.Dispose();
    }

    private sealed class Worker(SkinBatchEffect effect) : IBatchWorker
    {
        private readonly SkinPipeline _pipeline = new();

        public string Process(BatchItem item, IProgress<double> progress, CancellationToken cancellation)
        {
            var document = ImageFile.Load(item.Input);
            progress.Report(0.1);
            cancellation.ThrowIfCancellationRequested();
            var analysis = effect._analysis.Value.Analyze(document.Pixels, cancellation);
            progress.Report(0.4);
            var result = _pipeline.Render(document.Pixels, analysis, effect._settings, new Scaled(progress, 0.4, 0.9), cancellation);
            cancellation.ThrowIfCancellationRequested();
            effect._write(document, result, item.Output, effect._layers);
            progress.Report(1);
            return analysis.HasFaces
                ? $"{analysis.Faces.Count} face(s), {document.BitsPerSample}-bit" + (result.Message is null ? "" : $"; {result.Message}")
                : "no face found: written unchanged";
        }

        public void Dispose() { }
    }

    private sealed class Scaled(IProgress<double> progress, double from, double to) : IProgress<double>
    {
        public void Report(double value) => progress.Report(from + (to - from) * Math.Clamp(value, 0, 1));
    }
}
