using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;

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
/// The analysis' masks that may be built on first use from the photo's pixels: the whole-photo skin
/// (<see cref="PortraitAnalysis.SkinMask"/>) and the person (<see cref="PortraitAnalysis.PersonMask"/>).
/// </summary>
[Flags]
public enum WholePhotoMasks
{
    None = 0,
    Skin = 1,
    Person = 2,
}

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
    /// <param name="workingSkinMask">The whole-photo skin at the analysis' working size, before its carry to full size (null when it ran at full size).</param>
    /// <param name="workingPersonMask">The person mask at the same working size.</param>
    internal static PortraitAnalysis WithLazyMasks(int width, int height, IReadOnlyList<AnalyzedFace> faces,
        Lazy<PlanarImage> skinMask, PlanarImage faceSkinMask, PlanarImage featureMask, Lazy<PlanarImage?> personMask,
        Lazy<PlanarImage>? workingSkinMask = null, PlanarImage? workingPersonMask = null) =>
        new(skinMask, personMask, width, height, faces, faceSkinMask, featureMask, workingSkinMask, workingPersonMask);

    private PortraitAnalysis(Lazy<PlanarImage> skinMask, Lazy<PlanarImage?> personMask, int width, int height, IReadOnlyList<AnalyzedFace> faces,
        PlanarImage faceSkinMask, PlanarImage featureMask, Lazy<PlanarImage>? workingSkinMask = null, PlanarImage? workingPersonMask = null)
    {
        _workingSkinMask = workingSkinMask;
        _workingPersonMask = workingPersonMask;
        Width = width; Height = height; Faces = faces;
        Check(faceSkinMask);
        Check(featureMask);
        FaceSkinMask = faceSkinMask; FeatureMask = featureMask; _skinMask = skinMask; _personMask = personMask;
    }

    /// <summary>
    /// The most one analysis holds per photo pixel: four full-size mask planes (face skin, features, and skin and person
    /// once carried up, 16 B) and, while a carry is still pending, the photo it is guided by (up to 16 B, RGBA floats).
    /// </summary>
    public const int MaxHeldBytesPerPixel = 32;

    /// <summary>An upper bound of the memory this analysis keeps alive (<see cref="MaxHeldBytesPerPixel"/>); what a cache of analyses budgets.</summary>
    public long MaxHeldBytes => (long)Width * Height * MaxHeldBytesPerPixel;

    private void Check(PlanarImage m)
    {
        if (m.Width != Width || m.Height != Height || m.Channels != 1)
            throw new ArgumentException($"masks must be one plane of {Width}x{Height}");
    }

    private readonly Lazy<PlanarImage> _skinMask;
    private WholePhotoMasks _released;
    private readonly Lazy<PlanarImage>? _workingSkinMask;
    private readonly PlanarImage? _workingPersonMask;

    public int Width { get; }
    public int Height { get; }
    public IReadOnlyList<AnalyzedFace> Faces { get; }

    /// <summary>All skin of the photo: face skin plus neck, shoulders, arms (colour model, bounded by the person).</summary>
    public PlanarImage SkinMask => Built(_skinMask, WholePhotoMasks.Skin)!;

    /// <summary>Skin of the faces only: face oval minus eyes, brows, lips, nostrils.</summary>
    public PlanarImage FaceSkinMask { get; }

    /// <summary>Eyes, brows, lips, inner mouth and nostrils, slightly dilated: places effects must not alter.</summary>
    public PlanarImage FeatureMask { get; }

    private readonly Lazy<PlanarImage?> _personMask;

    /// <summary>The person (u2netp), if computed.</summary>
    public PlanarImage? PersonMask => Built(_personMask, WholePhotoMasks.Person);

    public bool HasFaces => Faces.Count > 0;

    /// <summary>
    /// Called before the photo this analysis was made from is changed (a file run renders into the decoded planes
    /// instead of a copy). The whole-photo masks in <paramref name="stillRead"/> that are not built yet are built now,
    /// from the untouched photo; any other one not built yet can no longer be built and throws when read, since built
    /// later it would read the changed pixels. Masks already built are unaffected.
    /// </summary>
    public void ReleasePhoto(WholePhotoMasks stillRead)
    {
        if (stillRead.HasFlag(WholePhotoMasks.Skin)) _ = SkinMask;
        if (stillRead.HasFlag(WholePhotoMasks.Person)) _ = PersonMask;
        _released |= ~stillRead & (WholePhotoMasks.Skin | WholePhotoMasks.Person);
    }

    private T Built<T>(Lazy<T> mask, WholePhotoMasks which) =>
        mask.IsValueCreated || !_released.HasFlag(which) ? mask.Value
            : throw new InvalidOperationException(
                $"the whole-photo {which.ToString().ToLowerInvariant()} mask was read after the photo was changed, though the effect " +
                "did not declare it (EffectInput.WorkingImage): built now it would follow the changed pixels");

    /// <summary>
    /// <see cref="SkinMask"/> at a size no larger than the photo's, for work done below full resolution (the garment
    /// mask at 1024 px, a preview). Resampled from the analysis' working-size mask when it has one at least that large,
    /// so the full-size mask is not built for it: on a 24 MP photo that carry (guided upsampling of body skin) costs
    /// about as much as the work that wanted a small mask. Always from the same source, whichever masks were built before,
    /// so a render does not depend on what ran earlier.
    /// </summary>
    public PlanarImage SkinMaskAt(int width, int height) =>
        Reduced(_workingSkinMask?.Value, () => SkinMask, width, height)!;

    /// <summary><see cref="PersonMask"/> at a size no larger than the photo's, from the working-size mask when there is one (see <see cref="SkinMaskAt"/>).</summary>
    public PlanarImage? PersonMaskAt(int width, int height) =>
        Reduced(_workingPersonMask, () => PersonMask, width, height);

    private PlanarImage? Reduced(PlanarImage? working, Func<PlanarImage?> full, int width, int height)
    {
        if (width > Width || height > Height) throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height} is larger than the photo's {Width}x{Height}");
        var source = working is not null && working.Width >= width && working.Height >= height ? working : full();
        return source is null ? null : source.Width == width && source.Height == height ? source.Clone() : Resampler.Resize(source, width, height);
    }
}
