using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>
/// A small deterministic portrait effect for driving the Paint.NET adapter: Analyze finds "skin" as
/// warm pixels (R clearly above B) and keeps that mask; Render brightens inside the mask, blurred by
/// an integer radius, optionally warming it. It has one parameter of each kind, counts its calls,
/// reports progress and honours its token per row, and can run a hook per row (to cancel mid-render).
/// </summary>
internal sealed class BrightenInMaskEffect : IPortraitEffect<BrightenInMaskEffect.SkinAnalysis>
{
    public sealed record SkinAnalysis(PlanarImage Mask);

    private int _analyzeCalls, _renderCalls;

    public string Name => "Brighten in mask (test)";

    public IReadOnlyList<EffectParameter> Parameters { get; } =
    [
        new("Amount", "Brightening", ParameterKind.Number, 0.3, 0, 1, "how far skin moves toward white"),
        new("Radius", "Mask softness", ParameterKind.Integer, 2, 0, 8, "box blur radius of the mask, pixels"),
        new("Warm", "Warm the skin", ParameterKind.Toggle, 0, 0, 1, "adds a little red inside the mask"),
    ];

    public int AnalyzeCalls => Volatile.Read(ref _analyzeCalls);
    public int RenderCalls => Volatile.Read(ref _renderCalls);
    public int RowsRendered;
    public Action<int>? OnRenderRow { get; set; }

    public SkinAnalysis Analyze(PlanarImage image, CancellationToken cancellation = default)
    {
        Interlocked.Increment(ref _analyzeCalls);
        var mask = new PlanarImage(image.Width, image.Height, 1);
        for (int y = 0; y < image.Height; y++)
        {
            cancellation.ThrowIfCancellationRequested();
            for (int x = 0; x < image.Width; x++)
                mask[0, x, y] = Math.Clamp((image[0, x, y] - image[2, x, y] - 0.1f) * 5f, 0f, 1f);
        }
        return new SkinAnalysis(mask);
    }

    public EffectResult Render(PlanarImage image, SkinAnalysis analysis, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
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
                float m = BoxMean(analysis.Mask, x, y, radius) * amount;
                for (int c = 0; c < 3; c++)
                    output[c, x, y] = image[c, x, y] + m * (1f - image[c, x, y]);
                if (warm) output[0, x, y] = Math.Min(1f, output[0, x, y] + 0.05f * m);
            }
            Interlocked.Increment(ref RowsRendered);
        }
        return new EffectResult(output, [new NamedMask("skin", analysis.Mask)]);
    }

    private static float BoxMean(PlanarImage mask, int x, int y, int radius)
    {
        float sum = 0; int n = 0;
        for (int j = Math.Max(0, y - radius); j <= Math.Min(mask.Height - 1, y + radius); j++)
            for (int i = Math.Max(0, x - radius); i <= Math.Min(mask.Width - 1, x + radius); i++) { sum += mask[0, i, j]; n++; }
        return sum / n;
    }
}
