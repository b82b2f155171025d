using Microsoft.ML.OnnxRuntime;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Tests.Onnx;

/// <summary>Issue 13, start-up: ORT's optimised model is written on the first open, loaded on later ones, rewritten when the model changes or the file is damaged.</summary>
public sealed class OptimizedModelCacheTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"retouch-ort-cache-test-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private OnnxRuntimeEnvironment Environment() => new(forceCpu: false, new OptimizedModelCache(_dir));

    private string[] CacheFiles() => Directory.Exists(_dir) ? Directory.GetFiles(_dir, "*.onnx") : [];

    /// <summary>RetinaFace on a fixed pseudo-random image: a real model with all of ORT's CPU optimisations.</summary>
    private static float[] Detect(OnnxSession session)
    {
        var rng = new Random(3);
        var input = new float[3 * 640 * 640];
        for (int i = 0; i < input.Length; i++) input[i] = (float)rng.NextDouble() * 255f;
        return session.Run([new NamedTensor("data", [1, 3, 640, 640], input)])["face_rpn_cls_prob_reshape_stride32"].Floats;
    }

    [Fact]
    public void TheFirstOpenWritesTheOptimisedModelAndTheSecondLoadsItUnchanged()
    {
        string model = AssetCatalog.ForApplication().ModelPath(RetinaFaceDetector.ModelFile);
        using var env = Environment();
        float[] first;
        using (var session = env.OpenSession(model))
        {
            Assert.Equal(OptimizedModelUse.Written, session.OptimizedModel);
            first = Detect(session);
        }
        var file = Assert.Single(CacheFiles());
        Assert.StartsWith("retinaface_mnet025_v2-", Path.GetFileName(file));
        Assert.True(File.Exists(file + ".sha256"));
        var written = File.GetLastWriteTimeUtc(file);
        long size = new FileInfo(file).Length;
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp")); // written under a temporary name and renamed

        using var again = env.OpenSession(model);
        Assert.Equal(OptimizedModelUse.Loaded, again.OptimizedModel);
        Assert.Equal(written, File.GetLastWriteTimeUtc(file));
        Assert.Equal(size, new FileInfo(file).Length);
        Assert.Equal(first, Detect(again)); // the same graph: the same numbers, bit for bit
    }

    [Fact]
    public void AChangedModelIsOptimisedAgainUnderItsOwnKey()
    {
        Directory.CreateDirectory(_dir);
        string model = Path.Combine(_dir, "conv.onnx.model");
        float[] image = [.. Enumerable.Range(0, 30).Select(i => i / 30f)];
        using var env = Environment();
        float Centre(float weight)
        {
            File.WriteAllBytes(model, TestGraphs.Conv([.. Enumerable.Repeat(weight, 18)], [0f, 0f]));
            using var session = env.OpenSession(model);
            Assert.Equal(OptimizedModelUse.Written, session.OptimizedModel);
            return session.Run([new NamedTensor("image", [1, 1, 5, 6], image)])[0].Floats[2 * 6 + 3];
        }
        float one = Centre(1f), two = Centre(2f);
        Assert.Equal(2 * one, two, 5); // the second model's numbers, not the first one's cached graph
        Assert.Equal(2, CacheFiles().Length);
    }

    [Fact]
    public void ADamagedCacheFileIsIgnoredAndWrittenAgain()
    {
        byte[] model = TestGraphs.AddMul();
        using var env = Environment();
        using (var session = env.OpenSession(model, "add_mul.onnx"))
            Assert.Equal(OptimizedModelUse.Written, session.OptimizedModel);
        var file = Assert.Single(CacheFiles());

        // Damaged behind our back: the checksum no longer matches.
        File.WriteAllBytes(file, [1, 2, 3]);
        AssertRewrittenAndRight();

        // Damaged with a matching checksum (written by something else): ORT refuses it, and it is written again.
        File.WriteAllBytes(file, [1, 2, 3]);
        File.WriteAllText(file + ".sha256", Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(new byte[] { 1, 2, 3 })));
        AssertRewrittenAndRight();

        void AssertRewrittenAndRight()
        {
            using var session = env.OpenSession(model, "add_mul.onnx");
            Assert.Equal(OptimizedModelUse.Written, session.OptimizedModel);
            Assert.Equal(3f, session.Run([new NamedTensor("x", [1, 3, 4], new float[12])])["y"].Floats[0]); // (0 + 1.5) * 2
            Assert.True(new FileInfo(file).Length > 3);
        }
    }

    [Fact]
    public void AnUnwritableCacheFolderNeverStopsASession()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(_dir)!);
        File.WriteAllText(_dir, "a file where the cache folder should be");
        try
        {
            using var env = Environment();
            using var session = env.OpenSession(TestGraphs.AddMul(), "add_mul.onnx");
            Assert.Equal(OptimizedModelUse.Off, session.OptimizedModel);
        }
        finally
        {
            File.Delete(_dir);
        }
    }

    [Fact]
    public void TheKeyHoldsTheModelTheRuntimeTheProviderTheLevelAndTheCpu()
    {
        var cache = new OptimizedModelCache(_dir);
        byte[] a = TestGraphs.AddMul(), b = TestGraphs.Int64Add();
        string Key(byte[] m, string version = "1.30.0", string provider = ExecutionProviders.Cpu, GraphOptimizationLevel level = GraphOptimizationLevel.ORT_ENABLE_ALL) =>
            cache.PathFor("m.onnx", m, version, provider, level);
        string[] keys = [Key(a), Key(b), Key(a, version: "1.31.0"), Key(a, provider: ExecutionProviders.DirectML), Key(a, level: GraphOptimizationLevel.ORT_ENABLE_EXTENDED)];
        Assert.Equal(keys.Length, keys.Distinct().Count());
        Assert.Equal(Key(a), Key([.. a])); // by content, not by array
        Assert.Contains(System.Runtime.InteropServices.RuntimeInformation.ProcessArchitecture.ToString().ToLowerInvariant(), OptimizedModelCache.CpuFeatures());
    }

    [Fact]
    public void TheTestsKeepTheirCacheOutOfTheUsersHome()
    {
        using var env = new OnnxRuntimeEnvironment();
        Assert.Equal(Support.RunFolder.OrtCache, env.ModelCache?.Directory);
    }
}
