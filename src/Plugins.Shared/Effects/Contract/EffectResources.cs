using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Effects;

/// <summary>A reference photo an effect reads (a makeup reference, a style exemplar): the file, its pixels and its analysis.</summary>
public sealed record ReferencePhoto(string Path, ImageDocument Document, PortraitAnalysis Analysis);

/// <summary>
/// The one service through which file parameters become objects: user-supplied networks (opened once per
/// path, in the host's ONNX Runtime environment, released with the resources) and reference photos
/// (loaded and analysed once per path through the host's analysis provider). Hosts create one per session
/// (a CLI run, a batch, a Paint.NET effect instance, a web session) and never construct model classes.
/// Safe to use from several threads.
/// </summary>
public sealed class EffectResources : IDisposable
{
    private readonly IAnalysisProvider _analysis;
    private readonly Lazy<OnnxRuntimeEnvironment> _environment;
    private readonly Dictionary<(Type, string), Lazy<object>> _opened = new();
    private readonly object _gate = new();

    /// <param name="analysis">The host's analysis provider (reference photos are analysed through it).</param>
    /// <param name="environment">The environment user models open in; default: the provider's when it has one, else one of its own.</param>
    public EffectResources(IAnalysisProvider analysis, OnnxRuntimeEnvironment? environment = null)
    {
        _analysis = analysis;
        // The provider's environment is read when first needed: it opens with the provider's first analyzer, off a command's critical path.
        _environment = environment is not null ? new Lazy<OnnxRuntimeEnvironment>(environment)
            : analysis is PortraitAnalysisProvider provider
                ? new Lazy<OnnxRuntimeEnvironment>(() => provider.Environment, LazyThreadSafetyMode.ExecutionAndPublication)
            : new Lazy<OnnxRuntimeEnvironment>(() => OwnEnvironment = new OnnxRuntimeEnvironment(), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private OnnxRuntimeEnvironment? OwnEnvironment { get; set; }

    public IAnalysisProvider Analysis => _analysis;

    /// <summary>The ONNX Runtime environment user models and kernel graphs open in.</summary>
    public OnnxRuntimeEnvironment Environment => _environment.Value;

    /// <summary>How kernels with a graph form run (<see cref="KernelPaths.Variable"/> by default; tests set it per instance).</summary>
    public KernelPath Kernels { get; init; } = KernelPaths.FromEnvironment();

    /// <summary>An object built once per <paramref name="key"/> and type in this environment (kernel graphs' sessions), released with the resources.</summary>
    internal T Shared<T>(string key, Func<OnnxRuntimeEnvironment, T> create) where T : class
    {
        Lazy<object> lazy;
        lock (_gate)
        {
            if (!_opened.TryGetValue((typeof(T), "shared:" + key), out lazy!))
                _opened[(typeof(T), "shared:" + key)] = lazy = new Lazy<object>(() => create(_environment.Value), LazyThreadSafetyMode.ExecutionAndPublication);
        }
        return (T)lazy.Value;
    }

    /// <summary>
    /// The object <paramref name="open"/> makes of the file at <paramref name="path"/> (e.g. an ONNX model), made
    /// once per path and type. A missing file is a <see cref="FileNotFoundException"/> naming the file and <paramref name="what"/>.
    /// </summary>
    public T Open<T>(string path, string what, Func<string, OnnxRuntimeEnvironment, T> open) where T : class
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full)) throw new FileNotFoundException($"{full}: {what} not found", full);
        Lazy<object> lazy;
        lock (_gate)
        {
            if (!_opened.TryGetValue((typeof(T), full), out lazy!))
                _opened[(typeof(T), full)] = lazy = new Lazy<object>(() => open(full, _environment.Value), LazyThreadSafetyMode.ExecutionAndPublication);
        }
        try { return (T)lazy.Value; }
        catch
        {
            lock (_gate) _opened.Remove((typeof(T), full)); // a failed or cancelled open is tried again next time
            throw;
        }
    }

    /// <summary>A reference photo, loaded and analysed once per path with <paramref name="request"/>.</summary>
    public ReferencePhoto Reference(string path, AnalysisRequest request, CancellationToken cancellation = default) =>
        Open(path, "reference photo", (full, _) =>
        {
            // In sRGB, as the photo it is applied to is worked on (ProPhoto values read as sRGB are greyer colours).
            var document = WorkingColours.InSrgb(ImageFile.Load(full));
            return new ReferencePhoto(full, document, _analysis.Analyze(document.Pixels, request, null, cancellation));
        });

    public void Dispose()
    {
        lock (_gate)
        {
            foreach (var lazy in _opened.Values)
                if (lazy.IsValueCreated && lazy.Value is IDisposable d) d.Dispose();
            _opened.Clear();
        }
        OwnEnvironment?.Dispose();
    }
}
