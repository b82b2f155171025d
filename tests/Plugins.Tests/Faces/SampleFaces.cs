using System.Numerics;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Tests.Faces;

/// <summary>
/// Faces marked by hand on the demo photos (box and the two eyes as they appear in the image, photo
/// pixels, read off the photos at display scale, so good to about 10 px): the landmarker's input
/// without depending on the detector.
/// </summary>
internal static class SampleFaces
{
    public sealed record MarkedFace(PixelBox Box, Vector2 LeftEye, Vector2 RightEye);

    public static readonly IReadOnlyDictionary<string, MarkedFace[]> ByPhoto = new Dictionary<string, MarkedFace[]>
    {
        ["sample1.jpg"] =
        [
            new(new PixelBox(407, 364, 200, 200), new(436, 460), new(517, 461)),
            new(new PixelBox(829, 429, 200, 214), new(869, 547), new(946, 517)),
            new(new PixelBox(1486, 214, 200, 214), new(1554, 311), new(1619, 337)),
        ],
    };

    public static PlanarImage Load(string photo) => ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", photo)).Pixels;

    /// <summary>The repository's models/ folder (the reference script and its node_modules), found from the test binaries upward.</summary>
    public static string ModelsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "models");
            if (File.Exists(Path.Combine(candidate, "facemesh-reference.mjs"))) return candidate;
        }
        throw new DirectoryNotFoundException($"no models/facemesh-reference.mjs above {AppContext.BaseDirectory}");
    }
}
