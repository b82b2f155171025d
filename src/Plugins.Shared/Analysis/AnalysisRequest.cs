using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Analysis;

/// <summary>
/// What to analyse: the effect's needs and, when body skin is needed and the user gave one, the
/// human-parsing model that decides it. Built from an effect's descriptor and settings, so hosts never
/// construct analyzers or models themselves. Equal requests share a cached analysis.
/// </summary>
public sealed record AnalysisRequest(AnalysisNeeds Needs, ParsingOptions? Parsing = null)
{
    /// <summary>Everything the skin effects use, with the built-in body-skin colour model.</summary>
    public static readonly AnalysisRequest Portrait = new(AnalysisNeeds.Portrait);

    public static AnalysisRequest For(EffectDescriptor effect, EffectSettings settings)
    {
        ParsingOptions? parsing = null;
        if (effect.Needs.HasFlag(AnalysisNeeds.BodySkin) && settings.Has(AnalysisParameters.ParsingModel.Name))
            parsing = AnalysisParameters.ReadParsing(settings);
        return new AnalysisRequest(effect.Needs, parsing);
    }

    /// <summary>The analyzer's options for these needs (the defaults compute everything, as the skin effects always have).</summary>
    public AnalyzerOptions Options => new()
    {
        PersonMask = Needs.HasFlag(AnalysisNeeds.Person) || Needs.HasFlag(AnalysisNeeds.BodySkin),
        BodySkin = Needs.HasFlag(AnalysisNeeds.BodySkin),
    };

    public bool Equals(AnalysisRequest? other) =>
        other is not null && Needs == other.Needs && Equals(Parsing?.ModelPath, other.Parsing?.ModelPath)
        && (Parsing is null || Parsing.SkinClasses.SequenceEqual(other.Parsing!.SkinClasses));

    public override int GetHashCode() => HashCode.Combine(Needs, Parsing?.ModelPath);
}

/// <summary>The analysis-level file parameters an effect that needs body skin declares (`--parsing-model`).</summary>
public static class AnalysisParameters
{
    public static readonly EffectParameter ParsingModel = EffectParameter.File("parsing-model", "Human-parsing model", FileRole.OnnxModel,
        "ONNX human-parsing model (LIP/ATR contract, see docs/faces.md) that decides body skin instead of the colour model; needs --body to change the retouch.");
    public static readonly EffectParameter ParsingClasses = EffectParameter.Text("parsing-skin-classes", "Parsing skin classes",
        "The parsing model's class indices that are bare skin (default: LIP's 13,14,15,16,17 = face, arms, legs).");

    public static IReadOnlyList<EffectParameter> All { get; } = [ParsingModel, ParsingClasses];

    /// <summary>The parsing options given, or null; a missing file or a bad class list throws naming it.</summary>
    public static ParsingOptions? ReadParsing(EffectSettings settings)
    {
        var model = settings.GetText(ParsingModel.Name);
        var classes = settings.Has(ParsingClasses.Name) ? settings.GetText(ParsingClasses.Name) : null;
        if (model is null)
        {
            if (classes is not null) throw new ArgumentException("--parsing-skin-classes needs --parsing-model");
            return null;
        }
        var full = Path.GetFullPath(model);
        if (!File.Exists(full)) throw new FileNotFoundException($"{full}: human-parsing model not found", full);
        return classes is null ? new ParsingOptions(full) : new ParsingOptions(full, ParsingOptions.ParseClasses(classes));
    }
}
