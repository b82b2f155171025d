using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Matches the colour cast of the faces in a group photo: mixed light (window on one side, tungsten on the
/// other, a gel or a screen) tints faces that stood side by side as if from different photos. Each face's mean
/// skin hue (Oklab, over the core of its own face skin) is turned toward the group's median hue by rotating
/// (a, b), so each face keeps its own chroma and lightness: people's complexions differ, and the effect must
/// not even them out. Lightness is matched only when its slider (off by default) asks, for faces lit
/// differently. The shift goes through the face's soft skin weight, so pores, shading and features are kept and
/// nothing outside the face skin changes. A photo with one face has nothing to match and is returned unchanged.
/// </summary>
public sealed class ToneMatchEffect : InPlaceSkinEffect
{
    public static readonly EffectParameter Amount = new("amount", "Matching", ParameterKind.Number, 0.8, 0, 1,
        "How far each face's skin hue turns toward the group's (0 leaves the photo unchanged); chroma and complexion are kept.");
    public static readonly EffectParameter Lightness = new("lightness", "Lightness matched", ParameterKind.Number, 0, 0, 1,
        "Share of the lightness difference matched too, for faces lit differently (0: hue only; complexions stay as they are).");

    public static readonly MaskKind Mask = new("tone match", "Tone match mask");

    /// <summary>Only skin this sure counts toward a face's mean colour (soft rims mix in hair and background).</summary>
    private const float CoreWeight = 0.6f;

    public static EffectDescriptor Info { get; } = new("tone-match", "Skin Tone Match",
        "Match the colour cast of the faces in a group photo (skin hue; lightness by a slider), complexions kept.",
        [Amount, Lightness], [Mask], AnalysisNeeds.Portrait) { NoOp = [(Amount.Name, 0)] };

    public override EffectDescriptor Descriptor => Info;

    /// <summary>Face skin only (<see cref="SkinRegions.Plan"/> without body skin).</summary>
    public override WholePhotoMasks WholePhotoMasksRead(EffectSettings settings) => WholePhotoMasks.None;

    protected override EffectResult Apply(PlanarImage output, PortraitAnalysis analysis, EffectInput input, EffectSettings settings,
        IProgress<double>? progress, CancellationToken cancellation)
    {
        var regions = Regions(output, analysis);
        var mask = new PlanarImage(output.Width, output.Height, 1);
        if (regions.Count < 2) return new EffectResult(output, [new NamedMask(Mask, mask)], "one face: no other face to match its tone to");

        var means = regions.Select(r => MeanSkin(output, r)).ToArray();
        float targetHue = MedianAngle(means.Select(m => MathF.Atan2(m.B, m.A)).ToArray());
        float targetL = Median(means.Select(m => m.L));
        float amount = settings.GetFloat(Amount), lightness = settings.GetFloat(Lightness);
        float largest = 0;
        for (int k = 0; k < regions.Count; k++)
        {
            cancellation.ThrowIfCancellationRequested();
            float turn = amount * Wrap(targetHue - MathF.Atan2(means[k].B, means[k].A));
            float lift = (targetL - means[k].L) * amount * lightness;
            largest = MathF.Max(largest, MathF.Abs(turn) * 180 / MathF.PI);
            if (amount > 0) Shift(output, regions[k], turn, lift);
            MaskMath.MaxInto(mask, regions[k].Weight, regions[k].Rect);
            progress?.Report((k + 1.0) / regions.Count);
        }
        return new EffectResult(output, [new NamedMask(Mask, mask)],
            $"{regions.Count} faces matched to the group's median skin hue (largest turn {largest:0.0}°)");
    }

    /// <summary>
    /// Each face's own skin: its face-skin region (<see cref="SkinRegions.Plan"/>), kept to the face's skin colour, since
    /// the mesh's face skin takes in hair across a face and a hue turn or a lift would tint it.
    /// </summary>
    internal static List<SkinRegion> Regions(PlanarImage image, PortraitAnalysis analysis)
    {
        var regions = SkinRegions.Plan(analysis, workingSize: 768, body: false);
        if (regions.Count < 2) return regions;
        var likeness = FaceSkinLikeness.Of(image, analysis);
        foreach (var region in regions) likeness.MultiplyInto(region.Weight, region.Rect);
        return regions;
    }

    /// <summary>Mean Oklab colour of the region's core skin.</summary>
    internal static (float L, float A, float B) MeanSkin(PlanarImage image, SkinRegion region)
    {
        double l = 0, a = 0, b = 0, n = 0;
        var r = region.Rect;
        for (int y = 0; y < r.Height; y++)
            for (int x = 0; x < r.Width; x++)
            {
                float w = region.Weight.Data[y * r.Width + x];
                if (w < CoreWeight) continue;
                var (L, A, B) = Oklab.FromSrgb(image[0, r.X + x, r.Y + y], image[1, r.X + x, r.Y + y], image[2, r.X + x, r.Y + y]);
                l += w * L; a += w * A; b += w * B; n += w;
            }
        return n == 0 ? (0, 0, 0) : ((float)(l / n), (float)(a / n), (float)(b / n));
    }

    /// <summary>Turns (a, b) by <paramref name="turn"/> radians and adds <paramref name="lift"/> to L, both times the skin weight; samples of weight 0 are not written.</summary>
    private static void Shift(PlanarImage image, SkinRegion region, float turn, float lift)
    {
        var r = region.Rect;
        Parallel.For(0, r.Height, y =>
        {
            var w = region.Weight.Row(0, y);
            var red = image.Row(0, r.Y + y).Slice(r.X, r.Width);
            var green = image.Row(1, r.Y + y).Slice(r.X, r.Width);
            var blue = image.Row(2, r.Y + y).Slice(r.X, r.Width);
            for (int x = 0; x < w.Length; x++)
            {
                float k = w[x];
                if (k <= 0) continue;
                var (L, A, B) = Oklab.FromSrgb(red[x], green[x], blue[x]);
                float cos = MathF.Cos(k * turn), sin = MathF.Sin(k * turn);
                var (nr, ng, nb) = Oklab.ToSrgb(L + k * lift, A * cos - B * sin, A * sin + B * cos);
                red[x] = Math.Clamp(nr, 0, 1); green[x] = Math.Clamp(ng, 0, 1); blue[x] = Math.Clamp(nb, 0, 1);
            }
        });
    }

    /// <summary>The median of angles, taken as offsets from their circular mean (skin hues sit within a narrow arc).</summary>
    private static float MedianAngle(float[] angles)
    {
        float mean = MathF.Atan2(angles.Sum(MathF.Sin), angles.Sum(MathF.Cos));
        return Wrap(mean + Median(angles.Select(a => Wrap(a - mean))));
    }

    /// <summary>An angle in (−π, π].</summary>
    internal static float Wrap(float angle) => MathF.IEEERemainder(angle, 2 * MathF.PI);

    private static float Median(IEnumerable<float> values)
    {
        var v = values.Order().ToArray();
        return v.Length % 2 == 1 ? v[v.Length / 2] : (v[v.Length / 2 - 1] + v[v.Length / 2]) / 2;
    }
}
