using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>
/// A small deterministic portrait effect for driving the Paint.NET adapter: Analyze finds "skin" as
/// warm pixels (R clearly above B) and keeps that mask as the face-skin mask of a PortraitAnalysis; Render brightens inside the mask, blurred by
/// an integer radius, optionally warming it. It has one parameter of each kind, counts its calls,
/// reports progress and honours its token per row, and can run a hook per row (to cancel mid-render).
/// </summary>
internal sealed class BrightenInMaskEffect : IPortraitEffect
{
    private int _analyzeCalls, _renderCalls;

    public EffectDescriptor Descriptor { get; } = new("brighten-test", "Brighten (test)", "Brighten in mask (test)",
    [
        new("Amount", "Brightening", ParameterKind.Number, 0.3, 0, 1, "how far skin moves toward white"),
        new("Radius", "Mask softness", ParameterKind.Integer, 2, 0, 8, "box blur radius of the mask, pixels"),
        new("Warm", "Warm the skin", ParameterKind.Toggle, 0, 0, 1, "adds a little red inside the mask"),
    ], [MaskKind.Skin], AnalysisNeeds.Faces);

    public IReadOnlyList<EffectParameter> Parameters => Descriptor.Parameters;

    public int AnalyzeCalls => Volatile.Read(ref _analyzeCalls);
    public int RenderCalls => Volatile.Read(ref _renderCalls);
    public int RowsRendered;
    public Action<int>? OnRenderRow { get; set; }

    public PortraitAnalysis Analyze(PlanarImage image, CancellationToken cancellation = default)
    {
        Interlocked.Increment(ref _analyzeCalls);
        var mask = new PlanarImage(image.Width, image.Height, 1);
        for (int y = 0; y < image.Height; y++)
        {
            cancellation.ThrowIfCancellationRequested();
            for (int x = 0; x < image.Width; x++)
                mask[0, x, y] = Math.Clamp((image[0, x, y] - image[2, x, y] - 0.1f) * 5f, 0f, 1f);
        }
        var none = new PlanarImage(image.Width, image.Height, 1);
        return new PortraitAnalysis(image.Width, image.Height, [], mask, mask, none, null);
    }

    public EffectResult Render(PlanarImage image, PortraitAnalysis analysis, EffectSettings settings) => Render(new EffectInput(image, analysis), settings);

    public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        var image = input.Image;
        var mask = input.RequireAnalysis(Descriptor).FaceSkinMask;
        Interlocked.Increment(ref _renderCalls);
        float amount = settings.GetFloat("Amount");
        int radius = (int)settings.Get("Radius");
        bool warm = settings.GetBool("Warm");
        var output = image.Clone();
        for (int y = 0; y < image.Height; y++)
        {
            OnRenderRow?.Invoke(y);
            progress?.Report((double)y / image.Height);
            cancellation.ThrowIfCancellationRequested();
            for (int x = 0; x < image.Width; x++)
            {
                float m = BoxMean(mask, x, y, radius) * amount;
                for (int c = 0; c < 3; c++)
                    output[c, x, y] = image[c, x, y] + m * (1f - image[c, x, y]);
                if (warm) output[0, x, y] = Math.Min(1f, output[0, x, y] + 0.05f * m);
            }
            Interlocked.Increment(ref RowsRendered);
        }
        return new EffectResult(output, [new NamedMask(MaskKind.Skin, mask)]);
    }

    private static float BoxMean(PlanarImage mask, int x, int y, int radius)
    {
        float sum = 0; int n = 0;
        for (int j = Math.Max(0, y - radius); j <= Math.Min(mask.Height - 1, y + radius); j++)
            for (int i = Math.Max(0, x - radius); i <= Math.Min(mask.Width - 1, x + radius); i++) { sum += mask[0, i, j]; n++; }
        return sum / n;
    }
}
