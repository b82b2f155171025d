using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Gpu;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The blend pyramid's render (issue 13, item 4) as ONNX graphs in the host's ONNX Runtime environment, so that with
/// DirectML it runs on the GPU beside the networks: each guided-upsampling level (<see cref="GuidedUpsampleGraph"/>) and
/// the last level with the ABM and the weighted composite (<see cref="FinalLevelGraph"/>). The guide pyramid (area
/// downsamples of the crop) stays on the CPU: ONNX has no exact area resampling for non-integer factors. Same
/// arithmetic as <see cref="BlendPyramid.UpsampleToLevelOne"/> + <see cref="BlendPyramid.CompositeFinalLevel"/>, in float.
/// </summary>
internal sealed class GraphBlendPyramid : IDisposable
{
    private readonly OnnxSession _level;
    private readonly OnnxSession _final;
    private readonly BlendPyramidOptions _options;

    public GraphBlendPyramid(OnnxRuntimeEnvironment environment, BlendPyramidOptions options)
    {
        _options = options;
        _level = environment.OpenSession(GuidedUpsampleGraph.Build(options.Radius, options.Epsilon), "guided_upsample.onnx");
        try { _final = environment.OpenSession(FinalLevelGraph.Build(options.Radius, options.Epsilon), "blend_pyramid_final.onnx"); }
        catch { _level.Dispose(); throw; }
    }

    /// <summary>The execution provider the graphs run on.</summary>
    public string ExecutionProvider => _final.ExecutionProvider;

    /// <summary>The graph form for this render, or null for the SIMD kernels: forced by the resources' <see cref="KernelPath"/>, else when DirectML is active.</summary>
    public static GraphBlendPyramid? For(EffectResources? resources, BlendPyramidOptions options)
    {
        if (resources is null || resources.Kernels == KernelPath.Simd) return null;
        if (resources.Kernels == KernelPath.Auto && resources.Environment.ProviderChoice.Provider != ExecutionProviders.DirectML) return null;
        return resources.Shared($"blend-pyramid r{options.Radius} eps{options.Epsilon:R}", environment => new GraphBlendPyramid(environment, options));
    }

    /// <summary>
    /// Renders one region into <paramref name="output"/> (RGB, in place) as <see cref="BlendPyramid.CompositeFinalLevel"/> does:
    /// <paramref name="crop"/> is the region's pixels, <paramref name="low"/> and <paramref name="blendLow"/> the working size and
    /// Bn. False when the working size is the crop's own (no pyramid: the caller's CPU path handles it).
    /// </summary>
    public bool CompositeRegion(PlanarImage output, PixelRect rect, PlanarImage crop, PlanarImage low, PlanarImage blendLow,
        PlanarImage weight, float strength, PlanarImage? blendLayer)
    {
        var sizes = BlendPyramid.LevelSizes(crop.Width, crop.Height, low.Width, low.Height);
        if (sizes.Count < 2) return false;
        var guides = BlendPyramid.Guides(crop, low, sizes, _options.Kernel);
        var blend = blendLow;
        for (int k = sizes.Count - 2; k >= 1; k--)
        {
            var up = _level.Run([Tensor("low_guide", guides[k + 1]), Tensor("low_input", blend), Tensor("high_guide", guides[k])])[0];
            blend = new PlanarImage(guides[k].Width, guides[k].Height, blend.Channels, up.Floats);
        }
        var outputs = _final.Run([Tensor("image", crop), Tensor("level_one_guide", guides[1]), Tensor("level_one_blend", blend),
            Tensor("weight", weight), new NamedTensor("strength", [1], [strength])]);
        var result = new PlanarImage(crop.Width, crop.Height, crop.Channels, outputs["result"].Floats);
        var blendMean = outputs["blend_mean"].Floats;
        for (int y = 0; y < rect.Height; y++)
        {
            var w = weight.Row(0, y);
            for (int c = 0; c < 3; c++)
            {
                var dst = output.Row(c, rect.Y + y).Slice(rect.X, rect.Width);
                var src = result.Row(c, y);
                for (int x = 0; x < rect.Width; x++)
                    if (w[x] > 0) dst[x] = src[x]; // where the weight is 0 the photo stays bit-exact, as on the CPU path
            }
            if (blendLayer is null) continue;
            var store = blendLayer.Row(0, rect.Y + y).Slice(rect.X, rect.Width);
            for (int x = 0; x < rect.Width; x++)
                if (w[x] > 0) store[x] = blendMean[y * rect.Width + x];
        }
        return true;
    }

    private static NamedTensor Tensor(string name, PlanarImage image) =>
        new(name, [1, image.Channels, image.Height, image.Width], image.Data);

    public void Dispose()
    {
        _level.Dispose();
        _final.Dispose();
    }
}
