using System.Numerics;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// The 468 MediaPipe mesh points of one face in photo pixels (z: depth relative to the face centre,
/// same scale as x and y, smaller is nearer the camera), the probability that the crop held a face,
/// and the crop the network saw.
/// </summary>
public sealed record FaceMesh(Vector3[] Points, float Presence, FaceCrop Crop)
{
    public Vector2 Point(int index) => new(Points[index].X, Points[index].Y);

    /// <summary>Centre of the person's left eye (image right): mean of its contour.</summary>
    public Vector2 LeftEyeCenter => Mean(FaceMeshTopology.LeftEye);

    /// <summary>Centre of the person's right eye (image left): mean of its contour.</summary>
    public Vector2 RightEyeCenter => Mean(FaceMeshTopology.RightEye);

    public Vector2 MouthCenter => Mean(FaceMeshTopology.LipsOuter);

    /// <summary>Distance between the outer eye corners: the face's size for feathers and margins.</summary>
    public float EyeSpan => Vector2.Distance(Point(FaceMeshTopology.LeftEyeOuterCorner), Point(FaceMeshTopology.RightEyeOuterCorner));

    private Vector2 Mean(int[] indices)
    {
        var sum = Vector2.Zero;
        foreach (int i in indices) sum += Point(i);
        return sum / indices.Length;
    }
}
