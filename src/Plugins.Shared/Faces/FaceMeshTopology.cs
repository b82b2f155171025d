namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// Contours of the 468-point MediaPipe face mesh, as closed polygons of landmark indices. The index
/// lists are MediaPipe's published connection sets (face_mesh_connections.py: FACEMESH_FACE_OVAL,
/// FACEMESH_LIPS, FACEMESH_LEFT_EYE, FACEMESH_RIGHT_EYE, FACEMESH_LEFT_EYEBROW, FACEMESH_RIGHT_EYEBROW),
/// chained into loops. "Left" and "right" are the person's: the left eye appears on the image's right.
/// </summary>
public static class FaceMeshTopology
{
    public const int PointCount = 468;

    public const int RightEyeOuterCorner = 33, RightEyeInnerCorner = 133;
    public const int LeftEyeOuterCorner = 263, LeftEyeInnerCorner = 362;
    public const int UpperLipTop = 0, LowerLipBottom = 17, MouthLeftCorner = 291, MouthRightCorner = 61;
    public const int NoseTip = 1, Chin = 152, ForeheadTop = 10;

    public static readonly int[] FaceOval =
    [
        10, 338, 297, 332, 284, 251, 389, 356, 454, 323, 361, 288, 397, 365, 379, 378, 400, 377,
        152, 148, 176, 149, 150, 136, 172, 58, 132, 93, 234, 127, 162, 21, 54, 103, 67, 109,
    ];

    /// <summary>Outer edge of the lips.</summary>
    public static readonly int[] LipsOuter =
        [61, 146, 91, 181, 84, 17, 314, 405, 321, 375, 291, 409, 270, 269, 267, 0, 37, 39, 40, 185];

    /// <summary>Inner edge of the lips: the mouth opening.</summary>
    public static readonly int[] LipsInner =
        [78, 95, 88, 178, 87, 14, 317, 402, 318, 324, 308, 415, 310, 311, 312, 13, 82, 81, 80, 191];

    public static readonly int[] LeftEye =
        [263, 249, 390, 373, 374, 380, 381, 382, 362, 398, 384, 385, 386, 387, 388, 466];

    public static readonly int[] RightEye =
        [33, 7, 163, 144, 145, 153, 154, 155, 133, 173, 157, 158, 159, 160, 161, 246];

    /// <summary>Lower brow line 276..285, then the upper line 336..300 back.</summary>
    public static readonly int[] LeftEyebrow = [276, 283, 282, 295, 285, 336, 296, 334, 293, 300];

    /// <summary>Lower brow line 46..55, then the upper line 107..70 back.</summary>
    public static readonly int[] RightEyebrow = [46, 53, 52, 65, 55, 107, 66, 105, 63, 70];

    /// <summary>Nostril openings (not a MediaPipe list: picked on the mesh, see docs/facemesh.md).</summary>
    public static readonly int[] LeftNostril = [309, 392, 289, 305, 290, 250, 458, 459];

    public static readonly int[] RightNostril = [79, 166, 59, 75, 60, 20, 238, 239];
}
