using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The catalog's face of <see cref="GarmentDewrinkle"/>: sliders and the mask file as parameters, the host's
/// selection (Paint.NET) as the garment mask when no file is given, the garment mask out as a layer.
/// </summary>
public sealed class DewrinkleEffect : IPortraitEffect
{
    public static readonly EffectParameter Strength = new("strength", "Strength", ParameterKind.Number, 1, 0, 1,
        "How much of the de-wrinkle is applied (0 returns the photo unchanged).");
    public static readonly EffectParameter Fine = new("fine", "Fine folds", ParameterKind.Number, 1, 0, 1,
        "How much of the fold band is removed where small creases are found (0.5-0.8 % of the person's height).");
    public static readonly EffectParameter Coarse = new("coarse", "Coarse folds", ParameterKind.Number, 1, 0, 1,
        "How much of the fold band is removed where large folds are found (1.3-2 % of the person's height).");
    public static readonly EffectParameter Protect = new("protect", "Edge protection", ParameterKind.Number, 0.8, 0, 1,
        "Keeps prints, coloured seams and step edges (pleat and seam edges) out of the flattening (0 = no protection).");
    public static readonly EffectParameter MaskFile = EffectParameter.File("mask", "Garment mask", FileRole.Mask,
        "A mask image of the photo's size (white = de-wrinkle; alpha when the file has transparency) instead of the automatic garment mask.");

    public static readonly MaskKind Garment = new("garment", "Garment mask");

    public static EffectDescriptor Info { get; } = new("dewrinkle", "Garment De-wrinkle",
        "Creases in clothing flattened inside a garment mask; silhouette, seams, prints, body shading and weave kept.",
        [Strength, Fine, Coarse, Protect, MaskFile], [Garment], AnalysisNeeds.Portrait, "De-wrinkled") { NoOp = [(Strength.Name, 0)] };

    public EffectDescriptor Descriptor => Info;

    public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var image = input.Image;
        var path = settings.GetText(MaskFile);
        var userMask = path is null ? input.Selection : GarmentMaskFile.Load(path, image.Width, image.Height);
        var outcome = GarmentDewrinkle.Render(image, input.Analysis, new DewrinkleSettings
        {
            Strength = settings.GetFloat(Strength), Fine = settings.GetFloat(Fine),
            Coarse = settings.GetFloat(Coarse), Protect = settings.GetFloat(Protect),
        }, userMask, progress, cancellation);
        IReadOnlyList<NamedMask> masks = outcome.GarmentMask is { } m ? [new NamedMask(Garment, m)] : [];
        return Selection.Limit(input, new EffectResult(outcome.Image, masks, outcome.Message));
    }
}
