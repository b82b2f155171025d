using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shared.Imaging.Jpeg;

namespace RetouchPlugins.Standalone.Web.Sessions;

/// <summary>
/// One photo open in the host: the decoded original, its one analysis (run once, whatever effects and slider
/// moves follow), the screen-sized copy previews render on, and the latest renders (the last preview and the
/// last <see cref="FullRendersKept"/> full-resolution ones; older ones are dropped to bound memory).
/// </summary>
public sealed class PhotoSession(string name, ImageDocument document, LaunchFile? launch = null)
{
    public const int FullRendersKept = 2;

    private readonly object _gate = new();
    private readonly List<RenderRecord> _renders = [];
    private Job? _analysisJob;
    private PortraitAnalysis? _analysis;
    private (int Width, int Height, PlanarImage Image, PortraitAnalysis? Analysis)? _preview;
    private long _lastUsed = Environment.TickCount64;
    private readonly Dictionary<string, IPortraitEffect> _previewEffects = [];

    public string Id { get; } = Ids.New();
    public string Name { get; } = name;
    public ImageDocument Document { get; } = document;
    /// <summary>The file the host was opened on (`retouch open`), which Save writes back to; null for uploads.</summary>
    public LaunchFile? Launch { get; } = launch;
    /// <summary>The uploaded file's JPEG header (quantisation tables) when it was a JPEG: what the pixels no longer say.</summary>
    public JpegHeader? SourceJpeg { get; init; }
    public long LastUsed => Interlocked.Read(ref _lastUsed);

    private readonly Lazy<WorkingColours> _colours = new(() => WorkingColours.Of(document));
    private PlanarImage? _working;

    /// <summary>
    /// The pixels the analysis, previews and renders work on: the photo in sRGB, which is the photo itself unless it is
    /// in another RGB space (a ProPhoto TIFF, a Display P3 photo; <see cref="WorkingColours"/>). The page shows them as sRGB.
    /// </summary>
    public PlanarImage Working
    {
        get
        {
            // Converted on first use (the analysis or the first preview), not when the upload is answered.
            if (Volatile.Read(ref _working) is { } done) return done;
            lock (_gate) return _working ??= Colours.Conversion?.ToSrgb(Document.Pixels) ?? Document.Pixels;
        }
    }

    /// <summary>What is done about the photo's colour space (read from its profile or EXIF); its note is null for an sRGB photo.</summary>
    public WorkingColours Colours => _colours.Value;

    /// <summary>A full-resolution render of <see cref="Working"/> as the photo's pixels: back in the photo's own space.</summary>
    public EffectResult InPhotoSpace(EffectResult result)
    {
        if (Colours.Conversion is not { } back) return result;
        // An effect with nothing to do may hand back its input, which later renders of this session still read.
        var image = ReferenceEquals(result.Image, Working) ? result.Image.Clone() : result.Image;
        return result with { Image = back.Back(Document.Pixels, image) };
    }

    /// <summary>The document a preview of the working pixels is: the photo's, without its profile when they are an sRGB copy.</summary>
    public ImageDocument PreviewDocument(PlanarImage image) =>
        Colours.Conversion is null ? Document.WithPixels(image) : Document.WithPixels(image) with { IccProfile = null };

    public void Touch() => Interlocked.Exchange(ref _lastUsed, Environment.TickCount64);

    public PortraitAnalysis? Analysis { get { lock (_gate) return _analysis; } }

    /// <summary>The analysis job: started on the first call, the same job afterwards (a failed or cancelled one is started again).</summary>
    public Job AnalysisJob(Func<Job> start)
    {
        lock (_gate)
        {
            if (_analysisJob is null || _analysisJob.State is JobState.Failed or JobState.Cancelled) _analysisJob = start();
            return _analysisJob;
        }
    }

    public void SetAnalysis(PortraitAnalysis analysis)
    {
        lock (_gate) _analysis = analysis;
    }

    /// <summary>
    /// The photo fitted into <paramref name="maxSize"/> (long side; never enlarged) with the analysis carried to
    /// that size; the last size asked for is kept, so slider moves reuse it.
    /// </summary>
    public (PlanarImage Image, PortraitAnalysis? Analysis) PreviewSource(int maxSize, PortraitAnalysis? analysis)
    {
        var (w, h) = Fit(Document.Width, Document.Height, maxSize);
        lock (_gate)
        {
            if (_preview is { } p && p.Width == w && p.Height == h && (analysis is null || p.Analysis is not null)) return (p.Image, p.Analysis);
        }
        var image = w == Document.Width && h == Document.Height ? Working : Resampler.Resize(Working, w, h);
        var scaled = analysis?.Scaled(w, h);
        lock (_gate) _preview = (w, h, image, scaled);
        return (image, scaled);
    }

    /// <summary>
    /// The effect instance this session's previews of <paramref name="entry"/> use, made once: an effect may keep
    /// slider-independent work between renders of the same preview (a recipe's earlier steps).
    /// </summary>
    public IPortraitEffect PreviewEffect(CatalogEntry entry)
    {
        lock (_gate)
        {
            if (!_previewEffects.TryGetValue(entry.Id, out var effect)) _previewEffects[entry.Id] = effect = entry.Create();
            return effect;
        }
    }

    public static (int Width, int Height) Fit(int width, int height, int maxSize)
    {
        double scale = Math.Min(1.0, (double)maxSize / Math.Max(width, height));
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    public void Add(RenderRecord render)
    {
        lock (_gate)
        {
            if (render.Preview) _renders.RemoveAll(r => r.Preview);
            _renders.Add(render);
            var full = _renders.Where(r => !r.Preview).ToList();
            foreach (var old in full.Take(Math.Max(0, full.Count - FullRendersKept))) _renders.Remove(old);
        }
    }

    public RenderRecord Render(string id)
    {
        lock (_gate)
            return _renders.FirstOrDefault(r => r.Id == id)
                ?? throw ApiException.NotFound($"no render {id} in session {Id} (only the last preview and the last {FullRendersKept} full renders are kept)");
    }
}
