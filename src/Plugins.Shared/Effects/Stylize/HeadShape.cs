using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.StyleBlit;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The head of one face from its mesh: the face oval (grown a little) united with an ellipse over the forehead
/// and the hair, in the face's own frame (x along the eye line, y down the face), so a tilted head gets a tilted
/// mask. Also the mesh points the positional guide is pinned to.
/// </summary>
internal sealed class HeadShape
{
    /// <summary>How far the oval is grown around its centre, and the hair ellipse's size, in face widths/heights.</summary>
    private const float OvalGrowth = 1.08f, HairHalfWidth = 0.66f, HairHalfHeight = 0.72f, HairCentreUp = 0.22f;

    /// <summary>Feather of the head mask, in face widths.</summary>
    public const float Feather = 0.035f;

    /// <summary>
    /// Mesh points for the positional guide (about 140): the contours of oval, eyes, brows and lips, and the nose's
    /// ridge, tip and wings. The FaceBlit authors feed 68 dlib points; more points pin the features more tightly.
    /// </summary>
    public static readonly int[] ControlPoints = FaceMeshTopology.FaceOval
        .Concat(FaceMeshTopology.LeftEye).Concat(FaceMeshTopology.RightEye)
        .Concat(FaceMeshTopology.LeftEyebrow).Concat(FaceMeshTopology.RightEyebrow)
        .Concat(FaceMeshTopology.LipsOuter).Concat(FaceMeshTopology.LipsInner)
        .Concat([168, 6, 197, 195, 5, 4, 1, 2, 98, 327, 129, 358])
        .Distinct().ToArray();

    private readonly Vector2[] _mesh;

    public HeadShape(Vector2[] mesh)
    {
        if (mesh.Length != FaceMeshTopology.PointCount) throw new ArgumentException($"a face mesh has {FaceMeshTopology.PointCount} points, got {mesh.Length}");
        _mesh = mesh;
        var right = mesh[FaceMeshTopology.RightEyeOuterCorner];
        var left = mesh[FaceMeshTopology.LeftEyeOuterCorner];
        var axis = left - right;
        Across = axis.Length() > 1e-3f ? Vector2.Normalize(axis) : Vector2.UnitX;
        Down = new Vector2(-Across.Y, Across.X);
        EyeSpan = axis.Length();
        var oval = FaceMeshTopology.FaceOval.Select(i => mesh[i]).ToArray();
        Centre = oval.Aggregate(Vector2.Zero, (a, b) => a + b) / oval.Length;
        Width = oval.Max(p => Vector2.Dot(p - Centre, Across)) - oval.Min(p => Vector2.Dot(p - Centre, Across));
        Height = oval.Max(p => Vector2.Dot(p - Centre, Down)) - oval.Min(p => Vector2.Dot(p - Centre, Down));
        Width = MathF.Max(Width, 1); Height = MathF.Max(Height, 1);
    }

    public Vector2 Centre { get; }
    public Vector2 Across { get; }
    public Vector2 Down { get; }
    /// <summary>Width of the face oval along the eye line (cheek to cheek), pixels.</summary>
    public float Width { get; }
    public float Height { get; }
    public float EyeSpan { get; }

    public Vector2[] Points(IEnumerable<int> indices) => indices.Select(i => _mesh[i]).ToArray();

    /// <summary>The head outline loops (even-odd fill of separate loops would cut holes, so they are drawn one by one).</summary>
    public Vector2[][] Outline()
    {
        var oval = FaceMeshTopology.FaceOval.Select(i => Centre + (_mesh[i] - Centre) * OvalGrowth).ToArray();
        var hairCentre = Centre - Down * (HairCentreUp * Height);
        var hair = new Vector2[72];
        for (int k = 0; k < hair.Length; k++)
        {
            float t = 2 * MathF.PI * k / hair.Length;
            hair[k] = hairCentre + Across * (MathF.Cos(t) * HairHalfWidth * Width) + Down * (MathF.Sin(t) * HairHalfHeight * Height);
        }
        return [oval, hair];
    }

    /// <summary>
    /// The head mask over [origin, origin + size) of the photo (mask pixel (0,0) covers origin … origin + 1):
    /// coverage of the outline, feathered by <see cref="Feather"/> face widths. Exactly 0 beyond the feather.
    /// </summary>
    public PlanarImage Mask(int originX, int originY, int width, int height)
    {
        // Drawn and feathered at a reduced size where the feather is wide (it stays at least 3 px there), then
        // brought up bilinearly: the same soft edge at a fraction of the cost.
        float sigma = Feather * Width;
        int factor = Math.Max(1, (int)(sigma / 3));
        int w = GuideUpsample.Reduced(width, factor), h = GuideUpsample.Reduced(height, factor);
        var mask = new float[w * h];
        var one = new float[w * h];
        foreach (var loop in Outline())
        {
            Array.Clear(one);
            PolygonCoverage.Fill(one, w, h, 0, 0, [loop.Select(p => (p - new Vector2(originX, originY)) / factor).ToArray()]);
            for (int i = 0; i < mask.Length; i++) mask[i] = MathF.Max(mask[i], Math.Clamp(one[i], 0, 1));
        }
        GaussianFeather.Blur(mask, w, h, sigma / factor);
        var full = factor == 1 ? new PlanarImage(w, h, 1, mask) : GuideUpsample.Upsample(new PlanarImage(w, h, 1, mask), factor, width, height);
        // Inside, the blur's rounding leaves 0.99999…: snap it to 1 so the core of the head is the style's exact colour;
        // the far tail (below 1/1024) to 0, so the photo is untouched there.
        var m = full.Data;
        Parallel.For(0, (height + 63) / 64, band =>
        {
            for (int i = band * 64 * width, end = Math.Min(m.Length, (band + 1) * 64 * width); i < end; i++)
                m[i] = m[i] > 0.999f ? 1 : m[i] < 1f / 1024 ? 0 : Math.Clamp(m[i], 0, 1);
        });
        return full;
    }

    /// <summary>Bounds of the outline plus the feather's reach and <paramref name="margin"/> face widths, clipped to the image.</summary>
    public PixelRect Bounds(int imageWidth, int imageHeight, float margin = 0)
    {
        var all = Outline().SelectMany(l => l).ToArray();
        float pad = GaussianFeather.Reach(Feather * Width) + 2 + margin * Width;
        int x0 = Math.Clamp((int)MathF.Floor(all.Min(p => p.X) - pad), 0, imageWidth - 1);
        int y0 = Math.Clamp((int)MathF.Floor(all.Min(p => p.Y) - pad), 0, imageHeight - 1);
        int x1 = Math.Clamp((int)MathF.Ceiling(all.Max(p => p.X) + pad), x0 + 1, imageWidth);
        int y1 = Math.Clamp((int)MathF.Ceiling(all.Max(p => p.Y) + pad), y0 + 1, imageHeight);
        return new PixelRect(x0, y0, x1 - x0, y1 - y0);
    }
}
