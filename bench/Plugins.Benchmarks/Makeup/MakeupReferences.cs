using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Benchmarks.Makeup;

/// <summary>
/// The makeup references of the benchmark and the tests: single-face crops of demo faces wearing visible makeup
/// (the demo photos are the only faces here; no makeup data set is available), saved as PNG so each has a real path.
/// </summary>
internal static class MakeupReferences
{
    /// <summary>Name → photo, a point inside the face (photo pixels), and what the face wears.</summary>
    public static readonly IReadOnlyDictionary<string, (int Sample, float X, float Y, string Makeup)> Faces =
        new Dictionary<string, (int, float, float, string)>
        {
            ["red-lips"] = (1, 500, 460, "dark red lipstick, dark stage eye makeup, painted cheek dots"),
            ["plum-lips"] = (1, 920, 520, "plum lipstick, winged liner, contour"),
            ["coral-lips"] = (4, 1340, 250, "bright coral lipstick, light eye makeup; face turned, hair over one temple"),
        };

    /// <summary>The face of an analysis whose box holds the point (x, y).</summary>
    public static AnalyzedFace FaceAt(PortraitAnalysis analysis, float x, float y) =>
        analysis.Faces.Single(f => f.Mesh is not null && x >= f.Box.X && x < f.Box.Right && y >= f.Box.Y && y < f.Box.Bottom);

    /// <summary>The reference <paramref name="name"/>: its crop (half a face box of margin) written to <paramref name="folder"/>, analysed with <paramref name="analyze"/>.</summary>
    public static MakeupReference Make(string name, PlanarImage photo, PortraitAnalysis photoAnalysis, Func<PlanarImage, PortraitAnalysis> analyze, string folder)
    {
        var (_, x, y, _) = Faces[name];
        var box = FaceAt(photoAnalysis, x, y).Box;
        float margin = 0.5f * box.Size;
        int x0 = Math.Max(0, (int)(box.X - margin)), y0 = Math.Max(0, (int)(box.Y - margin));
        int x1 = Math.Min(photo.Width, (int)(box.Right + margin)), y1 = Math.Min(photo.Height, (int)(box.Bottom + margin));
        var crop = photo.Crop(x0, y0, x1 - x0, y1 - y0);
        var path = Path.Combine(folder, $"makeup-reference-{name}.png");
        ImageFile.SavePng(crop, path);
        return new MakeupReference(path, crop, analyze(crop));
    }
}
