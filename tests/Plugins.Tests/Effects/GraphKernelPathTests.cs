using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Tests.Faces;
using Xunit.Abstractions;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// Issue 13, item 4: the blend pyramid's render as ONNX graphs (the GPU path, run here on ONNX Runtime's CPU provider)
/// gives the SIMD kernels' output on a real photo. No GPU exists here or in CI: DirectML itself is never exercised.
/// </summary>
public sealed class GraphKernelPathTests(ITestOutputHelper output)
{
    /// <summary>
    /// Largest difference allowed between the paths, per sample: 0.01 of an 8-bit level (the graphs fit the guided
    /// coefficients in float, the CPU sums in double; measured 2026-12-02: 0.0001 levels at most).
    /// </summary>
    private const float Tolerance = 0.01f / 255;

    /// <summary>Largest mean difference allowed over the retouched samples: 0.0001 of a level.</summary>
    private const double MeanTolerance = 1e-4 / 255;

    [Fact]
    public void TheGraphPathGivesTheSimdKernelsOutputOnARealCloseUp()
    {
        using var provider = new PortraitAnalysisProvider();
        // sample1's first face at about 4 MP: its region is more than twice its working size (768), so the pyramid has a
        // level between them and both graphs run.
        var closeUp = Resampler.Resize(FaceTestData.Photo(1), 673, 250, 520, 693, 1800, 2400);
        var effect = new SkinRetouchEffect();
        var settings = SkinRetouchEffect.Info.DefaultSettings();
        var analysis = provider.Analyze(closeUp, AnalysisRequest.For(SkinRetouchEffect.Info, settings));
        Assert.Single(analysis.Faces);
        using var simd = new EffectResources(provider) { Kernels = KernelPath.Simd };
        using var graph = new EffectResources(provider) { Kernels = KernelPath.Graph };
        using var auto = new EffectResources(provider) { Kernels = KernelPath.Auto };
        Assert.Null(GraphBlendPyramid.For(simd, new BlendPyramidOptions()));
        Assert.Null(GraphBlendPyramid.For(auto, new BlendPyramidOptions())); // the CPU provider: SIMD kernels
        Assert.Equal("CPUExecutionProvider", GraphBlendPyramid.For(graph, new BlendPyramidOptions())!.ExecutionProvider);

        var kernels = effect.Render(new EffectInput(closeUp, analysis, simd), settings);
        var graphs = effect.Render(new EffectInput(closeUp, analysis, graph), settings);
        var (a, b) = (kernels.Image, graphs.Image);
        float max = 0;
        double sum = 0;
        int retouched = 0;
        for (int i = 0; i < a.Data.Length; i++)
        {
            bool changed = a.Data[i] != closeUp.Data[i];
            if (!changed)
            {
                // Where the SIMD kernels left the photo alone (weight 0), the graph path must too, bit for bit.
                if (b.Data[i] != closeUp.Data[i] && analysis.SkinMask.Data[i % closeUp.PlaneSize] == 0)
                    Assert.Fail($"sample {i} changed outside the skin on the graph path: {closeUp.Data[i]} -> {b.Data[i]}");
                continue;
            }
            retouched++;
            float d = Math.Abs(a.Data[i] - b.Data[i]);
            max = Math.Max(max, d);
            sum += d;
        }
        double mean = sum / Math.Max(1, retouched);
        output.WriteLine($"retouched samples {retouched}; graph vs SIMD: max {max * 255:F5} levels, mean {mean * 255:F7} levels");
        Assert.True(retouched > 100_000, $"the retouch changed only {retouched} samples");
        Assert.True(max <= Tolerance, $"graph and SIMD paths differ by up to {max * 255:F3} levels (allowed {Tolerance * 255:F1})");
        Assert.True(mean <= MeanTolerance, $"mean difference {mean * 255:F4} levels");

        var layerA = kernels.Masks.Single(m => m.Kind == MaskKind.BlendLayer).Mask;
        var layerB = graphs.Masks.Single(m => m.Kind == MaskKind.BlendLayer).Mask;
        float layerMax = 0;
        for (int i = 0; i < layerA.Data.Length; i++) layerMax = Math.Max(layerMax, Math.Abs(layerA.Data[i] - layerB.Data[i]));
        Assert.True(layerMax <= Tolerance, $"blend layers differ by up to {layerMax * 255:F3} levels");

        // Without masks wanted (a flat file with no mask folder) the graph path stores no blend layer: the same pixels.
        var bare = effect.Render(new EffectInput(closeUp, analysis, graph) { MasksWanted = false }, settings);
        Assert.True(bare.Image.Data.AsSpan().SequenceEqual(b.Data), "the graph path's pixels changed without its masks");
        Assert.Empty(bare.Masks);
    }

    [Fact]
    public void OneLevelAsAGraphIsTheGuidedUpsamplerOnAPhoto()
    {
        var photo = FaceTestData.Photo(1);
        var high = Resampler.Resize(photo, 600, 200, 700, 600, 700, 600);
        var low = Resample.AreaDownsample(high, 370, 317);
        var blend = Resample.AreaDownsample(Resampler.Resize(photo, 100, 100, 700, 600, 700, 600), 370, 317); // another picture as the "blend layer"
        var expected = FastGuidedUpsampler.Apply(low, blend, high, 2, 1e-3f);
        foreach (ref var v in expected.Data.AsSpan()) v = Math.Clamp(v, 0f, 1f);
        using var env = new global::RetouchPlugins.Shared.Onnx.OnnxRuntimeEnvironment(forceCpu: true);
        using var session = env.OpenSession(global::RetouchPlugins.Shaders.Gpu.GuidedUpsampleGraph.Build(2, 1e-3f), "guided_upsample.onnx");
        var got = session.Run([
            new("low_guide", [1, 3, low.Height, low.Width], low.Data),
            new("low_input", [1, 3, blend.Height, blend.Width], blend.Data),
            new("high_guide", [1, 3, high.Height, high.Width], high.Data)])[0];
        Assert.Equal([1L, 3, high.Height, high.Width], got.Shape);
        float max = 0;
        for (int i = 0; i < expected.Data.Length; i++) max = Math.Max(max, Math.Abs(expected.Data[i] - got.Floats[i]));
        output.WriteLine($"one level, graph vs kernel: max {max * 255:F5} levels");
        Assert.True(max <= Tolerance, $"differ by up to {max * 255:F4} levels");
    }
}
