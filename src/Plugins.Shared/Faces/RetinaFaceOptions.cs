using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Faces;

/// <summary>Settings of <see cref="RetinaFaceDetector"/>; the defaults were checked on the six sample photos.</summary>
public sealed record RetinaFaceOptions
{
    /// <summary>Lowest face probability kept.</summary>
    public float ScoreThreshold { get; init; } = 0.6f;

    /// <summary>Candidates overlapping a better one by more than this IoU are the same face.</summary>
    public float NmsIoU { get; init; } = 0.4f;

    /// <summary>
    /// Side of the tiles (photo pixels) searched in addition to the whole photo when the photo is
    /// larger than 1.25 tiles; 0 searches the whole photo only. 1280 finds faces down to about 32 px.
    /// </summary>
    public int TileSize { get; init; } = 1280;

    /// <summary>
    /// When the whole photo already holds a face this large (share of the long side), the tiles are not searched
    /// (<see cref="DetectionViews.TilesWanted"/>): on a 2048 px close-up they cost four of the five network runs and
    /// could only add faces under 51 px beside one of 400 px or more. 0 always searches the tiles.
    /// </summary>
    public float PortraitFaceShare { get; init; } = 0.2f;

    public SessionSettings Session { get; init; } = SessionSettings.Default;
}
