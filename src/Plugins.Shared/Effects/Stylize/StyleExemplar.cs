using System.Collections.Concurrent;
using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// A style: any image with a face (a painting, a drawing, a filtered photo) and the 468 mesh points of that
/// face in its pixels, from our analyzer or, when given, from a landmark file (which always wins: it is how a
/// user corrects a mesh the analyzer got wrong on a painting). With several faces, the largest is the style.
/// </summary>
public sealed class StyleExemplar
{
    private StyleExemplar(string path, PlanarImage image, Vector2[] mesh)
    {
        Path = path; Image = image; Mesh = mesh;
    }

    /// <summary>The style file (for messages).</summary>
    public string Path { get; }

    /// <summary>RGB planes in [0, 1].</summary>
    public PlanarImage Image { get; }

    /// <summary>The style face's 468 mesh points, image pixels.</summary>
    public Vector2[] Mesh { get; }

    /// <summary>Crops made so far, by target eye span in quarter pixels (a few per session: faces of a few sizes).</summary>
    private readonly ConcurrentDictionary<int, Lazy<StyleCrop>> _crops = new();
    private const int MaxCrops = 16;

    /// <summary>
    /// The style's head scaled to a face of eye span <paramref name="targetEyeSpan"/>, with its guides, made once
    /// per size (to a quarter pixel) and kept: a second face of that size, or the same photo rendered again with
    /// other settings, pays nothing for the style.
    /// </summary>
    internal StyleCrop CropFor(float targetEyeSpan)
    {
        int key = (int)MathF.Round(targetEyeSpan * 4);
        if (_crops.Count >= MaxCrops && !_crops.ContainsKey(key)) _crops.Clear(); // bounded: sizes seldom repeat beyond a few
        return _crops.GetOrAdd(key, k => new Lazy<StyleCrop>(() => new StyleCrop(this, k / 4f), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
    }

    /// <summary>
    /// The style from <paramref name="image"/> (the file <paramref name="path"/>): with <paramref name="landmarkPath"/>,
    /// its mesh comes from that file; otherwise from <paramref name="analysis"/> (the analyzer run on the style).
    /// </summary>
    public static StyleExemplar Create(string path, PlanarImage image, PortraitAnalysis? analysis, string? landmarkPath = null)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Channels < 3) throw new InvalidDataException($"{path}: the style image must be RGB, it has {image.Channels} plane(s)");
        IEnumerable<Vector2[]> meshes;
        if (!string.IsNullOrEmpty(landmarkPath)) meshes = LandmarkFile.Read(landmarkPath, image.Width, image.Height);
        else
        {
            if (analysis is not null && (analysis.Width != image.Width || analysis.Height != image.Height))
                throw new ArgumentException($"{path}: the analysis is of a {analysis.Width}x{analysis.Height} image, the style is {image.Width}x{image.Height}");
            meshes = analysis?.Faces.Where(f => f.Mesh is not null).Select(f => f.Mesh!.Select(p => new Vector2(p.X, p.Y)).ToArray()) ?? [];
        }
        var mesh = meshes.MaxBy(EyeSpan) ?? throw new InvalidDataException(
            $"{path}: no face found in the style image; give its face mesh in a landmark file " +
            "(write one with `retouch faces STYLE --json --mesh`, correct the points, pass it as the style landmarks)");
        return new StyleExemplar(path, image, mesh);
    }

    private static float EyeSpan(Vector2[] mesh) =>
        Vector2.Distance(mesh[FaceMeshTopology.LeftEyeOuterCorner], mesh[FaceMeshTopology.RightEyeOuterCorner]);
}
