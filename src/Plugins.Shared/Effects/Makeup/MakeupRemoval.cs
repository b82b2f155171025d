using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Solvers;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Makeup removal for one face at the working size, as a change in CIELAB that keeps the detail layer:
/// <list type="bullet">
/// <item>eye shadow and blush: the zone's colour (and, on the lids, half of its structure lightness) is pulled
///   toward a bare-skin estimate, the membrane (Laplace) fill of the surrounding face skin's colour across the
///   zone, with eyes and brows as walls it does not draw from; cheek lightness is left alone, because there
///   it is the face's shape, not makeup;</item>
/// <item>lips: shifted as a whole to a lip colour predicted from the face's skin (bare lips are darker and
///   redder than the skin around them by a fairly steady amount, <see cref="BareLip"/>), keeping their
///   own shading and texture.</item>
/// </list>
/// Foundation cannot be removed from one photo (nothing says what the skin was under it); its slider is unused here.
/// </summary>
internal static class MakeupRemoval
{
    /// <summary>
    /// A natural lip from the face's skin in CIELAB: L times <see cref="BareLip"/>.LightnessRatio, a* and b* plus
    /// its offsets. Medians over the 19 faces of demo photos 2 to 6 (sample1's stage makeup left out); most of
    /// those faces wear some lip colour, so this is a "natural look" lip rather than a measured bare one (docs/makeup.md).
    /// </summary>
    public static readonly (float LightnessRatio, float A, float B) BareLip = (0.87f, 12.5f, -1f);

    private const float LidLightness = 0.5f, ColourSigma = 0.03f;

    public static (PlanarImage Delta, Dictionary<MakeupZone, float[]> Weights) Compute(PlanarImage target, MakeupZoneMasks zones, float eyeSpan,
        MakeupSettings settings, CancellationToken cancellation)
    {
        int w = target.Width, h = target.Height, n = w * h;
        var iL = target.Plane(0); var iA = target.Plane(1); var iB = target.Plane(2);
        var weights = new Dictionary<MakeupZone, float[]>
        {
            [MakeupZone.Foundation] = new float[n],
            [MakeupZone.Shading] = new float[n],
            [MakeupZone.Lips] = (float[])zones.Lips.Clone(),
            [MakeupZone.EyeShadow] = (float[])zones.Lids.Clone(),
            [MakeupZone.Blush] = (float[])zones.Cheeks.Clone(),
        };
        var beta = FaceLayers.Beta(zones);
        var iS = FaceLayers.Structure(iL, beta, w, h, cancellation);
        var dL = new float[n]; var dA = new float[n]; var dB = new float[n];

        float tLids = settings.Strength(MakeupZone.EyeShadow), tCheeks = settings.Strength(MakeupZone.Blush);
        if (tLids > 0 || tCheeks > 0)
        {
            var lids = weights[MakeupZone.EyeShadow]; var cheeks = weights[MakeupZone.Blush];
            var kinds = new PoissonPixel[n];
            for (int i = 0; i < n; i++)
                kinds[i] = MathF.Max(lids[i], cheeks[i]) > 0.01f ? PoissonPixel.Unknown
                    : zones.Skin[i] > 0.3f ? PoissonPixel.Fixed : PoissonPixel.Excluded;
            float sigma = ColourSigma * eyeSpan;
            var area = new float[n];
            for (int i = 0; i < n; i++) area[i] = MathF.Max(zones.Skin[i], MathF.Max(lids[i], cheeks[i]));
            var aLow = FaceLayers.LocalMean(iA, area, iA, w, h, sigma);
            var bLow = FaceLayers.LocalMean(iB, area, iB, w, h, sigma);
            var bareL = Fill(iS, kinds, w, h, cancellation);
            var bareA = Fill(aLow, kinds, w, h, cancellation);
            var bareB = Fill(bLow, kinds, w, h, cancellation);
            for (int i = 0; i < n; i++)
            {
                float kl = lids[i] * tLids, kc = cheeks[i] * tCheeks, k = MathF.Max(kl, kc);
                if (k <= 0) continue;
                dA[i] = k * (bareA[i] - aLow[i]);
                dB[i] = k * (bareB[i] - bLow[i]);
                dL[i] = kl * LidLightness * (bareL[i] - iS[i]);
            }
        }

        float tLips = settings.Strength(MakeupZone.Lips);
        if (tLips > 0)
        {
            var lips = weights[MakeupZone.Lips];
            var skin = zones.Skin;
            float skinL = FaceLayers.Mean(iS, skin), skinA = FaceLayers.Mean(iA, skin), skinB = FaceLayers.Mean(iB, skin);
            float lipL = FaceLayers.Mean(iS, lips), lipA = FaceLayers.Mean(iA, lips), lipB = FaceLayers.Mean(iB, lips);
            if (float.IsFinite(skinL) && float.IsFinite(lipL))
            {
                float shiftL = skinL * BareLip.LightnessRatio - lipL, shiftA = skinA + BareLip.A - lipA, shiftB = skinB + BareLip.B - lipB;
                for (int i = 0; i < n; i++)
                {
                    float k = lips[i] * tLips;
                    dL[i] += k * shiftL; dA[i] += k * shiftA; dB[i] += k * shiftB;
                }
            }
        }

        var delta = new PlanarImage(w, h, 3);
        dL.CopyTo(delta.Plane(0)); dA.CopyTo(delta.Plane(1)); dB.CopyTo(delta.Plane(2));
        return (delta, weights);
    }

    /// <summary>The membrane fill of <paramref name="values"/> over the unknown pixels from the fixed ones.</summary>
    private static float[] Fill(float[] values, PoissonPixel[] kinds, int w, int h, CancellationToken cancellation)
    {
        var filled = (float[])values.Clone();
        double sum = 0; int count = 0;
        for (int i = 0; i < kinds.Length; i++) if (kinds[i] == PoissonPixel.Fixed) { sum += values[i]; count++; }
        if (count == 0) return filled;
        // Start from the surrounding skin's mean: the fill converges from there far faster than from the makeup.
        float start = (float)(sum / count);
        for (int i = 0; i < kinds.Length; i++) if (kinds[i] == PoissonPixel.Unknown) filled[i] = start;
        PoissonSolver.Solve(filled, [], kinds, w, h, maxSweeps: 1500, tolerance: 1e-3f, cancellation: cancellation);
        return filled;
    }
}
