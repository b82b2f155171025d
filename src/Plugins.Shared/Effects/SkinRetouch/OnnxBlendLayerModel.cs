using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// A user-supplied blend-layer network with the ModelScope skin-retouching UNet contract: one input,
/// RGB NCHW [1, 3, 512, 512] scaled as (x/255 − 0.5)·2 (x in [0, 1] becomes 2x − 1); one output whose
/// sigmoid is already applied: the blend layer B, [1, 1 or 3, 512, 512] in [0, 1] (0.5 = unchanged).
/// The input size is read from the model when it is fixed.
/// </summary>
public sealed class OnnxBlendLayerModel : IBlendLayerModel, IDisposable
{
    private readonly OnnxRuntimeEnvironment? _ownedEnvironment;
    private readonly OnnxSession _session;
    private readonly string _input, _output;

    public OnnxBlendLayerModel(string modelPath, OnnxRuntimeEnvironment? environment = null, SessionSettings? settings = null)
    {
        if (!File.Exists(modelPath)) throw new FileNotFoundException($"{modelPath}: blend-layer model not found", modelPath);
        _ownedEnvironment = environment is null ? new OnnxRuntimeEnvironment() : null;
        try
        {
            _session = (environment ?? _ownedEnvironment!).OpenSession(modelPath, settings);
            if (_session.Inputs.Count != 1 || _session.Outputs.Count < 1)
                throw new InvalidDataException($"{modelPath}: a blend-layer model has one input and one output; this one has {_session.Inputs.Count} inputs and {_session.Outputs.Count} outputs");
            var input = RgbInput.Of(_session.Inputs[0], modelPath, 512);
            _input = input.Name;
            _output = _session.Outputs[0].Name;
            InputSize = input.Height;
        }
        catch
        {
            _ownedEnvironment?.Dispose();
            throw;
        }
    }

    public int InputSize { get; }

    public PlanarImage PredictBlendLayer(PlanarImage rgb, CancellationToken cancellation = default)
    {
        if (rgb.Width != InputSize || rgb.Height != InputSize || rgb.Channels != 3)
            throw new ArgumentException($"the model takes 3 planes of {InputSize}x{InputSize}, got {rgb.Width}x{rgb.Height}x{rgb.Channels}");
        var data = new float[rgb.Data.Length];
        for (int i = 0; i < data.Length; i++) data[i] = rgb.Data[i] * 2 - 1;
        cancellation.ThrowIfCancellationRequested();
        var result = _session.Run([new NamedTensor(_input, [1, 3, InputSize, InputSize], data)], [_output])[0];
        var shape = result.Shape;
        if (shape.Count != 4 || shape[0] != 1 || (shape[1] != 1 && shape[1] != 3) || shape[2] != InputSize || shape[3] != InputSize)
            throw new InvalidDataException($"{_session.ModelName}: output '{_output}' must be [1, 1 or 3, {InputSize}, {InputSize}], it is [{string.Join(", ", shape)}]");
        var b = new PlanarImage(InputSize, InputSize, (int)shape[1], (float[])result.Floats.Clone());
        for (int i = 0; i < b.Data.Length; i++) b.Data[i] = Math.Clamp(b.Data[i], 0, 1);
        return b;
    }

    public void Dispose()
    {
        _session.Dispose();
        _ownedEnvironment?.Dispose();
    }
}
