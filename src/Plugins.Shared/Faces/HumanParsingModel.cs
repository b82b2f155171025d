using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// A user-supplied human-parsing network (hair, clothes, arms, legs, ... as classes) that replaces the
/// colour model for body skin. No package reachable at build time ships one, and colour alone cannot tell
/// skin-coloured satin or lit hair from skin (docs/faces.md), so the product takes one from the user.
/// Contract (the common LIP/ATR parsing exports, e.g. SCHP): one input, RGB NCHW [1, 3, H, W] with the
/// ImageNet mean and deviation (H, W read from the model when fixed, 512 otherwise); the photo is squeezed
/// to H x W. The first output is [1, C, h, w] class scores (logits); softmax over C, then the probabilities
/// of <see cref="ParsingOptions.SkinClasses"/> are summed.
/// </summary>
public sealed class HumanParsingModel : IDisposable
{
    public const int DefaultInputSize = 512;

    private readonly OnnxSession _session;
    private readonly string _input, _output, _path;
    private readonly int[] _skinClasses;

    public HumanParsingModel(OnnxRuntimeEnvironment environment, ParsingOptions options, SessionSettings? settings = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(options);
        _path = options.ModelPath;
        if (!File.Exists(_path)) throw new FileNotFoundException($"{_path}: human-parsing model not found", _path);
        if (options.SkinClasses.Count == 0) throw new ArgumentException($"{_path}: no skin classes given (e.g. 13,14,15,16,17 for LIP)");
        _skinClasses = options.SkinClasses.Distinct().ToArray();
        _session = environment.OpenSession(_path, settings);
        try
        {
            if (_session.Inputs.Count != 1 || _session.Outputs.Count < 1)
                throw new InvalidDataException($"{_path}: a human-parsing model has one input and a class-score output; this one has {_session.Inputs.Count} inputs and {_session.Outputs.Count} outputs");
            var input = RgbInput.Of(_session.Inputs[0], _path, DefaultInputSize);
            _input = input.Name;
            _output = _session.Outputs[0].Name;
            Height = input.Height;
            Width = input.Width;
            var output = _session.Outputs[0];
            if (output.Shape.Count != 4)
                throw new InvalidDataException($"{_path}: output '{_output}' must be [1, classes, h, w], it is [{string.Join(", ", output.Shape)}]");
            if (output.Shape[1] > 0) CheckClasses((int)output.Shape[1]);
        }
        catch
        {
            _session.Dispose();
            throw;
        }
    }

    /// <summary>The network's input size (the photo is squeezed to it).</summary>
    public int Width { get; }
    public int Height { get; }

    /// <summary>
    /// Probability that each pixel is skin, at the network's output size (one plane in [0, 1]). The caller
    /// scales it to the resolution it needs.
    /// </summary>
    public PlanarImage SkinProbability(PlanarImage image, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.Channels < 3) throw new ArgumentException($"the parsing model needs an RGB image, got {image.Channels} plane(s)", nameof(image));
        var small = Resampler.Resize(image, Width, Height);
        int plane = Width * Height;
        var input = new float[3 * plane];
        for (int c = 0; c < 3; c++)
        {
            var src = small.Plane(c);
            var dst = input.AsSpan(c * plane, plane);
            for (int i = 0; i < plane; i++) dst[i] = (src[i] - ImageNetNormalization.Mean[c]) / ImageNetNormalization.Deviation[c];
        }
        cancellation.ThrowIfCancellationRequested();
        var scores = _session.Run([new NamedTensor(_input, [1, 3, Height, Width], input)], [_output])[0];
        var shape = scores.Shape;
        if (shape.Count != 4 || shape[0] != 1 || shape[1] < 2)
            throw new InvalidDataException($"{_path}: output '{_output}' must be [1, classes >= 2, h, w], it is [{string.Join(", ", shape)}]");
        int classes = (int)shape[1], h = (int)shape[2], w = (int)shape[3];
        CheckClasses(classes);
        return Softmax(scores.Floats, classes, w, h);
    }

    private void CheckClasses(int classes)
    {
        foreach (int c in _skinClasses)
            if (c < 0 || c >= classes)
                throw new InvalidDataException($"{_path}: skin class {c} is out of range; the model has {classes} classes (0..{classes - 1})");
    }

    /// <summary>Sum over the skin classes of the softmax over all classes, per pixel.</summary>
    private PlanarImage Softmax(float[] scores, int classes, int width, int height)
    {
        int n = width * height;
        var skin = new PlanarImage(width, height, 1);
        var isSkin = new bool[classes];
        foreach (int c in _skinClasses) isSkin[c] = true;
        Parallel.For(0, height, y =>
        {
            var dst = skin.Row(0, y);
            for (int x = 0; x < width; x++)
            {
                int i = y * width + x;
                float max = float.NegativeInfinity;
                for (int c = 0; c < classes; c++) max = MathF.Max(max, scores[c * n + i]);
                float total = 0, wanted = 0;
                for (int c = 0; c < classes; c++)
                {
                    float e = MathF.Exp(scores[c * n + i] - max);
                    total += e;
                    if (isSkin[c]) wanted += e;
                }
                dst[x] = wanted / total;
            }
        });
        return skin;
    }

    public void Dispose() => _session.Dispose();
}

/// <summary>Which human-parsing model to use and which of its classes are skin.</summary>
/// <param name="ModelPath">The ONNX file.</param>
/// <param name="SkinClasses">Class indices that are bare skin; the default is LIP's face, arms and legs.</param>
public sealed record ParsingOptions(string ModelPath, IReadOnlyList<int> SkinClasses)
{
    /// <summary>LIP (20 classes): 13 face, 14 left arm, 15 right arm, 16 left leg, 17 right leg.</summary>
    public static readonly IReadOnlyList<int> LipSkinClasses = [13, 14, 15, 16, 17];

    public ParsingOptions(string modelPath) : this(modelPath, LipSkinClasses) { }

    /// <summary>Reads a class list such as "13,14,15" (the CLI's form); names the bad entry.</summary>
    public static IReadOnlyList<int> ParseClasses(string text)
    {
        var result = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, out int c) || c < 0)
                throw new ArgumentException($"'{part}' in the skin classes '{text}' is not a class index (0, 1, 2, ...)");
            result.Add(c);
        }
        if (result.Count == 0) throw new ArgumentException($"no skin classes in '{text}'");
        return result;
    }
}
