using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// Finds faces with RetinaFace MobileNet-0.25 (retinaface@0.0.6, mnet.25_v2, MIT). The photo
/// (and, for large photos, overlapping tiles of it; see <see cref="DetectionViews"/>) is
/// letterboxed into the 640x640 input as raw RGB 0-255, decoded per stride, and the candidates
/// of all views are merged by non-maximum suppression; a face inside a larger one is dropped. A photo without
/// faces gives an empty list. The analyzer gives it a working-resolution copy of the photo, so the number of
/// views is bounded whatever the photo's size.
/// </summary>
public sealed class RetinaFaceDetector : IDisposable
{
    public const string ModelFile = "retinaface_mnet025_v2.onnx";
    public const int InputSize = 640;
    private const string InputName = "data";

    /// <summary>Tile detections closer than this share of the tile to an inner tile edge are cut faces; another view has them whole.</summary>
    private const float TileEdgeMargin = 0.01f;

    private readonly OnnxSession _session;

    public RetinaFaceDetector(OnnxRuntimeEnvironment environment, AssetCatalog catalog, RetinaFaceOptions? options = null)
    {
        Options = options ?? new RetinaFaceOptions();
        _session = environment.OpenSession(catalog.ModelPath(ModelFile), Options.Session);
        var input = _session.Input(InputName);
        if (input.Shape is not [1, 3, InputSize, InputSize])
            throw new InvalidDataException($"model '{ModelFile}': input '{InputName}' is {input}, expected [1,3,{InputSize},{InputSize}]");
        foreach (int stride in RetinaFaceDecoder.Strides)
        {
            _session.Output(RetinaFaceDecoder.ScoresName(stride));
            _session.Output(RetinaFaceDecoder.BoxesName(stride));
            _session.Output(RetinaFaceDecoder.LandmarksName(stride));
        }
    }

    public RetinaFaceOptions Options { get; }

    /// <summary>The execution provider the detector runs on.</summary>
    public string ExecutionProvider => _session.ExecutionProvider;

    /// <summary>Faces in <paramref name="image"/> (RGB or RGBA planes in [0, 1], or one grey plane), left to right.</summary>
    public IReadOnlyList<DetectedFace> Detect(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var views = DetectionViews.Plan(image.Width, image.Height, Options.TileSize);
        // The whole view first: the tiles only look for faces smaller than it can see, which a portrait does not need.
        var candidates = DetectInView(image, views[0]);
        var faces = Merged(candidates);
        float largest = faces.Count == 0 ? 0 : faces.Max(f => Math.Max(f.Box.Width, f.Box.Height));
        if (views.Count > 1 && DetectionViews.TilesWanted(image.Width, image.Height, largest, Options.PortraitFaceShare))
        {
            foreach (var view in views.Skip(1))
                candidates.AddRange(DetectInView(image, view).Where(f => !TouchesInnerEdge(f.Box, view, image)));
            faces = Merged(candidates);
        }
        return faces
            .Select(f => f with { Box = f.Box.ClampTo(image.Width, image.Height) })
            .OrderBy(f => f.Box.Left).ThenBy(f => f.Box.Top)
            .ToList();
    }

    private List<DetectedFace> Merged(List<DetectedFace> candidates) =>
        NonMaxSuppression.WithoutNested(NonMaxSuppression.Apply(candidates, Options.NmsIoU, containmentThreshold: 0.8f));

    /// <summary>Runs the network once on <paramref name="view"/>, shrunk to fit 640x640 and padded with black at the right and bottom.</summary>
    private List<DetectedFace> DetectInView(PlanarImage image, DetectionView view)
    {
        float scale = Math.Min(1f, (float)InputSize / Math.Max(view.Width, view.Height));
        int w = Math.Clamp((int)MathF.Round(view.Width * scale), 1, InputSize);
        int h = Math.Clamp((int)MathF.Round(view.Height * scale), 1, InputSize);
        var resized = Resampler.Resize(image, view.X, view.Y, view.Width, view.Height, w, h);

        const int plane = InputSize * InputSize;
        var input = new float[3 * plane];
        for (int c = 0; c < 3; c++)
        {
            int sourceChannel = resized.Channels >= 3 ? c : 0;
            for (int y = 0; y < h; y++)
            {
                var row = resized.Row(sourceChannel, y);
                var dst = input.AsSpan(c * plane + y * InputSize, w);
                for (int x = 0; x < w; x++) dst[x] = Math.Clamp(row[x], 0f, 1f) * 255f;
            }
        }
        var outputs = _session.Run([new NamedTensor(InputName, [1, 3, InputSize, InputSize], input)]);
        return RetinaFaceDecoder.Decode(outputs, Options.ScoreThreshold, view.X, view.Y, (float)w / view.Width, (float)h / view.Height);
    }

    private static bool TouchesInnerEdge(FaceBox box, DetectionView view, PlanarImage image)
    {
        float margin = TileEdgeMargin * Math.Max(view.Width, view.Height);
        return (view.X > 0 && box.Left < view.X + margin)
            || (view.Y > 0 && box.Top < view.Y + margin)
            || (view.Right < image.Width && box.Right > view.Right - margin)
            || (view.Bottom < image.Height && box.Bottom > view.Bottom - margin);
    }

    public void Dispose() => _session.Dispose();
}
