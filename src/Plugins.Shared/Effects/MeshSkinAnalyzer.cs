using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// A face-only <see cref="PortraitAnalysis"/> from the pieces that exist: RetinaFace boxes, the face mesh
/// and <see cref="FaceRegions"/> masks. Skin is the face skin of the mesh (no body skin and no person
/// mask; the full PortraitAnalyzer adds those). Used by `retouch skin` until that analyzer lands.
/// </summary>
public sealed class MeshSkinAnalyzer : IDisposable
{
    private static readonly FaceRegion[] Features = [FaceRegion.Eyes, FaceRegion.Brows, FaceRegion.Lips, FaceRegion.InnerMouth, FaceRegion.Nostrils];

    private readonly OnnxRuntimeEnvironment _environment;
    private readonly RetinaFaceDetector _detector;
    private readonly FaceMeshLandmarker _mesh;

    public MeshSkinAnalyzer(AssetCatalog? catalog = null)
    {
        catalog ??= AssetCatalog.ForApplication();
        _environment = new OnnxRuntimeEnvironment();
        try
        {
            _detector = new RetinaFaceDetector(_environment, catalog);
            _mesh = new FaceMeshLandmarker(_environment, catalog.ModelPath(FaceMeshLandmarker.ModelFileName));
        }
        catch
        {
            _detector?.Dispose();
            _environment.Dispose();
            throw;
        }
    }

    public PortraitAnalysis Analyze(PlanarImage image, CancellationToken cancellation = default)
    {
        var faces = new List<AnalyzedFace>();
        var faceSkin = new PlanarImage(image.Width, image.Height, 1);
        var features = new PlanarImage(image.Width, image.Height, 1);
        foreach (var d in _detector.Detect(image))
        {
            cancellation.ThrowIfCancellationRequested();
            var box = new PixelBox(d.Box.Left, d.Box.Top, d.Box.Width, d.Box.Height);
            var face = new AnalyzedFace(box, d.Score, d.Landmarks.Select(p => new Vector2(p.X, p.Y)).ToArray(), null);
            var mesh = _mesh.Detect(image, face);
            var regions = new FaceRegions(mesh);
            regions.AddTo(faceSkin, FaceRegion.Skin);
            foreach (var f in Features) regions.AddTo(features, f);
            faces.Add(face with { Mesh = mesh.Points });
        }
        // Skin never overlaps a feature: a neighbour's lips or eyes are not skin of this face either.
        var skin = MaskMath.Without(faceSkin, features);
        return new PortraitAnalysis(image.Width, image.Height, faces, skin, skin.Clone(), features, null);
    }

    public void Dispose()
    {
        _mesh.Dispose();
        _detector.Dispose();
        _environment.Dispose();
    }
}
