using RetouchPlugins.Benchmarks.Methods;
using RetouchPlugins.Benchmarks.Quality;

namespace RetouchPlugins.Benchmarks;

/// <summary>What the bench compares and where its faces come from: change a method or the analysis here, in one line.</summary>
public static class BenchSetup
{
    /// <summary>The label of our own method, which the report's headline looks for.</summary>
    public const string OursLabel = "ours: SkinPipeline, defaults";

    public static IPortraitAnalysisSource AnalysisSource() => new PortraitAnalyzerSource();

    public static IReadOnlyList<IRetouchMethod> Methods() =>
    [
        new GmicSmoothSkin(),
        new GaussianSkinBlur(),
        new GuidedSkinSmoothing(),
        new OurSkinPipeline(),
        new OurBlemishRemoval(),
    ];

    public static IRetouchMethod Method(string name) =>
        Methods().FirstOrDefault(m => m.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"unknown method '{name}'; known: {string.Join(", ", Methods().Select(m => m.Name))}");

    /// <summary>The demo photos the quality runs paint: sample1.jpg to sample6.jpg.</summary>
    public const int PhotoCount = 6;

    /// <summary>The six pinned group photos copied next to the executable.</summary>
    public static IReadOnlyList<string> Photos(string? directory = null)
    {
        string dir = directory ?? Path.Combine(AppContext.BaseDirectory, "testdata");
        var photos = Enumerable.Range(1, PhotoCount).Select(i => Path.Combine(dir, $"sample{i}.jpg")).ToList();
        var missing = photos.Where(p => !File.Exists(p)).ToList();
        if (missing.Count > 0) throw new FileNotFoundException($"benchmark photos missing: {string.Join(", ", missing)} (build the bench project to stage them)");
        return photos;
    }
}
