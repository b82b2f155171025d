using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Analysis;

/// <summary>
/// The models' analysis for a host: one <see cref="PortraitAnalyzer"/> per parsing model (none by default),
/// opened on first use and shared by every effect and thread, behind a <see cref="CachedAnalysisProvider"/>
/// so the same photo is analysed once whichever effects run on it.
/// </summary>
public sealed class PortraitAnalysisProvider : IAnalysisProvider, IDisposable
{
    private readonly AssetCatalog? _catalog;
    private readonly SessionSettings? _settings;
    private readonly Lazy<OnnxRuntimeEnvironment> _environment;
    private readonly bool _ownsEnvironment;
    private readonly Dictionary<string, Lazy<PortraitAnalyzer>> _analyzers = new(StringComparer.Ordinal);
    private readonly object _gate = new();
    private readonly CachedAnalysisProvider _cached;

    /// <param name="catalog">Where the models are (default: models/ next to the application).</param>
    /// <param name="environment">The ONNX Runtime environment to open sessions in; default: one of its own, released on Dispose.</param>
    /// <param name="forceCpu">For the environment of its own: keep every network on the CPU (the hosts' --cpu).</param>
    /// <param name="cachedAnalyses">How many analyses to keep for photos analysed again (an editor's open photos); 0 for a
    /// host that sees each photo once (a command, a batch): a kept analysis holds its masks and, through the masks still to be
    /// carried up, its photo, about 0.6 GB for a 24 MP photo.</param>
    public PortraitAnalysisProvider(AssetCatalog? catalog = null, SessionSettings? settings = null, OnnxRuntimeEnvironment? environment = null,
        bool forceCpu = false, int cachedAnalyses = CachedAnalysisProvider.DefaultCapacity)
    {
        _catalog = catalog;
        _settings = settings;
        _ownsEnvironment = environment is null;
        // Its own environment opens with the first analyzer (Prepare, on the thread that opens the models while a command's
        // photo decodes): loading ONNX Runtime's library took about 35 ms off a fresh command's critical path.
        _environment = environment is not null ? new Lazy<OnnxRuntimeEnvironment>(environment)
            : new Lazy<OnnxRuntimeEnvironment>(() => new OnnxRuntimeEnvironment(forceCpu), LazyThreadSafetyMode.ExecutionAndPublication);
        _cached = new CachedAnalysisProvider(new Uncached(this), cachedAnalyses);
    }

    /// <summary>The ONNX Runtime environment the analyzers (and user models, through <see cref="Effects.EffectResources"/>) share.</summary>
    public OnnxRuntimeEnvironment Environment => _environment.Value;

    /// <summary>How many analyses ran (not served from the cache); for tests and diagnostics.</summary>
    public int AnalysesRun => _cached.AnalysesRun;

    public PortraitAnalysis Analyze(PlanarImage image, AnalysisRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default) =>
        _cached.Analyze(image, request, progress, cancellation);

    /// <summary>Opens the analyzer (the models) for the request; a failure is kept for Analyze to throw.</summary>
    public void Prepare(AnalysisRequest request)
    {
        try { Analyzer(request.Parsing); }
        catch (Exception) { /* Lazy keeps it; the Analyze that follows re-throws it with its message */ }
    }

    private sealed class Uncached(PortraitAnalysisProvider owner) : IAnalysisProvider
    {
        public PortraitAnalysis Analyze(PlanarImage image, AnalysisRequest request, IProgress<double>? progress = null, CancellationToken cancellation = default) =>
            owner.Analyzer(request.Parsing).Analyze(image, request.Options, progress, cancellation);
    }

    /// <summary>The analyzer for a parsing model (or none), opened once; a failure to open is kept and re-thrown to every caller.</summary>
    private PortraitAnalyzer Analyzer(ParsingOptions? parsing)
    {
        string key = parsing is null ? "" : parsing.ModelPath + "|" + string.Join(",", parsing.SkinClasses);
        Lazy<PortraitAnalyzer> lazy;
        lock (_gate)
        {
            if (!_analyzers.TryGetValue(key, out lazy!))
                _analyzers[key] = lazy = new Lazy<PortraitAnalyzer>(() => new PortraitAnalyzer(_environment.Value, _catalog, _settings, parsing),
                    LazyThreadSafetyMode.ExecutionAndPublication);
        }
        return lazy.Value;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var lazy in _analyzers.Values)
                if (lazy.IsValueCreated) lazy.Value.Dispose();
            _analyzers.Clear();
        }
        if (_ownsEnvironment && _environment.IsValueCreated) _environment.Value.Dispose();
    }
}
