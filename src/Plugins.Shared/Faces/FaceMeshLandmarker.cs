using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// Runs MediaPipe FaceMesh (face_mesh.onnx, converted at build time from face_landmark.tflite) on a
/// rotation-aligned square crop around a detected face and maps the 468 points back to the photo.
/// The session is thread-safe, so one landmarker may serve several faces at once.
/// </summary>
public sealed class FaceMeshLandmarker : IDisposable
{
    public const string ModelFileName = "face_mesh.onnx";
    public const int InputSize = 192;
    private const string InputName = "input_1", MeshOutput = "conv2d_21", PresenceOutput = "conv2d_31";

    private readonly OnnxSession _session;

    /// <summary>Opens the model (by default the one shipped in models/ next to the application).</summary>
    public FaceMeshLandmarker(OnnxRuntimeEnvironment environment, string? modelPath = null, SessionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        _session = environment.OpenSession(modelPath ?? AssetCatalog.ForApplication().ModelPath(ModelFileName), settings);
        _session.Input(InputName);
        _session.Output(MeshOutput);
        _session.Output(PresenceOutput);
    }

    /// <summary>
    /// The mesh of a detected face. <paramref name="leftEye"/> and <paramref name="rightEye"/> are the
    /// detector's eye points as they appear in the image (left = smaller x for an upright face); they set the
    /// crop's rotation. With <paramref name="refine"/> the crop is rebuilt around the first mesh and the
    /// network runs again, which centres and scales the face the way MediaPipe's tracking does.
    /// </summary>
    public FaceMesh Detect(PlanarImage rgb, PixelBox box, Vector2 leftEye, Vector2 rightEye, bool refine = true)
    {
        var mesh = Run(rgb, FaceCrop.FromDetection(box, leftEye, rightEye));
        return refine ? Run(rgb, FaceCrop.FromMesh(mesh.Points)) : mesh;
    }

    /// <summary>The mesh of a face found by <see cref="RetinaFaceDetector"/> (its box and its two eye landmarks).</summary>
    public FaceMesh Detect(PlanarImage rgb, DetectedFace face, bool refine = true)
    {
        ArgumentNullException.ThrowIfNull(face);
        var b = face.Box;
        return Detect(rgb, new PixelBox(b.Left, b.Top, b.Width, b.Height),
            new Vector2(face.LeftEye.X, face.LeftEye.Y), new Vector2(face.RightEye.X, face.RightEye.Y), refine);
    }

    /// <summary>The mesh of an analysed face (box and its five landmarks: eyes first).</summary>
    public FaceMesh Detect(PlanarImage rgb, AnalyzedFace face, bool refine = true)
    {
        ArgumentNullException.ThrowIfNull(face);
        if (face.Landmarks5.Length < 2) throw new ArgumentException("the face needs at least its two eye landmarks", nameof(face));
        return Detect(rgb, face.Box, face.Landmarks5[0], face.Landmarks5[1], refine);
    }

    /// <summary>Runs the network once on the given crop.</summary>
    public FaceMesh Run(PlanarImage rgb, FaceCrop crop)
    {
        var outputs = RunRaw(crop.SampleNhwc(rgb, InputSize));
        var raw = outputs.Mesh;
        var points = new Vector3[FaceMeshTopology.PointCount];
        for (int i = 0; i < points.Length; i++)
            points[i] = crop.ToPhoto(new Vector3(raw[3 * i], raw[3 * i + 1], raw[3 * i + 2]), InputSize);
        return new FaceMesh(points, 1f / (1f + MathF.Exp(-outputs.PresenceLogit)), crop);
    }

    /// <summary>
    /// The network itself: a 192x192 RGB crop in [0, 1] as NHWC floats in, the 1404 mesh values
    /// (x, y, z in crop pixels) and the face-presence logit out.
    /// </summary>
    public (float[] Mesh, float PresenceLogit) RunRaw(float[] nhwc)
    {
        ArgumentNullException.ThrowIfNull(nhwc);
        var outputs = _session.Run([new NamedTensor(InputName, [1, InputSize, InputSize, 3], nhwc)], [MeshOutput, PresenceOutput]);
        return (outputs[MeshOutput].Floats, outputs[PresenceOutput].Floats[0]);
    }

    public void Dispose() => _session.Dispose();
}
