using System.Numerics;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Faces;

/// <summary>An axis-aligned box in photo pixels.</summary>
public readonly record struct PixelBox(float X, float Y, float Width, float Height)
{
    public float Right => X + Width;
    public float Bottom => Y + Height;
    public Vector2 Center => new(X + Width / 2, Y + Height / 2);
    public float Size => MathF.Max(Width, Height);
}

/// <summary>
/// One face as the effects see it: the detector's box and score, its five landmarks (left eye,
/// right eye, nose tip, left and right mouth corner, photo pixels) and, when the mesh ran, the
/// 468 MediaPipe mesh points (photo pixels, z in the same scale).
/// </summary>
public sealed record AnalyzedFace(PixelBox Box, float Score, Vector2[] Landmarks5, Vector3[]? Mesh);

/// <summary>
/// Everything an effect needs to know about a photo, computed once by Analyze and reused by every
/// Render (a slider move never re-analyzes). All masks are full-resolution soft masks in [0, 1].
/// </summary>
public sealed class PortraitAnalysis
{
    public PortraitAnalysis(int width, int height, IReadOnlyList<AnalyzedFace> faces,
        PlanarImage skinMask, PlanarImage faceSkinMask, PlanarImage featureMask, PlanarImage? personMask)
        : this(new Lazy<PlanarImage>(skinMask), new Lazy<PlanarImage?>(personMask), width, height, faces, faceSkinMask, featureMask)
    {
        Check(skinMask);
    }

    /// <summary>
    /// With the whole-photo skin and the person mask made on first use: the default retouch reads neither (face skin
    /// and features only), so the analyzer builds body skin and carries both up to full size only when asked.
    /// </summary>
    internal static PortraitAnalysis WithLazyMasks(int width, int height, IReadOnlyList<AnalyzedFace> faces,
        Lazy<PlanarImage> skinMask, PlanarImage faceSkinMask, PlanarImage featureMask, Lazy<PlanarImage?> personMask) =>
        new(skinMask, personMask, width, height, faces, faceSkinMask, featureMask);

    private PortraitAnalysis(Lazy<PlanarImage> skinMask, Lazy<PlanarImage?> personMask, int width, int height, IReadOnlyList<AnalyzedFace> faces,
        PlanarImage faceSkinMask, PlanarImage featureMask)
    {
        Width = width; Height = height; Faces = faces;
        Check(faceSkinMask);
        Check(featureMask);
        FaceSkinMask = faceSkinMask; FeatureMask = featureMask; _skinMask = skinMask; _personMask = personMask;
    }

    private void Check(PlanarImage m)
    {
        if (m.Width != Width || m.Height != Height || m.Channels != 1)
            throw new ArgumentException($"masks must be one plane of {Width}x{Height}");
    }

    private readonly Lazy<PlanarImage> _skinMask;

    public int Width { get; }
    public int Height { get; }
    public IReadOnlyList<AnalyzedFace> Faces { get; }

    /// <summary>All skin of the photo: face skin plus neck, shoulders, arms (colour model, bounded by the person).</summary>
    public PlanarImage SkinMask => _skinMask.Value;

    /// <summary>Skin of the faces only: face oval minus eyes, brows, lips, nostrils.</summary>
    public PlanarImage FaceSkinMask { get; }

    /// <summary>Eyes, brows, lips, inner mouth and nostrils, slightly dilated: places effects must not alter.</summary>
    public PlanarImage FeatureMask { get; }

    private readonly Lazy<PlanarImage?> _personMask;

    /// <summary>The person (u2netp), if computed.</summary>
    public PlanarImage? PersonMask => _personMask.Value;

    public bool HasFaces => Faces.Count > 0;
}
