using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Gpu;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Onnx;
using static RetouchPlugins.Tests.Shaders.TestImages;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// The ONNX-graph forms of the kernels, run through our ONNX Runtime binding (CPU provider here; the same graphs
/// go to DirectML on Windows), against the CPU kernels.
/// </summary>
public class GpuGraphTests
{
    [Theory]
    [InlineData(41, 29, 3)]
    [InlineData(20, 13, 25)]   // radius larger than the image
    public void BoxFilterGraphMatchesTheCpuKernel(int w, int h, int r)
    {
        var img = new PlanarImage(w, h, 2);
        Noise(w, h, 1).CopyTo(img.Plane(0));
        PhotoLike(w, h, 2).CopyTo(img.Plane(1));
        var output = Run(BoxFilterGraph.Build(r), new NamedTensor("input", [1, 2, h, w], img.Data));
        var expected = BoxFilter.Apply(img, r);
        Assert.True(MaxAbs(output, expected.Data) < 1e-5, $"max diff {MaxAbs(output, expected.Data):E2}");
    }

    [Fact]
    public void GuidedFilterGraphMatchesTheCpuKernel()
    {
        int w = 57, h = 38, r = 4;
        const float eps = 1e-2f;
        var guide = new PlanarImage(w, h, 1, PhotoLike(w, h, 3));
        var input = new PlanarImage(w, h, 3);
        for (int c = 0; c < 3; c++) Noise(w, h, 10 + c).CopyTo(input.Plane(c));
        var output = Run(GuidedFilterGraph.Build(r, eps),
            new NamedTensor("guide", [1, 1, h, w], guide.Data), new NamedTensor("input", [1, 3, h, w], input.Data));
        var expected = GuidedFilter.Apply(guide, input, r, eps);
        // The graph works in float (E[I^2] - E[I]^2 cancels), the CPU kernel sums in double: 1e-4 apart at eps = 1e-2.
        Assert.True(MaxAbs(output, expected.Data) < 1e-4, $"max diff {MaxAbs(output, expected.Data):E2}");
    }

    [Fact]
    public void BlendModeGraphsMatchTheCpuKernels()
    {
        int w = 33, h = 21;
        var image = new PlanarImage(w, h, 3);
        var retouched = new PlanarImage(w, h, 3);
        var rng = new Random(4);
        for (int k = 0; k < image.Data.Length; k++)
        {
            image.Data[k] = rng.NextSingle();
            retouched.Data[k] = Math.Clamp(image.Data[k] + 0.2f * (rng.NextSingle() - 0.5f), 0f, 1f);
        }
        image.Data[0] = 0f; image.Data[1] = 1f; // the neutral cases
        long[] shape = [1, 3, h, w];
        var blend = Run(BlendModeGraphs.InverseAbm(0.7f), new NamedTensor("image", shape, image.Data), new NamedTensor("retouched", shape, retouched.Data));
        var expectedBlend = BlendModes.InverseAbm(image, retouched, 0.7f);
        Assert.True(MaxAbs(blend, expectedBlend.Data) < 1e-5, $"R-ABM max diff {MaxAbs(blend, expectedBlend.Data):E2}");
        var result = Run(BlendModeGraphs.Abm(), new NamedTensor("image", shape, image.Data), new NamedTensor("blend", shape, expectedBlend.Data));
        var expected = BlendModes.Abm(image, expectedBlend);
        Assert.True(MaxAbs(result, expected.Data) < 1e-6, $"ABM max diff {MaxAbs(result, expected.Data):E2}");
    }

    private static float[] Run(byte[] model, params NamedTensor[] inputs)
    {
        using var env = new OnnxRuntimeEnvironment();
        using var session = env.OpenSession(model, "kernel-graph.onnx");
        return session.Run(inputs)[0].Floats;
    }

    private static double MaxAbs(float[] a, float[] b)
    {
        Assert.Equal(b.Length, a.Length);
        double m = 0;
        for (int k = 0; k < a.Length; k++) m = Math.Max(m, Math.Abs(a[k] - b[k]));
        return m;
    }
}
