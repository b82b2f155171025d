using Microsoft.ML.OnnxRuntime.Tensors;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Tests.Onnx;

public class OnnxBindingTests
{
    [Fact]
    public void ReportsVersionAndCpuProvider()
    {
        using var env = new OnnxRuntimeEnvironment();
        Assert.Equal("1.30.0", env.Version); // the pinned Microsoft.ML.OnnxRuntime@1.30.0 native
        Assert.Equal(typeof(Microsoft.ML.OnnxRuntime.InferenceSession).Assembly.GetName().Version!.ToString(3), env.Version); // and the managed API of the same release
        Assert.Contains(ExecutionProviders.Cpu, env.AvailableProviders);
        Assert.False(env.DirectMLAvailable); // the Linux build has no DirectML
        Assert.Equal(ExecutionProviders.Cpu, env.ProviderChoice.Provider);
        Assert.Contains("no DirectML", env.ProviderChoice.Reason);
    }

    [Fact]
    public void ForcedCpuIsTheChoiceOfEverySessionWithItsReason()
    {
        using var env = new OnnxRuntimeEnvironment(forceCpu: true);
        Assert.Equal(new ExecutionProviderChoice(ExecutionProviders.Cpu, "the CPU was asked for"), env.ProviderChoice);
        using var session = env.OpenSession(TestGraphs.AddMul(), "add_mul.onnx");
        Assert.Equal(env.ProviderChoice, session.Provider);
    }

    [Fact]
    public void DirectMLDemandedWhereThereIsNoneNamesTheModelAndWhy()
    {
        using var env = new OnnxRuntimeEnvironment();
        var e = Assert.Throws<NotSupportedException>(() =>
            env.OpenSession(TestGraphs.AddMul(), "add_mul.onnx", new SessionSettings { Provider = ExecutionProviderPreference.DirectML }));
        Assert.Contains("add_mul.onnx", e.Message);
        Assert.Contains("no DirectML", e.Message);
    }

    [Fact]
    public void AddMulGraphGivesTheExpectedNumbers()
    {
        using var env = new OnnxRuntimeEnvironment();
        using var session = env.OpenSession(TestGraphs.AddMul(), "add_mul.onnx");
        Assert.Equal(ExecutionProviders.Cpu, session.ExecutionProvider);
        var x = Enumerable.Range(0, 24).Select(i => i * 0.25f - 3f).ToArray();
        var y = session.Run([new NamedTensor("x", [2, 3, 4], x)])["y"];
        Assert.Equal([2L, 3, 4], y.Shape);
        for (int i = 0; i < x.Length; i++) Assert.Equal((x[i] + 1.5f) * 2f, y.Floats[i], 6);
    }

    [Fact]
    public void ConvolutionMatchesAPlainLoop()
    {
        var rng = new Random(7);
        var w = Enumerable.Range(0, 18).Select(_ => (float)rng.NextDouble() - 0.5f).ToArray();
        float[] bias = [0.25f, -1f];
        var img = Enumerable.Range(0, 30).Select(_ => (float)rng.NextDouble()).ToArray();
        using var env = new OnnxRuntimeEnvironment();
        using var session = env.OpenSession(TestGraphs.Conv(w, bias), "conv.onnx");
        var got = session.Run([new NamedTensor("image", [1, 1, 5, 6], img)])[0];
        Assert.Equal([1L, 2, 5, 6], got.Shape);
        for (int o = 0; o < 2; o++)
            for (int y = 0; y < 5; y++)
                for (int x = 0; x < 6; x++)
                {
                    double sum = bias[o];
                    for (int ky = -1; ky <= 1; ky++)
                        for (int kx = -1; kx <= 1; kx++)
                        {
                            int sy = y + ky, sx = x + kx;
                            if (sy < 0 || sy >= 5 || sx < 0 || sx >= 6) continue;
                            sum += w[o * 9 + (ky + 1) * 3 + (kx + 1)] * img[sy * 6 + sx];
                        }
                    Assert.Equal(sum, got.Floats[o * 30 + y * 6 + x], 5); // float accumulation: 1e-5
                }
    }

    [Fact]
    public void Int64TensorsRoundTrip()
    {
        using var env = new OnnxRuntimeEnvironment();
        using var session = env.OpenSession(TestGraphs.Int64Add(), "int64_add.onnx");
        var sum = session.Run([new NamedTensor("a", [3], new long[] { 1, 1L << 40, -5 }), new NamedTensor("b", [3], new long[] { 2, 3, 5 })])["sum"];
        Assert.Equal(TensorElementType.Int64, sum.ElementType);
        Assert.Equal([3L, (1L << 40) + 3, 0], sum.Int64s);
    }

    [Fact]
    public void FileAndBytesGiveTheSameSessionAndResults()
    {
        var bytes = TestGraphs.AddMul();
        var path = Path.Combine(Path.GetTempPath(), $"addmul-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes);
        try
        {
            using var env = new OnnxRuntimeEnvironment();
            using var fromFile = env.OpenSession(path);
            using var fromBytes = env.OpenSession(bytes, "in-memory");
            Assert.Equal(Path.GetFileName(path), fromFile.ModelName);
            Assert.Equal(fromFile.Inputs.Select(i => i.ToString()), fromBytes.Inputs.Select(i => i.ToString()));
            var x = new NamedTensor("x", [1, 3, 4], Enumerable.Range(0, 12).Select(i => (float)i).ToArray());
            Assert.Equal(fromFile.Run([x])[0].Floats, fromBytes.Run([x])[0].Floats);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MetadataListsNamesShapesAndTypes()
    {
        using var env = new OnnxRuntimeEnvironment();
        using var session = env.OpenSession(TestGraphs.Int64Add(), "int64_add.onnx");
        Assert.Equal(["a", "b"], session.Inputs.Select(i => i.Name));
        Assert.Equal(TensorElementType.Int64, session.Input("b").ElementType);
        Assert.Equal([-1L], session.Input("a").Shape);
        Assert.Equal("d0", session.Input("a").SymbolicDimensions[0]); // the builder names dynamic dims d<i>
        using var addMul = env.OpenSession(TestGraphs.AddMul(), "add_mul.onnx");
        Assert.Equal([-1L, 3, 4], addMul.Input("x").Shape);
        Assert.Equal("y", Assert.Single(addMul.Outputs).Name);
        Assert.Equal(TensorElementType.Float, addMul.Outputs[0].ElementType);
    }

    [Fact]
    public void GarbageModelBytesGiveOrtsMessageAndTheName()
    {
        using var env = new OnnxRuntimeEnvironment();
        var e = Assert.Throws<OnnxRuntimeException>(() => env.OpenSession("this is not a model"u8.ToArray(), "garbage.onnx"));
        Assert.Equal("garbage.onnx", e.Model);
        Assert.Equal("CreateSession", e.Operation);
        Assert.IsType<Microsoft.ML.OnnxRuntime.OnnxRuntimeException>(e.InnerException);
        Assert.False(string.IsNullOrWhiteSpace(e.OrtMessage));
        Assert.Contains(e.OrtMessage, e.Message);
        Assert.Contains("garbage.onnx", e.Message);
    }

    [Fact]
    public void TruncatedModelFileGivesOrtsMessageAndTheFileName()
    {
        var bytes = TestGraphs.Conv(new float[18], new float[2]);
        var path = Path.Combine(Path.GetTempPath(), $"truncated-{Guid.NewGuid():N}.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);
        try
        {
            using var env = new OnnxRuntimeEnvironment();
            var e = Assert.Throws<OnnxRuntimeException>(() => env.OpenSession(path));
            Assert.Contains(Path.GetFileName(path), e.Message);
            Assert.False(string.IsNullOrWhiteSpace(e.OrtMessage));
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void MissingModelFileNamesThePath()
    {
        using var env = new OnnxRuntimeEnvironment();
        var e = Assert.Throws<FileNotFoundException>(() => env.OpenSession("/nonexistent/dir/model.onnx"));
        Assert.Contains("/nonexistent/dir/model.onnx", e.Message);
    }

    [Fact]
    public void FailureInsideRunCarriesOrtsMessage()
    {
        using var env = new OnnxRuntimeEnvironment();
        using var session = env.OpenSession(TestGraphs.ReshapeToThreeRows(), "reshape3.onnx");
        Assert.Equal([3L, 2], session.Run([new NamedTensor("x", [6], new float[6])])[0].Shape);
        var e = Assert.Throws<OnnxRuntimeException>(() => session.Run([new NamedTensor("x", [7], new float[7])]));
        Assert.Equal("Run", e.Operation);
        Assert.Contains("reshape3.onnx", e.Message);
        Assert.False(string.IsNullOrWhiteSpace(e.OrtMessage));
    }

    [Fact]
    public void WrongInputNameOrShapeIsRejectedBeforeOrt()
    {
        using var env = new OnnxRuntimeEnvironment();
        using var session = env.OpenSession(TestGraphs.AddMul(), "add_mul.onnx");
        var byName = Assert.Throws<KeyNotFoundException>(() => session.Run([new NamedTensor("input", [1, 3, 4], new float[12])]));
        Assert.Contains("'input'", byName.Message);
        var byShape = Assert.Throws<ArgumentException>(() => session.Run([new NamedTensor("x", [1, 4, 3], new float[12])]));
        Assert.Contains("add_mul.onnx", byShape.Message);
    }

    [Fact]
    public void SessionOutlivesADisposedEnvironment()
    {
        var env = new OnnxRuntimeEnvironment();
        var session = env.OpenSession(TestGraphs.AddMul(), "add_mul.onnx");
        env.Dispose();
        Assert.Throws<ObjectDisposedException>(() => env.OpenSession(TestGraphs.AddMul(), "again.onnx"));
        Assert.Equal(5f, session.Run([new NamedTensor("x", [1, 3, 4], Enumerable.Repeat(1f, 12).ToArray())])[0].Floats[0]);
        session.Dispose();
        session.Dispose(); // twice is harmless
        Assert.Throws<ObjectDisposedException>(() => session.Run([new NamedTensor("x", [1, 3, 4], new float[12])]));
    }
}
