using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// One face's patch of a photo: the full-resolution rectangle around its mesh, and the working size the
/// makeup is computed at (area-downsampled so the eye span is at most <see cref="WorkingEyeSpan"/> pixels).
/// The makeup changes are smooth (structure and colour bands; the face's own detail is never recomputed), so
/// working small and carrying the change up bilinearly costs nothing visible and keeps a 24 MP portrait fast.
/// </summary>
internal sealed class FaceWorkspace
{
    /// <summary>Eye span (outer corners) at the working size, in pixels.</summary>
    public const float WorkingEyeSpan = 96;

    /// <summary>Margin around the mesh, in eye spans: room for the feathers and the solvers' boundary.</summary>
    private const float Margin = 0.25f;

    private FaceWorkspace(int x, int y, int width, int height, int workWidth, int workHeight, Vector2[] fullMesh)
    {
        X = x; Y = y; Width = width; Height = height; WorkWidth = workWidth; WorkHeight = workHeight;
        ScaleX = (float)workWidth / width; ScaleY = (float)workHeight / height;
        Mesh = Array.ConvertAll(fullMesh, p => new Vector2((p.X - x) * ScaleX, (p.Y - y) * ScaleY));
        EyeSpan = Vector2.Distance(Mesh[FaceMeshTopology.LeftEyeOuterCorner], Mesh[FaceMeshTopology.RightEyeOuterCorner]);
    }

    /// <summary>The full-resolution rectangle [X, X + Width) x [Y, Y + Height).</summary>
    public int X { get; }
    public int Y { get; }
    public int Width { get; }
    public int Height { get; }
    public int WorkWidth { get; }
    public int WorkHeight { get; }
    public float ScaleX { get; }
    public float ScaleY { get; }

    /// <summary>The 468 mesh points in working pixels.</summary>
    public Vector2[] Mesh { get; }

    /// <summary>Eye span in working pixels.</summary>
    public float EyeSpan { get; }

    /// <summary>The workspace of a face, or null when its mesh lies outside the photo or is degenerate.</summary>
    public static FaceWorkspace? For(IReadOnlyList<Vector3> mesh, int imageWidth, int imageHeight, float maxEyeSpan = WorkingEyeSpan)
    {
        var points = mesh.Select(p => new Vector2(p.X, p.Y)).ToArray();
        if (points.Length != FaceMeshTopology.PointCount || points.Any(p => !float.IsFinite(p.X) || !float.IsFinite(p.Y))) return null;
        float eyeSpan = Vector2.Distance(points[FaceMeshTopology.LeftEyeOuterCorner], points[FaceMeshTopology.RightEyeOuterCorner]);
        if (!(eyeSpan >= 4)) return null;
        float margin = Margin * eyeSpan;
        int x0 = Math.Max(0, (int)MathF.Floor(points.Min(p => p.X) - margin)), y0 = Math.Max(0, (int)MathF.Floor(points.Min(p => p.Y) - margin));
        int x1 = Math.Min(imageWidth, (int)MathF.Ceiling(points.Max(p => p.X) + margin)), y1 = Math.Min(imageHeight, (int)MathF.Ceiling(points.Max(p => p.Y) + margin));
        if (x1 - x0 < 8 || y1 - y0 < 8) return null;
        float scale = MathF.Min(1, maxEyeSpan / eyeSpan);
        int w = x1 - x0, h = y1 - y0;
        return new FaceWorkspace(x0, y0, w, h, Math.Max(8, (int)MathF.Round(w * scale)), Math.Max(8, (int)MathF.Round(h * scale)), points);
    }

    /// <summary>The patch of <paramref name="image"/> at the working size.</summary>
    public PlanarImage Take(PlanarImage image)
    {
        var crop = image.Crop(X, Y, Width, Height);
        return WorkWidth == Width && WorkHeight == Height ? crop : Resample.AreaDownsample(crop, WorkWidth, WorkHeight);
    }

    /// <summary>A working-size plane brought to the full-resolution patch size (bilinear, half-pixel centres).</summary>
    public PlanarImage Upsample(PlanarImage working) =>
        WorkWidth == Width && WorkHeight == Height ? working : Resample.BilinearUpsample(working, Width, Height);
}
