using System.Numerics;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// Soft masks of face parts drawn from a 468-point mesh (photo pixels), at any resolution: polygons
/// from MediaPipe's contour lists, filled with anti-aliasing, then feathered by a Gaussian whose width
/// follows the face's size (the distance between the outer eye corners), so a small face in a group
/// photo and a close-up get the same look.
/// </summary>
public sealed class FaceRegions
{
    private readonly Vector2[] _points;

    public FaceRegions(IReadOnlyList<Vector3> mesh)
    {
        ArgumentNullException.ThrowIfNull(mesh);
        if (mesh.Count != FaceMeshTopology.PointCount)
            throw new ArgumentException($"a face mesh has {FaceMeshTopology.PointCount} points, got {mesh.Count}", nameof(mesh));
        _points = mesh.Select(p => new Vector2(p.X, p.Y)).ToArray();
        if (_points.Any(p => !float.IsFinite(p.X) || !float.IsFinite(p.Y)))
            throw new ArgumentException("the face mesh holds a point that is not a finite number", nameof(mesh));
        EyeSpan = Vector2.Distance(_points[FaceMeshTopology.LeftEyeOuterCorner], _points[FaceMeshTopology.RightEyeOuterCorner]);
    }

    public FaceRegions(FaceMesh mesh) : this(mesh.Points) { }

    /// <summary>Distance between the outer eye corners in photo pixels.</summary>
    public float EyeSpan { get; }

    /// <summary>Feather (Gaussian sigma) of the face contour, as a fraction of <see cref="EyeSpan"/>.</summary>
    public float OvalFeather { get; init; } = 0.04f;

    /// <summary>Feather of eyes, brows, lips, mouth and nostrils, as a fraction of <see cref="EyeSpan"/>.</summary>
    public float FeatureFeather { get; init; } = 0.015f;

    /// <summary>
    /// A new one-plane mask of <paramref name="width"/> x <paramref name="height"/> holding the region;
    /// <paramref name="scale"/> is mask pixels per photo pixel (0.25 for a quarter-size mask).
    /// </summary>
    public PlanarImage Mask(FaceRegion region, int width, int height, float scale = 1f)
    {
        var mask = new PlanarImage(width, height, 1);
        AddTo(mask, region, scale);
        return mask;
    }

    /// <summary>Draws the region into an existing one-plane mask, keeping the larger value (several faces share one mask).</summary>
    public void AddTo(PlanarImage mask, FaceRegion region, float scale = 1f)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Channels != 1) throw new ArgumentException($"a mask has one plane, got {mask.Channels}", nameof(mask));
        if (!(scale > 0)) throw new ArgumentOutOfRangeException(nameof(scale), "scale must be positive");

        var loops = Loops(region == FaceRegion.Skin ? FaceRegion.FaceOval : region);
        float ovalSigma = OvalFeather * EyeSpan * scale, featureSigma = FeatureFeather * EyeSpan * scale;
        float sigma = region is FaceRegion.FaceOval or FaceRegion.Skin ? ovalSigma : featureSigma;
        var area = LocalArea.Around(loops, scale, GaussianFeather.Reach(sigma) + 2, mask.Width, mask.Height);
        if (area is null) return;
        var a = area.Value;

        float[] local = a.Fill(loops, scale);
        GaussianFeather.Blur(local, a.Width, a.Height, sigma);
        if (region == FaceRegion.Skin)
        {
            // Keep skin on the inside of the contour and away from the features: the oval's soft edge moved
            // inward by about one feather, times one minus the features grown outward by about one feather.
            float[] features = a.Fill(FeatureLoops(), scale);
            GaussianFeather.Blur(features, a.Width, a.Height, ovalSigma / 2);
            for (int i = 0; i < local.Length; i++)
            {
                float inside = Math.Clamp(2 * local[i] - 1, 0, 1);
                float feature = Math.Clamp(2 * features[i], 0, 1);
                local[i] = inside * (1 - feature);
            }
        }
        a.MaxInto(mask, local);
    }

    /// <summary>The region's outline(s) in photo pixels (even-odd: the lips are the outer loop with the mouth opening as a hole).</summary>
    public IReadOnlyList<Vector2[]> Loops(FaceRegion region) => region switch
    {
        FaceRegion.FaceOval or FaceRegion.Skin => [Loop(FaceMeshTopology.FaceOval)],
        FaceRegion.Lips => [Loop(FaceMeshTopology.LipsOuter), Loop(FaceMeshTopology.LipsInner)],
        FaceRegion.InnerMouth => [Loop(FaceMeshTopology.LipsInner)],
        FaceRegion.Eyes => [Loop(FaceMeshTopology.LeftEye), Loop(FaceMeshTopology.RightEye)],
        FaceRegion.Brows => [Loop(FaceMeshTopology.LeftEyebrow), Loop(FaceMeshTopology.RightEyebrow)],
        FaceRegion.Nostrils => [Loop(FaceMeshTopology.LeftNostril), Loop(FaceMeshTopology.RightNostril)],
        _ => throw new ArgumentOutOfRangeException(nameof(region), region, "unknown face region"),
    };

    /// <summary>Everything skin must avoid; the whole outer lip loop, so the mouth opening is covered too.</summary>
    private Vector2[][] FeatureLoops() =>
    [
        Loop(FaceMeshTopology.LeftEye), Loop(FaceMeshTopology.RightEye),
        Loop(FaceMeshTopology.LeftEyebrow), Loop(FaceMeshTopology.RightEyebrow),
        Loop(FaceMeshTopology.LipsOuter),
        Loop(FaceMeshTopology.LeftNostril), Loop(FaceMeshTopology.RightNostril),
    ];

    private Vector2[] Loop(int[] indices) => Array.ConvertAll(indices, i => _points[i]);

    /// <summary>The rectangle of the mask a face touches (its outline plus the feather), and the work on it.</summary>
    private readonly record struct LocalArea(int X, int Y, int Width, int Height)
    {
        public static LocalArea? Around(IReadOnlyList<Vector2[]> loops, float scale, int margin, int maskWidth, int maskHeight)
        {
            float minX = float.MaxValue, minY = float.MaxValue, maxX = float.MinValue, maxY = float.MinValue;
            foreach (var loop in loops)
                foreach (var p in loop)
                {
                    minX = MathF.Min(minX, p.X * scale); maxX = MathF.Max(maxX, p.X * scale);
                    minY = MathF.Min(minY, p.Y * scale); maxY = MathF.Max(maxY, p.Y * scale);
                }
            // Not clipped to the mask: a face cut by the photo's edge is drawn (and blurred) whole, so its
            // mask does not fade toward the edge; only the part inside the mask is kept.
            // (Bounded to three mask sizes around the mask, so a stray mesh cannot ask for a huge buffer.)
            int x0 = (int)Math.Max(MathF.Floor(minX) - margin, -maskWidth), y0 = (int)Math.Max(MathF.Floor(minY) - margin, -maskHeight);
            int x1 = (int)Math.Min(MathF.Ceiling(maxX) + margin, 2f * maskWidth), y1 = (int)Math.Min(MathF.Ceiling(maxY) + margin, 2f * maskHeight);
            bool touches = x1 > 0 && y1 > 0 && x0 < maskWidth && y0 < maskHeight;
            return touches ? new LocalArea(x0, y0, x1 - x0, y1 - y0) : null;
        }

        /// <summary>Hard coverage of the loops (photo pixels, scaled to mask pixels) over this area.</summary>
        public float[] Fill(IEnumerable<Vector2[]> loops, float scale)
        {
            var buffer = new float[Width * Height];
            PolygonCoverage.Fill(buffer, Width, Height, X, Y, loops.Select(l => Array.ConvertAll(l, p => p * scale)));
            for (int i = 0; i < buffer.Length; i++) buffer[i] = Math.Clamp(buffer[i], 0, 1);
            return buffer;
        }

        public void MaxInto(PlanarImage mask, float[] local)
        {
            int xs = Math.Max(0, X), xe = Math.Min(mask.Width, X + Width);
            int ys = Math.Max(0, Y), ye = Math.Min(mask.Height, Y + Height);
            for (int y = ys; y < ye; y++)
            {
                var row = mask.Row(0, y);
                var src = local.AsSpan((y - Y) * Width, Width);
                for (int x = xs; x < xe; x++) row[x] = MathF.Max(row[x], Math.Clamp(src[x - X], 0, 1));
            }
        }
    }
}
