using System.Security.Cryptography;
using RetouchPlugins.FaceMeshConverter;

// Usage: FaceMeshConverter <face_landmark.tflite> <face_mesh.onnx>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: FaceMeshConverter <input.tflite> <output.onnx>");
    return 2;
}
string source = args[0], target = args[1];
try
{
    byte[] tflite = File.ReadAllBytes(source);
    var model = TfliteModel.Read(tflite, source);
    string sourceHash = Convert.ToHexStringLower(SHA256.HashData(tflite));
    var provenance = new Dictionary<string, string>
    {
        ["source"] = "MediaPipe FaceMesh face_landmark.tflite (@mediapipe/face_mesh@0.4.1657299874)",
        ["source_sha256"] = sourceHash,
        ["licence"] = "Apache-2.0",
        ["converter"] = "RetouchPlugins tools/FaceMeshConverter",
    };
    var (onnx, counts) = TfliteToOnnx.Convert(model, Path.GetFileNameWithoutExtension(target), provenance);

    // Temp file in the same folder, then rename: a half-written model never sits under the final name.
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
    string temp = target + $".{Environment.ProcessId}.tmp";
    File.WriteAllBytes(temp, onnx);
    File.Move(temp, target, overwrite: true);

    Console.WriteLine($"face mesh: {Path.GetFileName(source)} sha256 {sourceHash} ({tflite.Length} bytes)");
    Console.WriteLine($"        -> {Path.GetFileName(target)} sha256 {Convert.ToHexStringLower(SHA256.HashData(onnx))} ({onnx.Length} bytes)");
    Console.WriteLine($"        ops: {string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}"))}");
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or UnauthorizedAccessException)
{
    Console.Error.WriteLine($"FaceMeshConverter: {e.Message}");
    return 1;
}
