using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Faces;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// Crops of the demo photos (one or two faces each, so the tests stay fast on two cores) and the bundled styles,
/// each analysed once with the real analyzer (faces and mesh only: stylize needs no person or body skin).
/// </summary>
public sealed class StylizeFixture : IDisposable
{
    /// <summary>A crop of a demo photo: sample number and rectangle.</summary>
    public sealed record Target(int Sample, int X, int Y, int Width, int Height)
    {
        public string Name => $"sample{Sample}-{X}-{Y}";
    }

    /// <summary>One face each: sample1's left face, sample4's left face, sample5's fourth face, sample2's third face.</summary>
    public static readonly Target Sample1Left = new(1, 300, 200, 420, 500);
    public static readonly Target Sample4Left = new(4, 140, 40, 420, 520);
    public static readonly Target Sample5Fourth = new(5, 1000, 60, 400, 460);
    public static readonly Target Sample2Third = new(2, 1350, 20, 400, 460);
    /// <summary>Two faces: sample6's third and fourth.</summary>
    public static readonly Target Sample6Pair = new(6, 1050, 120, 750, 600);

    private static readonly AnalyzerOptions FacesOnly = new() { PersonMask = false, BodySkin = false };
    private readonly PortraitAnalyzer _analyzer = PortraitAnalyzer.Open();
    private readonly Dictionary<string, (PlanarImage, PortraitAnalysis)> _cache = new();
    private readonly object _gate = new();

    public (PlanarImage Image, PortraitAnalysis Analysis) Load(Target t)
    {
        lock (_gate)
        {
            if (!_cache.TryGetValue(t.Name, out var entry))
            {
                var image = FaceTestData.Photo(t.Sample).Crop(t.X, t.Y, t.Width, t.Height);
                _cache[t.Name] = entry = (image, _analyzer.Analyze(image, FacesOnly));
            }
            return entry;
        }
    }

    public PortraitAnalysis Analyze(PlanarImage image)
    {
        lock (_gate) return _analyzer.Analyze(image, FacesOnly);
    }

    public static string StylePath(string name) => Path.Combine(AppContext.BaseDirectory, "styles", name);

    /// <summary>A bundled style with its mesh from our analyzer, or from its landmark file when it ships one.</summary>
    public StyleExemplar Style(string name)
    {
        var path = StylePath(name + ".jpg");
        var image = ImageFile.Load(path).Pixels;
        var landmarks = StylePath(name + ".json");
        return File.Exists(landmarks)
            ? StyleExemplar.Create(path, image, null, landmarks)
            : StyleExemplar.Create(path, image, Analyze(image));
    }

    public static string? LookDir => Environment.GetEnvironmentVariable("RETOUCH_LOOK_DIR");

    public void Dispose() => _analyzer.Dispose();
}
