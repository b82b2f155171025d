using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Faces;

/// <summary>The sample photos, decoded once per test run (they are read-only in the tests).</summary>
internal static class FaceTestData
{
    private static readonly Lazy<PlanarImage>[] Photos =
        Enumerable.Range(1, 6).Select(i => new Lazy<PlanarImage>(() => ImageFile.Load(PhotoPath(i)).Pixels)).ToArray();

    public static string PhotoPath(int index) => Path.Combine(AppContext.BaseDirectory, "testdata", $"sample{index}.jpg");

    public static PlanarImage Photo(int index) => Photos[index - 1].Value;

    /// <summary>Where overlays and masks go for a person to look at.</summary>
    public static string OutputFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "retouch-faces");
        Directory.CreateDirectory(dir);
        return dir;
    }
}
