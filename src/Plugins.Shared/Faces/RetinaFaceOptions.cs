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

    public SessionSettings Session { get; init; } = SessionSettings.Default;
}
