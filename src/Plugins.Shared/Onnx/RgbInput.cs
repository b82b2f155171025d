namespace RetouchPlugins.Shared.Onnx;

/// <summary>
/// The image input of a user-supplied network: NCHW with 3 (or unnamed) channels; height and width read from the
/// model where they are fixed, <c>defaultSize</c> where they are dynamic.
/// </summary>
public sealed record RgbInput(string Name, int Height, int Width)
{
    /// <summary>Reads <paramref name="input"/>; a tensor that is not NCHW RGB is an error naming <paramref name="modelPath"/>.</summary>
    public static RgbInput Of(TensorInfo input, string modelPath, int defaultSize)
    {
        if (input.Shape.Count != 4 || (input.Shape[1] != 3 && input.Shape[1] > 0))
            throw new InvalidDataException($"{modelPath}: input '{input.Name}' must be NCHW with 3 channels, it is [{string.Join(", ", input.Shape)}]");
        return new RgbInput(input.Name,
            input.Shape[2] > 0 ? (int)input.Shape[2] : defaultSize,
            input.Shape[3] > 0 ? (int)input.Shape[3] : defaultSize);
    }
}
