using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Warp;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The reference face ready to be warped: its patch in CIELAB at about the target's working scale (area
/// downsampled first when it is larger, so the warp does not alias), plus a fourth plane marking its eyes and
/// mouth opening, which must never reach the target.
/// </summary>
internal sealed class ReferencePatch
{
    private ReferencePatch(PlanarImage labAndFeatures, Vector2[] mesh, float eyeSpan)
    {
        Planes = labAndFeatures; Mesh = mesh; EyeSpan = eyeSpan;
    }

    /// <summary>L, a, b and the eyes-and-mouth plane.</summary>
    public PlanarImage Planes { get; }
    public Vector2[] Mesh { get; }
    public float EyeSpan { get; }

    public static ReferencePatch Make(PlanarImage image, Vector3[] mesh, float targetEyeSpan)
    {
        var area = FaceWorkspace.For(mesh, image.Width, image.Height, targetEyeSpan)
            ?? throw new ArgumentException("the reference face lies outside its photo");
        var rgb = area.Take(image);
        var lab = CieLab.FromSrgb(rgb);
        var planes = new PlanarImage(lab.Width, lab.Height, 4);
        lab.Data.CopyTo(planes.Data, 0);
        var zones = new MakeupZoneMasks(area.Mesh, area.WorkWidth, area.WorkHeight);
        // The reference's eyes and mouth opening, a little beyond their drawn edge (never its lips or lids).
        var openings = planes.Plane(3);
        for (int i = 0; i < openings.Length; i++) openings[i] = Math.Clamp(3 * zones.EyesAndMouth[i], 0, 1);
        return new ReferencePatch(planes, area.Mesh, area.EyeSpan);
    }

    /// <summary>
    /// The reference warped onto a target face (piecewise affine over a Delaunay triangulation of the target's
    /// mesh: the same triangles index the reference's mesh), and the coverage: each triangle's trust, 1 where the
    /// warp reached through a well-shaped reference triangle.
    /// </summary>
    public (PlanarImage Warped, PlanarImage Coverage) WarpOnto(Vector2[] targetMesh, float targetEyeSpan, int width, int height, CancellationToken cancellation)
    {
        var triangles = DelaunayTriangulation.Of(targetMesh);
        var trust = triangles.Select(t => Trust(t, targetMesh, targetEyeSpan)).ToArray();
        var warped = new PlanarImage(width, height, Planes.Channels);
        var coverage = new PlanarImage(width, height, 1);
        PiecewiseAffineWarp.Apply(Planes, Mesh, warped, targetMesh, triangles, coverage, trust, cancellation);
        return (warped, coverage);
    }

    /// <summary>
    /// How far a reference triangle can be trusted: where the reference face turns away from the camera its
    /// triangles shrink (foreshortened) or flip (hidden behind the nose or cheek), and what they show is
    /// squeezed or not that part of the face at all. Area relative to the eye span², reference over target:
    /// 1 from a ratio of 0.5 up, falling to 0 at 0.2, and 0 for a flipped triangle.
    /// </summary>
    private float Trust(Triangle t, Vector2[] target, float targetEyeSpan)
    {
        float reference = SignedArea(Mesh[t.A], Mesh[t.B], Mesh[t.C]) / (EyeSpan * EyeSpan);
        float own = SignedArea(target[t.A], target[t.B], target[t.C]) / (targetEyeSpan * targetEyeSpan);
        if (MathF.Abs(own) < 1e-9f) return 0;
        float ratio = reference / own;
        return Math.Clamp((ratio - 0.2f) / 0.3f, 0, 1);
    }

    private static float SignedArea(Vector2 a, Vector2 b, Vector2 c) => 0.5f * ((b.X - a.X) * (c.Y - a.Y) - (b.Y - a.Y) * (c.X - a.X));
}
