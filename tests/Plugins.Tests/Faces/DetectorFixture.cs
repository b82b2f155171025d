using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Tests.Faces;

/// <summary>One environment and detector for the face test classes (xunit class fixture).</summary>
public sealed class DetectorFixture : IDisposable
{
    public DetectorFixture()
    {
        Environment = new OnnxRuntimeEnvironment();
        Detector = new RetinaFaceDetector(Environment, AssetCatalog.ForApplication());
    }

    public OnnxRuntimeEnvironment Environment { get; }
    public RetinaFaceDetector Detector { get; }

    public void Dispose()
    {
        Detector.Dispose();
        Environment.Dispose();
    }
}
