using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Tests.Faces;

/// <summary>Detector and face mesh run once over the six demo photos, shared by the mesh and region tests.</summary>
public sealed class MeshFixture : IDisposable
{
    public MeshFixture()
    {
        Environment = new OnnxRuntimeEnvironment();
        using var detector = new RetinaFaceDetector(Environment, AssetCatalog.ForApplication());
        Landmarker = new FaceMeshLandmarker(Environment);
        Faces = Enumerable.Range(1, 6).ToDictionary(i => i, i =>
        {
            var photo = FaceTestData.Photo(i);
            return (IReadOnlyList<(DetectedFace, FaceMesh)>)detector.Detect(photo).Select(d => (d, Landmarker.Detect(photo, d))).ToList();
        });
    }

    public OnnxRuntimeEnvironment Environment { get; }
    public FaceMeshLandmarker Landmarker { get; }

    /// <summary>Per photo number (1..6): each detected face with its mesh.</summary>
    public IReadOnlyDictionary<int, IReadOnlyList<(DetectedFace Detection, FaceMesh Mesh)>> Faces { get; }

    public void Dispose()
    {
        Landmarker.Dispose();
        Environment.Dispose();
    }
}

/// <summary>The mesh and region test classes share one <see cref="MeshFixture"/> (detection and mesh run once).</summary>
[CollectionDefinition(Name)]
public sealed class MeshCollection : ICollectionFixture<MeshFixture>
{
    public const string Name = "face mesh on the demo photos";
}
