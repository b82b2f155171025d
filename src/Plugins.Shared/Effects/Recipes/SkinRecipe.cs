using RetouchPlugins.Shared.Analysis;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The one-action skin retouch a photographer runs (`retouch skin`): heal blemishes, then even the skin
/// (blend pyramid), then optionally whiten (off by default). Its parameters are the three effects' together.
/// </summary>
public static class SkinRecipe
{
    public static readonly EffectParameter Blemishes = new("blemishes", "Heal blemishes", ParameterKind.Toggle, 1, 0, 1,
        "Find and heal spots and red bumps before the skin is evened.");
    public static readonly EffectParameter Whiten = WhiteningEffect.Amount with { Default = 0 };

    /// <summary>
    /// The blemish effect's points, not taken from a selection's pieces here: the whole retouch would then change inside
    /// the circled spots only (Paint.NET clips the output to the selection), an evened disc on each.
    /// </summary>
    public static readonly EffectParameter Spots = BlemishRemovalEffect.Spots with { FromSelectionPieces = false };

    public static EffectDescriptor Info { get; } = new("skin", "Portrait Retouch",
        "Heal blemishes, even tone and redness keeping pores, optionally whiten.",
        [
            SkinRetouchEffect.Strength, SkinRetouchEffect.Texture, SkinRetouchEffect.Tone, SkinRetouchEffect.Shading, SkinRetouchEffect.WorkingSize, SkinParameters.Body,
            Blemishes, BlemishRemovalEffect.Sensitivity, BlemishRemovalEffect.MaxSize, BlemishRemovalEffect.MinSize, Spots, BlemishRemovalEffect.Keep,
            Whiten, WhiteningEffect.Desaturate, SkinRetouchEffect.LrlModel, .. AnalysisParameters.All,
        ],
        [MaskKind.Skin, MaskKind.BlendLayer, MaskKind.HealedBlemishes, MaskKind.Whitening], AnalysisNeeds.Portrait)
        {
            NoOp = [(SkinRetouchEffect.Strength.Name, 0), (Blemishes.Name, 0), (Whiten.Name, 0)],
            Rules = [BlemishRemovalEffect.SizeOrder],
        };

    /// <param name="learnedLayer">Overrides the `lrl-model` file (tests with models built in memory).</param>
    public static EffectRecipe Create(IBlendLayerModel? learnedLayer = null) => new(Info,
        new RecipeStep(new BlemishRemovalEffect(), 0.3, Blemishes.Name),
        new RecipeStep(new SkinRetouchEffect(learnedLayer), 0.6),
        new RecipeStep(new WhiteningEffect(), 0.1, Whiten.Name));
}
