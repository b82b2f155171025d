using RetouchPlugins.Shared.Analysis;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Makeup Transfer: the makeup of a reference face (lips, eye shadow, blush, foundation, shading, each with its
/// own slider) applied to every face of the photo, or with "remove" the face's own lips, lids and cheeks taken
/// back toward bare skin. The catalog's face of <see cref="MakeupRenderer"/>; the reference photo comes through
/// the host's <see cref="EffectResources"/>, analysed once per path.
/// </summary>
public sealed class MakeupEffect : IPortraitEffect
{
    public static readonly EffectParameter Reference = EffectParameter.File("reference", "Reference photo", FileRole.Image,
        "Photo of a made-up face whose makeup is copied (the largest face if it holds several); not needed with --remove.") with { Required = true };
    public static readonly EffectParameter Foundation = new("foundation", "Foundation", ParameterKind.Number, 0.6, 0, 1,
        "Skin colour toward the reference's skin (and 0.3 of its lightness difference).");
    public static readonly EffectParameter Lips = new("lips", "Lips", ParameterKind.Number, 1, 0, 1,
        "Lip colour and lightness toward the reference's; with --remove, toward a natural lip colour predicted from the skin.");
    public static readonly EffectParameter Eyes = new("eyes", "Eye shadow", ParameterKind.Number, 1, 0, 1,
        "Upper-lid colour and darkening toward the reference's; with --remove, toward the surrounding bare skin.");
    public static readonly EffectParameter Blush = new("blush", "Blush", ParameterKind.Number, 1, 0, 1,
        "Cheek colour toward the reference's; with --remove, toward the surrounding bare skin.");
    public static readonly EffectParameter Shading = new("shading", "Highlight and contour", ParameterKind.Number, 0.5, 0, 1,
        "The reference's stronger highlight and contour gradients, re-solved over the face skin (Poisson).");
    public static readonly EffectParameter Amount = new("amount", "Amount", ParameterKind.Number, 1, 0, 1,
        "Master strength multiplying every zone (0 returns the photo unchanged).");
    public static readonly EffectParameter Remove = new("remove", "Remove makeup", ParameterKind.Toggle, 0, 0, 1,
        "Take makeup off (lips, lids, cheeks) instead of transferring it; no reference is needed.");

    public static readonly IReadOnlyDictionary<MakeupZone, MaskKind> Masks =
        MakeupZones.All.ToDictionary(z => z, z => new MaskKind(MakeupZones.Id(z), MakeupZones.LayerName(z)));

    public static EffectDescriptor Info { get; } = new("makeup", "Makeup Transfer",
        "Makeup of a reference face (lips, eye shadow, blush, foundation, shading) applied per zone, or removed; eyes and mouth untouched.",
        [Reference, Foundation, Lips, Eyes, Blush, Shading, Amount, Remove], [.. Masks.Values], AnalysisNeeds.Faces, "Makeup")
    { NoOp = [(Amount.Name, 0)] };

    public EffectDescriptor Descriptor => Info;

    public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var analysis = FaceEffects.Check(input, Info);
        var makeup = new MakeupSettings
        {
            Foundation = settings.GetFloat(Foundation), Lips = settings.GetFloat(Lips), EyeShadow = settings.GetFloat(Eyes),
            Blush = settings.GetFloat(Blush), Shading = settings.GetFloat(Shading), Amount = settings.GetFloat(Amount),
            Remove = settings.GetBool(Remove),
        };
        // Nothing to do (no face, or every zone at 0): the photo comes back without opening the reference.
        if (!analysis.HasFaces) return new EffectResult(input.Image.Clone(), [], FaceEffects.NoFaces);
        if (MakeupZones.All.All(z => makeup.Strength(z) == 0)) return new EffectResult(input.Image.Clone(), []);

        MakeupReference? reference = null;
        if (!makeup.Remove)
        {
            var path = settings.GetText(Reference)
                ?? throw new ArgumentException("Makeup Transfer needs a reference photo (--reference FILE), or --remove to take makeup off");
            var photo = input.RequireResources(Info).Reference(path, new AnalysisRequest(AnalysisNeeds.Faces), cancellation);
            reference = new MakeupReference(photo.Path, photo.Document.Pixels, photo.Analysis);
        }
        var result = new MakeupRenderer().Render(input.Image, analysis, reference, makeup, progress, cancellation);
        return new EffectResult(result.Image, [.. result.Masks.Select(m => new NamedMask(Masks[m.Zone], m.Mask))], result.Message);
    }
}
