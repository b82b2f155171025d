using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Benchmarks.Quality;

/// <summary>
/// The bench's own assembly of a <see cref="PortraitAnalysis"/> until the project's PortraitAnalyzer exists:
/// RetinaFace boxes, the 468-point mesh per face, and FaceRegions' face-skin and feature masks. No person mask
/// (the outside-person metric then reads n/a) and no body skin: skin masks are face skin only.
/// </summary>
public sealed class DetectorSkinAnalysisSource : IPortraitAnalysisSource, IDisposable
{
    private readonly OnnxRuntimeEnvironment _environment = new();
    private readonly RetinaFaceDetector _detector;
    private readonly FaceMeshLandmarker _landmarker;

    public DetectorSkinAnalysisSource()
    {
        _detector = new RetinaFaceDetector(_environment, AssetCatalog.ForApplication());
        _landmarker = new FaceMeshLandmarker(_environment);
    }

    public string Description => "RetinaFace boxes + 468-point mesh + FaceRegions skin (face skin only, no person mask; assembled in bench/)";

    public PortraitAnalysis Analyze(PlanarImage photo)
    {
        var faces = new List<AnalyzedFace>();
        var faceSkin = new PlanarImage(photo.Width, photo.Height, 1);
        var features = new PlanarImage(photo.Width, photo.Height, 1);
        foreach (var d in _detector.Detect(photo))
        {
            var face = new AnalyzedFace(new PixelBox(d.Box.Left, d.Box.Top, d.Box.Width, d.Box.Height), d.Score,
                d.Landmarks.Select(p => new Vector2(p.X, p.Y)).ToArray(), null);
            var mesh = _landmarker.Detect(photo, face);
            faces.Add(face with { Mesh = mesh.Points });
            var regions = new FaceRegions(mesh);
            regions.AddTo(faceSkin, FaceRegion.Skin);
            foreach (var region in new[] { FaceRegion.Eyes, FaceRegion.Brows, FaceRegion.Lips, FaceRegion.InnerMouth, FaceRegion.Nostrils })
                regions.AddTo(features, region);
        }
        return new PortraitAnalysis(photo.Width, photo.Height, faces, faceSkin, faceSkin, features, null);
    }

    public void Dispose()
    {
        _landmarker.Dispose();
        _detector.Dispose();
        _environment.Dispose();
    }
}
