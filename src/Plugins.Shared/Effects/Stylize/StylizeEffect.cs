using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The catalog's face of <see cref="ExemplarStylizer"/>: the style (a bundled one by name, or any image with a face,
/// read through the host's resources so it is loaded and analysed once per path), an optional landmark file that
/// overrides the style's mesh, the sliders, and the head mask out as a layer.
/// </summary>
public sealed class StylizeEffect : IPortraitEffect
{
    public static readonly EffectParameter Style = EffectParameter.File("style", "Style", FileRole.Image,
        "The style exemplar: any image with a face (a painting, a drawing), or a bundled style by name: painting (default), cartoon, pencil, oil.")
        with { BuiltIn = BundledStyles.Names };
    public static readonly EffectParameter StyleLandmarks = EffectParameter.File("style-landmarks", "Style landmarks", FileRole.Landmarks,
        "The style face's 468 mesh points (JSON as `retouch faces STYLE --json --mesh` writes, corrected by hand); overrides the analyzer on the style.");
    public static readonly EffectParameter Threshold = new("threshold", "Threshold", ParameterKind.Number, 24, 0, 200,
        "StyleBlit's acceptance threshold (guide error, FaceBlit's 8-bit units): larger copies bigger chunks of the style; 0 = position-only mapping.");
    public static readonly EffectParameter BlendRadius = new("blend-radius", "Blend radius", ParameterKind.Integer, 1, 0, 3,
        "Voting window (2r+1)²: blends the seams between copied chunks; 0 keeps them hard.");
    public static readonly EffectParameter Seed = new("seed", "Seed", ParameterKind.Integer, 0, 0, 999999,
        "Jitter of the seed grids: another seed cuts the style into other chunks; the same seed gives the same picture.");
    public static readonly EffectParameter KeepBackground = new("keep-background", "Keep background", ParameterKind.Toggle, 1, 0, 1,
        "Keep the photo outside the head bit-exact; off, the area around the head gets a position-only pass of the style.");
    public static readonly EffectParameter Strength = new("strength", "Strength", ParameterKind.Number, 1, 0, 1,
        "How much of the stylized head is blended over the photo (0 returns the photo unchanged).");

    public static readonly MaskKind Head = new("head", "Head mask");

    public static EffectDescriptor Info { get; } = new("stylize", "Exemplar Stylize",
        "Each face painted in the style of one example portrait (StyleBlit with face guides); outside the heads the photo is kept.",
        [Style, StyleLandmarks, Threshold, BlendRadius, Seed, KeepBackground, Strength], [Head], AnalysisNeeds.Faces, "Stylized")
    { NoOp = [(Strength.Name, 0)] };

    public EffectDescriptor Descriptor => Info;

    public EffectResult Render(EffectInput input, EffectSettings settings, IProgress<double>? progress = null, CancellationToken cancellation = default)
    {
        cancellation.ThrowIfCancellationRequested();
        var analysis = FaceEffects.Check(input, Info);
        var typed = new StylizeSettings(settings.GetFloat(Threshold), (int)settings.Get(BlendRadius), (int)settings.Get(Seed),
            settings.GetBool(KeepBackground), settings.GetFloat(Strength));
        if (!analysis.HasFaces || typed.Strength == 0)
        {
            var unchanged = ExemplarStylizer.Render(input.Image, analysis, null, typed, progress, cancellation);
            return new EffectResult(unchanged.Image, [new NamedMask(Head, unchanged.HeadMask)], unchanged.Message);
        }
        var style = LoadStyle(input, settings, cancellation);
        var result = ExemplarStylizer.Render(input.Image, analysis, style, typed, progress, cancellation);
        return Selection.Limit(input, new EffectResult(result.Image, [new NamedMask(Head, result.HeadMask)], result.Message));
    }

    /// <summary>
    /// A bundled style comes with its mesh; a user's style is read through the host's resources (loaded and
    /// analysed once per path), unless a landmark file gives its mesh (then only its pixels are needed).
    /// </summary>
    private static StyleExemplar LoadStyle(EffectInput input, EffectSettings settings, CancellationToken cancellation)
    {
        var path = settings.GetText(Style);
        var landmarks = settings.GetText(StyleLandmarks);
        if (BundledStyles.IsBundled(path))
        {
            var (image, mesh) = BundledStyles.Files(path);
            return StyleExemplar.Create(image, WorkingColours.InSrgb(ImageFile.Load(image)).Pixels, null, landmarks ?? mesh);
        }
        var full = Path.GetFullPath(path!);
        if (!File.Exists(full)) throw new FileNotFoundException($"{full}: style image not found", full);
        if (landmarks is not null) return StyleExemplar.Create(full, WorkingColours.InSrgb(ImageFile.Load(full)).Pixels, null, landmarks);
        var reference = input.RequireResources(Info).Reference(full, new AnalysisRequest(AnalysisNeeds.Faces), cancellation);
        return StyleExemplar.Create(full, reference.Document.Pixels, reference.Analysis);
    }
}
