using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// A learned local retouching layer: from an RGB crop at the model's input size it predicts the blend
/// layer B (0.5 = unchanged) directly, replacing the classical layer's Bn.
/// </summary>
public interface IBlendLayerModel
{
    /// <summary>Input side length the model expects (square).</summary>
    int InputSize { get; }

    /// <summary><paramref name="rgb"/> is 3 planes of InputSize x InputSize in [0, 1]; returns B, 1 or 3 planes, same size, in [0, 1].</summary>
    PlanarImage PredictBlendLayer(PlanarImage rgb, CancellationToken cancellation = default);
}
