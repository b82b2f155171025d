namespace RetouchPlugins.Shared.Faces;

/// <summary>A point in image pixels (x to the right, y down; pixel centres at +0.5).</summary>
public readonly record struct FacePoint(float X, float Y);

/// <summary>An axis-aligned box in image pixels: [Left, Right) x [Top, Bottom).</summary>
public readonly record struct FaceBox(float Left, float Top, float Right, float Bottom)
{
    public float Width => Right - Left;
    public float Height => Bottom - Top;
    public float Area => Math.Max(0, Width) * Math.Max(0, Height);
    public FacePoint Center => new((Left + Right) / 2, (Top + Bottom) / 2);

    public bool Contains(FacePoint p) => p.X >= Left && p.X < Right && p.Y >= Top && p.Y < Bottom;

    public float IntersectionArea(FaceBox other) =>
        Math.Max(0, Math.Min(Right, other.Right) - Math.Max(Left, other.Left)) *
        Math.Max(0, Math.Min(Bottom, other.Bottom) - Math.Max(Top, other.Top));

    /// <summary>Intersection over union, 0 for disjoint boxes.</summary>
    public float IoU(FaceBox other)
    {
        float inter = IntersectionArea(other);
        float union = Area + other.Area - inter;
        return union > 0 ? inter / union : 0;
    }

    /// <summary>This box cut to [0, width) x [0, height).</summary>
    public FaceBox ClampTo(int width, int height) =>
        new(Math.Clamp(Left, 0, width), Math.Clamp(Top, 0, height), Math.Clamp(Right, 0, width), Math.Clamp(Bottom, 0, height));

    public override string ToString() => $"({Left:0},{Top:0})-({Right:0},{Bottom:0})";
}

/// <summary>
/// One detected face: its box, the detector's confidence in [0, 1], and five landmarks in image
/// pixels in RetinaFace's order: the eye on the image's left, the eye on the image's right, the
/// nose tip, the mouth corner on the image's left, the mouth corner on the image's right.
/// </summary>
public sealed record DetectedFace(FaceBox Box, float Score, IReadOnlyList<FacePoint> Landmarks)
{
    public FacePoint LeftEye => Landmarks[0];
    public FacePoint RightEye => Landmarks[1];
    public FacePoint Nose => Landmarks[2];
    public FacePoint MouthLeft => Landmarks[3];
    public FacePoint MouthRight => Landmarks[4];

    public override string ToString() => $"face {Box} score {Score:0.000}";
}
