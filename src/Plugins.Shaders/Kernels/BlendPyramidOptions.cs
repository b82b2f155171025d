namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Settings of the blend-layer pyramid. <see cref="Radius"/> and <see cref="Epsilon"/> are those of the guided
/// upsampling at each level (radius in pixels of the coarser level; eps on [0, 1] intensities: smaller follows
/// the guide's edges more closely). <see cref="Strength"/> scales the blend layer: B' = (B - 0.5) s + 0.5.
/// </summary>
public sealed record BlendPyramidOptions
{
    public int Radius { get; init; } = 2;
    public float Epsilon { get; init; } = 1e-3f;
    public float Strength { get; init; } = 1f;
    public KernelOptions Kernel { get; init; } = KernelOptions.AllCores;
}

/// <summary>The full-resolution result and the full-resolution blend layer B0 (0.5 = unchanged) that produced it.</summary>
public sealed record BlendPyramidResult(PlanarImage Image, PlanarImage BlendLayer);
