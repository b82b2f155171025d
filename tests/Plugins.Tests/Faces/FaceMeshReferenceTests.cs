using System.Diagnostics;
using System.Runtime.InteropServices;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Onnx;
using Xunit.Abstractions;

namespace RetouchPlugins.Tests.Faces;

/// <summary>
/// Our face_mesh.onnx (converted at build time from face_landmark.tflite, run by our ONNX Runtime
/// binding) against the original network in its own runtime: the TF.js graph of the same model
/// (@vladmandic/human@3.3.6) on the pure-JavaScript CPU backend of @tensorflow/tfjs, run by
/// models/facemesh-reference.mjs through Node.
/// </summary>
public class FaceMeshReferenceTests(ITestOutputHelper output)
{
    // Mesh values are crop pixels (0..192). DESIGN measured TF.js vs TFLite within 7.6e-5 px; fp32
    // summation order differs between runtimes, so allow 1e-3 px (1/200 of a pixel of a 192 crop).
    private const float MeshTolerance = 1e-3f;
    private const float PresenceTolerance = 1e-4f;

    [Fact]
    public void ConvertedMeshMatchesTheOriginalNetworkInTfjs()
    {
        // A real face (sample1's right-hand face, tilted about 40 degrees, sampled the way the landmarker
        // does) and seeded noise (no face: checks the presence logit at the other end of its range).
        var inputs = new List<(string Name, float[] Nhwc)>();
        var f = SampleFaces.ByPhoto["sample1.jpg"][2];
        inputs.Add(("sample1 face 2", FaceCrop.FromDetection(f.Box, f.LeftEye, f.RightEye).SampleNhwc(SampleFaces.Load("sample1.jpg"), FaceMeshLandmarker.InputSize)));
        var random = new Random(20240611);
        inputs.Add(("seeded noise", Enumerable.Range(0, 192 * 192 * 3).Select(_ => (float)random.NextDouble()).ToArray()));

        var reference = RunReference(inputs.Select(i => i.Nhwc).ToList());

        using var env = new OnnxRuntimeEnvironment();
        using var landmarker = new FaceMeshLandmarker(env);
        float worstMesh = 0, worstPresence = 0;
        for (int i = 0; i < inputs.Count; i++)
        {
            var (mesh, logit) = landmarker.RunRaw(inputs[i].Nhwc);
            var expected = reference[i];
            float meshDiff = 0;
            for (int j = 0; j < 1404; j++) meshDiff = MathF.Max(meshDiff, MathF.Abs(mesh[j] - expected[j]));
            float presence = 1f / (1f + MathF.Exp(-logit)), presenceDiff = MathF.Abs(presence - expected[1404]);
            output.WriteLine($"{inputs[i].Name}: max |mesh diff| {meshDiff:E2} px, presence ours {presence:F6} reference {expected[1404]:F6}");
            worstMesh = MathF.Max(worstMesh, meshDiff);
            worstPresence = MathF.Max(worstPresence, presenceDiff);
            if (i < inputs.Count - 1) Assert.True(expected[1404] > 0.9f, $"{inputs[i].Name}: the reference sees no face (flag {expected[1404]})");
        }
        output.WriteLine($"largest difference: mesh {worstMesh:E2} px, presence {worstPresence:E2}");
        Assert.True(worstMesh < MeshTolerance, $"mesh differs from the TF.js reference by {worstMesh} px (tolerance {MeshTolerance})");
        Assert.True(worstPresence < PresenceTolerance, $"presence differs from the TF.js reference by {worstPresence} (tolerance {PresenceTolerance})");
    }

    /// <summary>Runs the reference script once for all inputs; returns 1405 floats per input (mesh, then the face flag).</summary>
    private static List<float[]> RunReference(List<float[]> inputs)
    {
        string models = SampleFaces.ModelsFolder();
        string graph = Path.Combine(AppContext.BaseDirectory, "testdata", "facemesh.json");
        string scratch = Path.Combine(Path.GetTempPath(), "retouch-facemesh-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(scratch);
        try
        {
            var start = new ProcessStartInfo("node") { WorkingDirectory = models, RedirectStandardError = true, RedirectStandardOutput = true };
            start.ArgumentList.Add(Path.Combine(models, "facemesh-reference.mjs"));
            start.ArgumentList.Add(graph);
            for (int i = 0; i < inputs.Count; i++)
            {
                string input = Path.Combine(scratch, $"in{i}.f32");
                File.WriteAllBytes(input, MemoryMarshal.AsBytes(inputs[i].AsSpan()).ToArray());
                start.ArgumentList.Add(input);
                start.ArgumentList.Add(Path.Combine(scratch, $"out{i}.f32"));
            }
            using var node = Process.Start(start) ?? throw new InvalidOperationException("could not start node (Node.js is a build prerequisite)");
            var stderr = node.StandardError.ReadToEndAsync();
            node.StandardOutput.ReadToEnd();
            if (!node.WaitForExit(120_000)) { node.Kill(); throw new TimeoutException("facemesh-reference.mjs took over 2 minutes"); }
            Assert.True(node.ExitCode == 0, $"facemesh-reference.mjs failed ({node.ExitCode}): {stderr.Result}");
            return Enumerable.Range(0, inputs.Count)
                .Select(i => MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(scratch, $"out{i}.f32"))).ToArray())
                .ToList();
        }
        finally
        {
            Directory.Delete(scratch, recursive: true);
        }
    }
}
