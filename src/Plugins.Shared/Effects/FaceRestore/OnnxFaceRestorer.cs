using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// A user-supplied face restorer with the GFPGAN / CodeFormer ONNX contract: one input, RGB NCHW
/// [1, 3, 512, 512] scaled to [−1, 1] (x in [0, 1] becomes 2x − 1); the first output the restored face in the
/// same layout and range. Other outputs (CodeFormer's logits) are ignored.
/// </summary>
internal sealed class OnnxFaceRestorer : IRestoreNetwork, IDisposable
{
    private readonly OnnxSession _session;
    private readonly string _input, _output, _path;

    public OnnxFaceRestorer(string path, OnnxRuntimeEnvironment environment)
    {
        _path = path;
        _session = environment.OpenSession(path);
        try
        {
            if (_session.Inputs.Count != 1 || _session.Outputs.Count < 1)
                throw new InvalidDataException($"{path}: a face restorer has one input and at least one output; this one has {_session.Inputs.Count} inputs and {_session.Outputs.Count} outputs");
            var input = RgbInput.Of(_session.Inputs[0], path, FaceAlignment.CropSize);
            if (input.Height != FaceAlignment.CropSize || input.Width != FaceAlignment.CropSize)
                throw new InvalidDataException($"{path}: input '{input.Name}' must be 512x512 (the GFPGAN/CodeFormer contract), it is {input.Width}x{input.Height}");
            _input = input.Name;
            _output = _session.Outputs[0].Name;
            Name = Path.GetFileName(path);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    public string Name { get; }

    public int InputSize(float sourcePerTemplate) => FaceAlignment.CropSize;

    public PlanarImage Restore(PlanarImage crop, CancellationToken cancellation)
    {
        const int n = FaceAlignment.CropSize;
        if (crop.Width != n || crop.Height != n) throw new ArgumentException($"the restorer takes a {n}x{n} crop, got {crop.Width}x{crop.Height}");
        var data = new float[3 * n * n];
        for (int i = 0; i < data.Length; i++) data[i] = crop.Data[i] * 2 - 1;
        cancellation.ThrowIfCancellationRequested();
        var result = _session.Run([new NamedTensor(_input, [1, 3, n, n], data)], [_output])[0];
        var shape = result.Shape;
        if (shape.Count != 4 || shape[0] != 1 || shape[1] != 3 || shape[2] != n || shape[3] != n)
            throw new InvalidDataException($"{_path}: output '{_output}' must be [1, 3, {n}, {n}], it is [{string.Join(", ", shape)}]");
        var restored = new PlanarImage(n, n, 3);
        var values = result.Floats;
        for (int i = 0; i < restored.Data.Length; i++) restored.Data[i] = Math.Clamp((values[i] + 1) / 2, 0f, 1f);
        return restored;
    }

    public void Dispose() => _session.Dispose();
}
