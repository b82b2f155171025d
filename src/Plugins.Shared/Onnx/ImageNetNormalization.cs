namespace RetouchPlugins.Shared.Onnx;

/// <summary>The ImageNet channel statistics (RGB) that most vision networks expect inputs normalised with: (x − mean) / deviation.</summary>
public static class ImageNetNormalization
{
    public static IReadOnlyList<float> Mean { get; } = [0.485f, 0.456f, 0.406f];
    public static IReadOnlyList<float> Deviation { get; } = [0.229f, 0.224f, 0.225f];
}
