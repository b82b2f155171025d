using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Masks;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Finds dark spots and red bumps on face skin (away from eyes, brows, lips and nostrils; sized
/// relative to the face) and heals each with texture from nearby clean skin (<see cref="HealingBrush"/>),
/// not with a blur. Returns the healed-blemish mask as the layer "healed blemishes".
/// </summary>
public sealed class BlemishRemovalEffect : InPlaceSkinEffect
{
    public static readonly EffectParameter Sensitivity = new("sensitivity", "Blemish sensitivity", ParameterKind.Number, 0.5, 0, 1,
        "Higher finds fainter spots; lower heals only clear blemishes.");
    public static readonly EffectParameter MaxSize = new("max-size", "Largest blemish", ParameterKind.Number, 4, 1, 8,
        "Largest blemish healed, as a percentage of the face width (diameter).");
    public static readonly EffectParameter Amount = new("heal", "Healing", ParameterKind.Number, 1, 0, 1,
        "How much of each healed patch replaces the blemish (0 leaves the photo unchanged).");
    public static readonly EffectParameter MinSize = new("min-size", "Smallest blemish", ParameterKind.Number, 0.5, 0.3, 2,
        "Smallest blemish healed, as a percentage of the face width; below this is pore-scale texture.");

    /// <summary>The face box is grown by this much so patches can come from all around the face.</summary>
    private const float SearchGrowth = 1.3f;

    public static EffectDescriptor Info { get; } = new("blemishes", "Blemish Removal",
        "Spots and acne found in face skin and healed with nearby texture; the healed areas as a mask.",
        [Amount, Sensitivity, MaxSize, MinSize], [MaskKind.HealedBlemishes], AnalysisNeeds.Portrait) { NoOp = [(Amount.Name, 0)] };

    public override EffectDescriptor Descriptor => Info;

    protected override EffectResult Apply(PlanarImage output, PortraitAnalysis analysis, EffectInput input, EffectSettings settings,
        IProgress<double>? progress, CancellationToken cancellation)
    {
        float amount = settings.GetFloat(Amount);
        if (amount <= 0) return new EffectResult(output, [], "healing is off (amount 0)");

        var detector = new BlemishDetectorSettings(settings.GetFloat(Sensitivity),
            settings.GetFloat(MinSize) / 100, settings.GetFloat(MaxSize) / 100);
        var healed = new PlanarImage(output.Width, output.Height, 1);
        int total = 0;
        for (int f = 0; f < analysis.Faces.Count; f++)
        {
            cancellation.ThrowIfCancellationRequested();
            total += HealFace(output, analysis, analysis.Faces[f], detector, healed, amount, cancellation).Count;
            progress?.Report((f + 1.0) / analysis.Faces.Count);
        }
        return new EffectResult(output, [new NamedMask(MaskKind.HealedBlemishes, healed)],
            total == 0 ? "no blemishes found" : $"{total} blemish{(total == 1 ? "" : "es")} healed");
    }

    /// <summary>Detects and heals the blemishes of one face in <paramref name="image"/>; returns them in photo pixels.</summary>
    public static List<Blemish> HealFace(PlanarImage image, PortraitAnalysis analysis, AnalyzedFace face,
        BlemishDetectorSettings settings, PlanarImage healed, float amount = 1, CancellationToken cancellation = default)
    {
        var rect = PixelRect.Around(face.Box.Center.X, face.Box.Center.Y, face.Box.Width, face.Box.Height, SearchGrowth, image.Width, image.Height);
        if (!MaskMath.AnyPositive(analysis.FaceSkinMask, rect)) return [];
        float faceWidth = face.Box.Width;
        var crop = rect.RgbCrop(image);
        var skin = analysis.FaceSkinMask.Crop(rect.X, rect.Y, rect.Width, rect.Height);
        var keepAway = KeepAway(analysis.FeatureMask.Crop(rect.X, rect.Y, rect.Width, rect.Height), faceWidth);

        var blemishes = BlemishDetector.Detect(crop, skin, keepAway, faceWidth, settings, cancellation);
        if (blemishes.Count == 0) return [];

        var source = new PlanarImage(rect.Width, rect.Height, 1);
        var gate = new PlanarImage(rect.Width, rect.Height, 1);
        for (int i = 0; i < source.Data.Length; i++)
        {
            source.Data[i] = skin.Data[i] >= 0.6f && keepAway.Data[i] <= 0 ? 1 : 0;
            gate.Data[i] = Math.Clamp(skin.Data[i] * 4, 0, 1);
        }
        foreach (var b in blemishes) ClearDisk(source, b.X, b.Y, HoleRadius(b) * 1.6f + 1);

        var healedCrop = new PlanarImage(rect.Width, rect.Height, 1);
        foreach (var b in blemishes.OrderBy(b => b.Radius))
        {
            cancellation.ThrowIfCancellationRequested();
            HealingBrush.Heal(crop, source, gate, healedCrop, b.X, b.Y, HoleRadius(b));
        }
        var apply = new PlanarImage(rect.Width, rect.Height, 1);
        for (int i = 0; i < apply.Data.Length; i++) apply.Data[i] = healedCrop.Data[i] > 0 ? amount : 0;
        MaskMath.Composite(image, crop, apply, rect);
        MaskMath.MaxInto(healed, healedCrop, rect);
        return blemishes.Select(b => b with { X = b.X + rect.X, Y = b.Y + rect.Y }).ToList();
    }

    /// <summary>The healed disk covers the blob and its soft rim.</summary>
    public static float HoleRadius(Blemish b) => b.Radius + 1f;

    /// <summary>Features dilated by 6% of the face width: no blemish is looked for, and no patch taken, there.</summary>
    private static PlanarImage KeepAway(PlanarImage features, float faceWidth)
    {
        var grown = BoxFilter.Apply(features, Math.Max(2, (int)MathF.Round(0.06f * faceWidth)));
        for (int i = 0; i < grown.Data.Length; i++) grown.Data[i] = grown.Data[i] > 0.01f ? 1 : 0;
        return grown;
    }

    private static void ClearDisk(PlanarImage mask, float cx, float cy, float radius)
    {
        int r = (int)MathF.Ceiling(radius);
        for (int y = Math.Max(0, (int)cy - r); y <= Math.Min(mask.Height - 1, (int)cy + r); y++)
            for (int x = Math.Max(0, (int)cx - r); x <= Math.Min(mask.Width - 1, (int)cx + r); x++)
                if ((x - cx) * (x - cx) + (y - cy) * (y - cy) <= radius * radius) mask[0, x, y] = 0;
    }
}
