using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Standalone.Output;

namespace RetouchPlugins.Standalone.Batch;

/// <summary>Writes a retouched photo (flat or layered); tests substitute one that fails part-way.</summary>
public delegate void RetouchedWriter(ImageDocument original, EffectResult result, string path, bool layers);

/// <summary>
/// `--effect skin`: the same <see cref="SkinPipeline"/> as `retouch skin`, one face analyzer per worker.
/// </summary>
public sealed class SkinBatchEffect(EffectSettings settings, bool layers, Func<FaceAnalysisSession>? openAnalyzer = null,
    RetouchedWriter? write = null) : IBatchEffect
{
    public string Name => "skin";

    public IBatchWorker CreateWorker() => new Worker(settings, layers, openAnalyzer ?? FaceAnalysisSession.OpenDefault, write ?? RetouchedOutput.Write);

    private sealed class Worker(EffectSettings settings, bool layers, Func<FaceAnalysisSession> open, RetouchedWriter write) : IBatchWorker
    {
        private FaceAnalysisSession? _analysis;
        private readonly SkinPipeline _pipeline = new();

        public string Process(BatchItem item, IProgress<double> progress, CancellationToken cancellation)
        {
            var document = ImageFile.Load(item.Input);
            progress.Report(0.1);
            cancellation.ThrowIfCancellationRequested();
            _analysis ??= open(); // models load on the first photo that needs them, not for skipped ones
            var analysis = _analysis.Analyze(document.Pixels, cancellation);
            progress.Report(0.3);
            var result = _pipeline.Render(document.Pixels, analysis, settings,
                new Scaled(progress, 0.3, 0.9), cancellation);
            cancellation.ThrowIfCancellationRequested();
            write(document, result, item.Output, layers);
            progress.Report(1);
            return analysis.HasFaces
                ? $"{analysis.Faces.Count} face(s), {document.BitsPerSample}-bit" + (result.Message is null ? "" : $"; {result.Message}")
                : "no face found: written unchanged";
        }

        public void Dispose() => _analysis?.Dispose();
    }

    private sealed class Scaled(IProgress<double> progress, double from, double to) : IProgress<double>
    {
        public void Report(double value) => progress.Report(from + (to - from) * Math.Clamp(value, 0, 1));
    }
}
