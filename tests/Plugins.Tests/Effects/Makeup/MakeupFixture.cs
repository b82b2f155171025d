using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Faces;

namespace RetouchPlugins.Tests.Effects.Makeup;

/// <summary>
/// The demo photos analysed once (faces and mesh only: the makeup effect needs no person or body skin), and
/// the makeup references: single-face crops of demo faces with visible makeup, saved as PNG files (so a
/// reference has a real path) and analysed like any reference photo.
/// </summary>
public sealed class MakeupFixture : IDisposable
{
    private static readonly AnalyzerOptions FacesOnly = new() { PersonMask = false, BodySkin = false };
    private readonly PortraitAnalyzer _analyzer = PortraitAnalyzer.Open();
    private readonly Lazy<PortraitAnalysis>[] _analyses;
    private readonly Dictionary<string, Lazy<MakeupReference>> _references;
    private readonly object _gate = new();

    /// <summary>Reference crops: photo, a point inside the face (photo pixels), and what the face wears.</summary>
    public static readonly IReadOnlyDictionary<string, (int Sample, float X, float Y, string Makeup)> ReferenceFaces =
        new Dictionary<string, (int, float, float, string)>
        {
            ["red-lips"] = (1, 500, 460, "dark red lipstick, dark eye makeup"),
            ["plum-lips"] = (1, 920, 520, "plum lipstick, winged liner, contour"),
            ["coral-lips"] = (4, 1340, 250, "bright coral lipstick, light eye makeup"),
        };

    public MakeupFixture()
    {
        _analyses = Enumerable.Range(1, 6).Select(i => new Lazy<PortraitAnalysis>(() => Analyze(FaceTestData.Photo(i)))).ToArray();
        _references = ReferenceFaces.Keys.ToDictionary(k => k, k => new Lazy<MakeupReference>(() => MakeReference(k)));
    }

    public PortraitAnalysis Analysis(int sample) => _analyses[sample - 1].Value;

    public MakeupReference Reference(string name) => _references[name].Value;

    public PortraitAnalysis Analyze(PlanarImage image)
    {
        lock (_gate) return _analyzer.Analyze(image, FacesOnly);
    }

    /// <summary>The face of <paramref name="sample"/> whose box holds the point (x, y).</summary>
    public AnalyzedFace FaceAt(int sample, float x, float y) =>
        Analysis(sample).Faces.Single(f => f.Mesh is not null && x >= f.Box.X && x < f.Box.Right && y >= f.Box.Y && y < f.Box.Bottom);

    private MakeupReference MakeReference(string name)
    {
        var (sample, x, y, _) = ReferenceFaces[name];
        var box = FaceAt(sample, x, y).Box;
        var photo = FaceTestData.Photo(sample);
        float margin = 0.5f * box.Size;
        int x0 = Math.Max(0, (int)(box.X - margin)), y0 = Math.Max(0, (int)(box.Y - margin));
        int x1 = Math.Min(photo.Width, (int)(box.Right + margin)), y1 = Math.Min(photo.Height, (int)(box.Bottom + margin));
        var crop = photo.Crop(x0, y0, x1 - x0, y1 - y0);
        var path = Path.Combine(FaceTestData.OutputFolder(), $"makeup-reference-{name}.png");
        ImageFile.SavePng(crop, path);
        var analysis = Analyze(crop);
        return new MakeupReference(path, crop, analysis);
    }

    public void Dispose() => _analyzer.Dispose();
}
