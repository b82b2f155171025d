using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Assets;
using RetouchPlugins.Shared.Onnx;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Real-ESRGAN ×4 (converted at build time from the pinned ncnn files by tools/NcnnConverter): RGB NCHW in
/// [0, 1], any size, output 4× larger. x4fast is SRVGGNetCompact (1.2 M weights), x4plus RRDBNet (16.7 M, about
/// 15× slower). The face is fed at the size that holds its information, 512·s_eff (s_eff: the face's effective
/// scale, <see cref="FaceRestoreEffect"/>) rounded to 4, at least 64 px (a ×4 output of 256 is the least worth
/// pasting) and at most 192 px (cost: 2.3× that of the 128 px crop, which maps 128 → 512 exactly); the ×4 output is
/// resampled to 512.
/// </summary>
internal sealed class RealEsrganNetwork : IRestoreNetwork, IDisposable
{
    public const int SmallestInput = 64, LargestInput = 192;
    public static readonly string[] Variants = ["x4fast", "x4plus"];

    private readonly OnnxSession _session;
    private readonly OnnxRuntimeEnvironment? _ownedEnvironment;

    public RealEsrganNetwork(string variant, string path, OnnxRuntimeEnvironment? environment = null)
    {
        Name = "Real-ESRGAN " + variant;
        _ownedEnvironment = environment is null ? new OnnxRuntimeEnvironment() : null;
        try { _session = (environment ?? _ownedEnvironment!).OpenSession(path); }
        catch { _ownedEnvironment?.Dispose(); throw; }
    }

    /// <summary>The converted model file of a variant in the application's models folder.</summary>
    public static string ModelPath(string variant) => AssetCatalog.ForApplication().ModelPath($"realesrgan-{variant}.onnx");

    public string Name { get; }

    public int InputSize(float sourcePerTemplate) =>
        Math.Clamp((int)MathF.Round(FaceAlignment.CropSize * sourcePerTemplate / 4) * 4, SmallestInput, LargestInput);

    public PlanarImage Restore(PlanarImage crop, CancellationToken cancellation)
    {
        cancellation.ThrowIfCancellationRequested();
        var output = _session.Run([new NamedTensor("input", [1, 3, crop.Height, crop.Width], crop.Data[..(3 * crop.PlaneSize)])], ["output"])[0];
        var shape = output.Shape;
        var result = new PlanarImage((int)shape[3], (int)shape[2], 3, (float[])output.Floats.Clone());
        for (int i = 0; i < result.Data.Length; i++) result.Data[i] = Math.Clamp(result.Data[i], 0f, 1f);
        return result;
    }

    public void Dispose()
    {
        _session.Dispose();
        _ownedEnvironment?.Dispose();
    }
}
