using RetouchPlugins.NcnnConverter;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Onnx;
using Xunit.Abstractions;

namespace RetouchPlugins.Tests.Onnx;

/// <summary>
/// The Real-ESRGAN models our converter wrote at build time (models/realesrgan-*.onnx, run by our ONNX Runtime
/// binding) against a straightforward double-precision evaluation of the decoded ncnn layers
/// (<see cref="NcnnReferenceEvaluator"/>) on small seeded inputs.
/// </summary>
public sealed class RealEsrganConversionTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData("realesrgan-x4fast", 16, 12, 1e-5f)]
    [InlineData("realesrgan-x4plus", 6, 5, 1e-5f)]
    public void Converted_model_matches_the_decoded_ncnn_layers(string name, int width, int height, float tolerance)
    {
        // Tolerance: fp32 ONNX Runtime against a double evaluation of the same fp32-widened weights. Measured: 1.6e-6
        // (x4fast, 34 convolutions) and 3.6e-6 (x4plus, 351 convolutions); 1e-5 is far below one 8-bit level (3.9e-3)
        // while a wrong layout, pad, slope or coefficient is off by more than 1e-2.
        string ncnn = Path.Combine(AppContext.BaseDirectory, "testdata");
        var model = NcnnModel.Load(Path.Combine(ncnn, name + ".param"), Path.Combine(ncnn, name + ".bin"));
        var random = new Random(20261201);
        var input = Enumerable.Range(0, 3 * height * width).Select(_ => (float)random.NextDouble()).ToArray();

        var expected = NcnnReferenceEvaluator.Run(model, input, 3, height, width, out int c, out int h, out int w);

        using var env = new OnnxRuntimeEnvironment();
        using var session = env.OpenSession(AssetCatalog.ForApplication().ModelPath(name + ".onnx"));
        var actual = session.Run([new NamedTensor("input", [1, 3, height, width], input)], ["output"])[0];
        Assert.Equal([1L, c, h, w], actual.Shape);
        Assert.Equal((3, 4 * height, 4 * width), (c, h, w));
        float worst = 0;
        for (int i = 0; i < expected.Length; i++) worst = MathF.Max(worst, MathF.Abs(expected[i] - actual.Floats[i]));
        output.WriteLine($"{name}: {model.Layers.Count} layers, {model.ParameterCount:N0} weights, {width}x{height} -> {w}x{h}: largest difference {worst:E2} (output range {expected.Min():0.###}..{expected.Max():0.###})");
        Assert.True(worst <= tolerance, $"{name}: the converted model differs from the ncnn layers by {worst} (tolerance {tolerance})");
    }

    [Fact]
    public void A_param_file_with_an_unknown_layer_is_refused_naming_the_file_and_layer()
    {
        var dir = Directory.CreateTempSubdirectory("retouch-ncnn-").FullName;
        try
        {
            string param = Path.Combine(dir, "bad.param"), bin = Path.Combine(dir, "bad.bin");
            File.WriteAllText(param, "7767517\n2 2\nInput input 0 1 data 0=8 1=8 2=3\nSoftmax soft 1 1 data out\n");
            File.WriteAllBytes(bin, []);
            var e = Assert.Throws<NotSupportedException>(() => NcnnModel.Load(param, bin));
            Assert.Contains("bad.param", e.Message);
            Assert.Contains("Softmax", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }
}
