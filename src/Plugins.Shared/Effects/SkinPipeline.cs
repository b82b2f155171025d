using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The one-action skin retouch a photographer runs: heal blemishes, then even the skin (blend pyramid),
/// then optionally whiten. Its parameters are the three effects' parameters together (whitening off by
/// default), so `retouch skin`, the Paint.NET dialog and the web UI all show the same controls.
/// </summary>
public sealed class SkinPipeline(PortraitAnalyze? analyze = null, IBlendLayerModel? learnedLayer = null) : IPortraitEffect<PortraitAnalysis>
{
    public static readonly EffectParameter Blemishes = new("blemishes", "Heal blemishes", ParameterKind.Toggle, 1, 0, 1,
        "Find and heal spots and red bumps before the skin is evened.");
    public static readonly EffectParameter Whiten = WhiteningEffect.Amount with { Default = 0 };

    private readonly BlemishRemovalEffect _blemishes = new();
    private readonly SkinRetouchEffect _skin = new(null, learnedLayer);
    private readonly WhiteningEffect _whitening = new();

    public string Name => "Skin";

    public IReadOnlyList<EffectParameter> Parameters { get; } =
    [
        SkinRetouchEffect.Strength, SkinRetouchEffect.Texture, SkinRetouchEffect.Tone, SkinRetouchEffect.WorkingSize, SkinRetouchEffect.Body,
        Blemishes, BlemishRemovalEffect.Sensitivity, BlemishRemovalEffect.MaxSize, BlemishRemovalEffect.MinSize,
        Whiten, WhiteningEffect.Desaturate,
    ];

    public PortraitAnalysis Analyze(PlanarImage image, CancellationToken cancellation = default) =>
        AnalyzeGuard.Run(analyze, image, cancellation, Name);

    public EffectResult Render(PlanarImage image, PortraitAnalysis analysis, EffectSettings settings,
        IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        AnalyzeGuard.CheckSize(image, analysis);
        if (!analysis.HasFaces) return new EffectResult(image.Clone(), [], AnalyzeGuard.NoFaces);

        var masks = new List<NamedMask>();
        var messages = new List<string>();
        var current = image.Clone(); // one copy, every step works on it in place
        if (settings.GetBool(Blemishes.Name))
        {
            var healed = _blemishes.RenderInPlace(current, analysis, Forward(settings, _blemishes.Parameters), Part(progress, 0, 0.3), cancellation);
            current = healed.Image; masks.AddRange(healed.Masks);
            if (healed.Message is not null) messages.Add(healed.Message);
        }
        var evened = _skin.RenderInPlace(current, analysis, Forward(settings, _skin.Parameters), Part(progress, 0.3, 0.9), cancellation);
        current = evened.Image; masks.InsertRange(0, evened.Masks);
        float whiten = settings.GetFloat(Whiten.Name);
        if (whiten > 0)
        {
            var white = _whitening.RenderInPlace(current, analysis,
                new EffectSettings(_whitening.Parameters).Set(WhiteningEffect.Amount.Name, whiten)
                    .Set(WhiteningEffect.Desaturate.Name, settings.Get(WhiteningEffect.Desaturate.Name))
                    .Set(SkinRetouchEffect.Body.Name, settings.Get(SkinRetouchEffect.Body.Name)),
                Part(progress, 0.9, 1), cancellation);
            current = white.Image; masks.AddRange(white.Masks);
        }
        progress?.Report(1);
        return new EffectResult(current, masks, messages.Count == 0 ? null : string.Join("; ", messages));
    }

    /// <summary>The pipeline's values for the parameters one step knows.</summary>
    private static EffectSettings Forward(EffectSettings settings, IReadOnlyList<EffectParameter> parameters)
    {
        var s = new EffectSettings(parameters);
        foreach (var p in parameters)
            if (settings.Parameters.Any(q => q.Name == p.Name)) s.Set(p.Name, settings.Get(p.Name));
        return s;
    }

    private static IProgress<double>? Part(IProgress<double>? progress, double from, double to) =>
        progress is null ? null : new Progress(v => progress.Report(from + (to - from) * v));

    private sealed class Progress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
