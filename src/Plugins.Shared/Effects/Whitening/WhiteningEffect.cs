using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Masks;
using RetouchPlugins.Shared.Analysis;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Brightens skin in Oklab: lightness moves toward white by the amount, the hue angle (direction of a, b)
/// is kept and chroma is reduced a little so the lift reads as fair rather than pale-orange. Applied
/// through the face skin minus the features (eyes, brows, lips, mouth, nostrils), and all body skin when
/// "body" is on (the same switch as skin retouch: body skin comes from a colour model and is less certain
/// than the mesh's face skin); with it off, the change still fades into the skin next to the face (neck, ears)
/// so that the face does not end lighter than its neck. Everything outside that mask is bit-identical to the input.
/// </summary>
public sealed class WhiteningEffect : InPlaceSkinEffect
{
    public static readonly EffectParameter Amount = new("whiten", "Whitening", ParameterKind.Number, 0.4, 0, 1,
        "How far skin lightness moves toward white (Oklab L; 1 lifts L by 30% of its distance to white).");
    public static readonly EffectParameter Desaturate = new("whiten-chroma", "Chroma reduction", ParameterKind.Number, 0.15, 0, 0.5,
        "Share of skin chroma removed at full whitening; hue is always kept.");

    /// <summary>At amount 1, L moves this share of the way to 1.</summary>
    private const float MaxLift = 0.3f;

    public static EffectDescriptor Info { get; } = new("whiten", "Whitening",
        "Skin brightened in Oklab with its hue kept; eyes, lips and hair untouched.",
        [Amount, Desaturate, SkinParameters.Body, .. AnalysisParameters.All], [MaskKind.Whitening], AnalysisNeeds.Portrait) { NoOp = [(Amount.Name, 0)] };

    public override EffectDescriptor Descriptor => Info;

    /// <summary>Always the whole-photo skin: with body skin as the mask, without it for the fade into neck and ears (<see cref="WhiteningMask"/>).</summary>
    public override WholePhotoMasks WholePhotoMasksRead(EffectSettings settings) => WholePhotoMasks.Skin;

    protected override EffectResult Apply(PlanarImage output, PortraitAnalysis analysis, EffectInput input, EffectSettings settings,
        IProgress<double>? progress, CancellationToken cancellation)
    {
        float amount = settings.GetFloat(Amount);
        float desaturate = settings.GetFloat(Desaturate);
        var mask = WhiteningMask(analysis, settings.GetBool(SkinParameters.Body));
        // The mesh's face skin is a shape and takes in hair across the face; body skin outside it has its own hair test.
        FaceSkinLikeness.Of(output, analysis).Refine(mask, analysis);
        if (amount > 0) Apply(output, mask, amount, desaturate, cancellation);
        progress?.Report(1);
        return new EffectResult(output, [new NamedMask(MaskKind.Whitening, mask)]);
    }

    /// <summary>
    /// Face skin (and body skin when asked) minus features, with its rim softened over ~3% of the typical face width.
    /// Without body skin, the skin next to the face (neck, ears, the chest under the chin) still gets the change fading
    /// out over half a face width: a face lifted alone reads lighter than its own neck, a seam a retoucher sees at once.
    /// </summary>
    public static PlanarImage WhiteningMask(PortraitAnalysis analysis, bool body = false)
    {
        float faceWidth = FaceEffects.TypicalFaceWidth(analysis);
        int feather = Math.Max(1, (int)MathF.Round(0.03f * faceWidth));
        var skin = body ? analysis.SkinMask : analysis.FaceSkinMask;
        var mask = MaskMath.SoftenEdge(MaskMath.Without(skin, analysis.FeatureMask), feather);
        if (body) return mask;
        var fade = ProximityFade.Of(analysis.FaceSkinMask, Math.Max(1f, NeckFadeReach * faceWidth));
        var bodySkin = MaskMath.Without(analysis.SkinMask, analysis.FeatureMask);
        for (int i = 0; i < mask.Data.Length; i++) mask.Data[i] = MathF.Max(mask.Data[i], bodySkin.Data[i] * fade.Data[i]);
        return mask;
    }

    /// <summary>How far (in face widths) the change fades into the skin around the face when body skin is off.</summary>
    internal const float NeckFadeReach = 0.5f;

    /// <summary>Whitens <paramref name="image"/> in place where <paramref name="mask"/> is above 0.</summary>
    public static void Apply(PlanarImage image, PlanarImage mask, float amount, float desaturate, CancellationToken cancellation)
    {
        float lift = MaxLift * amount, chromaScale = 1 - desaturate * amount;
        int w = image.Width;
        Parallel.For(0, image.Height, new ParallelOptions { CancellationToken = cancellation }, y =>
        {
            var m = mask.Row(0, y);
            var r = image.Row(0, y); var g = image.Row(1, y); var b = image.Row(2, y);
            for (int x = 0; x < w; x++)
            {
                float k = m[x];
                if (k <= 0) continue;
                var (L, A, B) = Oklab.FromSrgb(r[x], g[x], b[x]);
                var (nr, ng, nb) = Oklab.ToSrgb(L + lift * (1 - L), A * chromaScale, B * chromaScale);
                r[x] += k * (nr - r[x]); g[x] += k * (ng - g[x]); b[x] += k * (nb - b[x]);
            }
        });
    }
}
