using System.Numerics;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// A face's own axes from its mesh: u along the eye line (image left to right), v perpendicular to it
/// pointing to the chin, both from the face's centre, in photo pixels. Used to tell the head (hair, ears)
/// from the neck below it whatever the head's tilt.
/// </summary>
internal readonly struct FaceFrame
{
    public FaceFrame(FaceMesh mesh, float size)
    {
        var u = mesh.LeftEyeCenter - mesh.RightEyeCenter;
        U = u.LengthSquared() > 0 ? Vector2.Normalize(u) : Vector2.UnitX;
        V = new Vector2(-U.Y, U.X);
        var oval = FaceMeshTopology.FaceOval.Select(mesh.Point).ToArray();
        Origin = oval.Aggregate(Vector2.Zero, (s, p) => s + p) / oval.Length;
        Size = size;
        var origin = Origin; var uAxis = U; var vAxis = V;
        HalfWidth = oval.Max(p => MathF.Abs(Vector2.Dot(p - origin, uAxis)));
        ChinV = Vector2.Dot(mesh.Point(FaceMeshTopology.Chin) - Origin, V);
        ForeheadV = Vector2.Dot(mesh.Point(FaceMeshTopology.ForeheadTop) - Origin, V);
        MouthV = Vector2.Dot(mesh.MouthCenter - Origin, V);
    }

    public Vector2 Origin { get; }
    public Vector2 U { get; }
    public Vector2 V { get; }

    /// <summary>The face's size in photo pixels (the detector box's larger side): the yardstick for distances.</summary>
    public float Size { get; }

    public float HalfWidth { get; }
    public float ChinV { get; }
    public float ForeheadV { get; }
    public float MouthV { get; }

    public (float U, float V) Local(Vector2 p) => (Vector2.Dot(p - Origin, U), Vector2.Dot(p - Origin, V));

    /// <summary>
    /// The head around the face: from above the hairline down to between mouth and chin, a little wider than
    /// the face. Hair and ears live here; body skin does not (the face's own skin comes from the mesh).
    /// </summary>
    public bool InHead(Vector2 p)
    {
        var (u, v) = Local(p);
        float height = ChinV - ForeheadV, width = 1.7f * MathF.Max(HalfWidth, Size / 2), side = MathF.Abs(u);
        return v > ForeheadV - 1.3f * height && v < (MouthV + ChinV) / 2 && side < width;
    }

    /// <summary>Distance from the face's centre in face sizes.</summary>
    public float Reach(Vector2 p) => Vector2.Distance(p, Origin) / Size;
}
