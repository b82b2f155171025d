using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shaders.Solvers;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// Guo and Sim's transfer for one face at the working size, as a change in CIELAB (ΔL, Δa, Δb) that leaves
/// the target's detail layer alone. Per zone:
/// <list type="bullet">
/// <item>foundation: skin a* b* move toward the reference skin's local colour by γ = 0.8 (the paper's heavy
///   foundation), skin lightness by 0.3 of the mean difference (more would carry the reference's exposure onto
///   a face whose neck keeps the old one);</item>
/// <item>shading: where the reference's structure gradient, weighted by β, is stronger than the target's it
///   replaces it, and the structure is re-solved as a Poisson problem inside the skin (target structure as the
///   Dirichlet boundary); the solve's mean shift over the zone is taken out, so shading moves light around
///   rather than brightening or darkening the face (that is the foundation's job);</item>
/// <item>lips: a* b* to the reference lips' local colour; lightness by histogram matching the target lips'
///   structure onto the reference's (exposure-corrected), so the target's lip texture stays;</item>
/// <item>eye shadow and blush: a* b* to the reference zone's local colour, structure lightness to the
///   reference's relative to its skin (so a darker photo does not darken the lids twice).</item>
/// </list>
/// Colours are read from the reference only where it can be trusted (inside the warp, through well-shaped
/// triangles, away from its eyes and mouth opening) and spread a little by the zone-local mean, so a
/// smiling reference's thin lips still colour a target's full lips; the reference's eyes and mouth opening
/// are never read, the target's are never written.
/// </summary>
internal static class MakeupTransfer
{
    private const float FoundationColour = 0.8f, FoundationLightness = 0.3f;
    private const float TrustSoftening = 0.03f;
    /// <summary>Smoothing of the colour read from a zone, in eye spans: wide for skin (no freckles copied), narrow for small zones.</summary>
    private const float SkinColourSigma = 0.12f, ZoneColourSigma = 0.04f, LipColourSigma = 0.04f;

    /// <summary>The change at the working size (3 planes: ΔL, Δa, Δb) and each zone's effective weight.</summary>
    public static (PlanarImage Delta, Dictionary<MakeupZone, float[]> Weights) Compute(PlanarImage target, PlanarImage warped, PlanarImage coverage,
        MakeupZoneMasks zones, float eyeSpan, MakeupSettings settings, CancellationToken cancellation)
    {
        int w = target.Width, h = target.Height, n = w * h;
        // Trust, softened so the triangle edges of the warp do not show, and never reaching past the warp.
        var trust = (float[])coverage.Data.Clone();
        GaussianFeather.Blur(trust, w, h, TrustSoftening * eyeSpan);
        var apply = new float[n];   // where the reference may change the target
        var read = new float[n];    // where the reference's own pixels may be read
        var eL = new float[n]; var eA = new float[n]; var eB = new float[n];
        var iL = target.Plane(0); var iA = target.Plane(1); var iB = target.Plane(2);
        var openings = warped.Plane(3);
        for (int i = 0; i < n; i++)
        {
            bool inside = coverage.Data[i] > 0;
            apply[i] = inside ? Math.Clamp(trust[i], 0, 1) : 0;
            read[i] = apply[i] * (1 - Math.Clamp(openings[i], 0, 1));
            // Outside the warp the target stands in, so the smoothing below sees no edge there.
            eL[i] = inside ? warped.Plane(0)[i] : iL[i];
            eA[i] = inside ? warped.Plane(1)[i] : iA[i];
            eB[i] = inside ? warped.Plane(2)[i] : iB[i];
        }
        var weights = new Dictionary<MakeupZone, float[]>
        {
            [MakeupZone.Foundation] = Times(zones.Foundation, apply),
            [MakeupZone.Shading] = Times(zones.Foundation, apply),
            [MakeupZone.Lips] = Times(zones.Lips, apply),
            [MakeupZone.EyeShadow] = Times(zones.Lids, apply),
            [MakeupZone.Blush] = Times(zones.Cheeks, apply),
        };

        var beta = FaceLayers.Beta(zones);
        var iS = FaceLayers.Structure(iL, beta, w, h, cancellation);
        var eS = FaceLayers.Structure(eL, beta, w, h, cancellation);
        var skinRead = Times(zones.Skin, read);
        float exposure = FaceLayers.Mean(eS, skinRead) - FaceLayers.Mean(iS, skinRead);
        if (!float.IsFinite(exposure)) exposure = 0;

        var dL = new float[n]; var dA = new float[n]; var dB = new float[n];

        float t = settings.Strength(MakeupZone.Foundation);
        if (t > 0)
        {
            var zone = weights[MakeupZone.Foundation];
            var (ea, eb, ia, ib) = ZoneColours(eA, eB, iA, iB, skinRead, zones.Skin, w, h, SkinColourSigma * eyeSpan);
            for (int i = 0; i < n; i++)
            {
                float k = zone[i] * t;
                if (k <= 0) continue;
                dA[i] += k * FoundationColour * (ea[i] - ia[i]);
                dB[i] += k * FoundationColour * (eb[i] - ib[i]);
                dL[i] += k * FoundationLightness * exposure;
            }
        }

        t = settings.Strength(MakeupZone.Shading);
        if (t > 0)
        {
            var zone = weights[MakeupZone.Shading];
            var change = ShadingChange(iS, eS, beta, Times(zones.Skin, read), w, h, cancellation);
            float drift = FaceLayers.Mean(change, zone);
            if (!float.IsFinite(drift)) drift = 0;
            for (int i = 0; i < n; i++) dL[i] += zone[i] * t * (change[i] - drift);
        }

        foreach (var (z, mask) in new[] { (MakeupZone.EyeShadow, zones.Lids), (MakeupZone.Blush, zones.Cheeks) })
        {
            t = settings.Strength(z);
            if (t <= 0) continue;
            var zone = weights[z];
            var zoneRead = Times(mask, read);
            float sigma = ZoneColourSigma * eyeSpan;
            var (ea, eb, ia, ib) = ZoneColours(eA, eB, iA, iB, zoneRead, mask, w, h, sigma);
            // Reference structure where it can be read, its zone-local mean where it cannot (next to its eyes).
            var es = FaceLayers.LocalMean(eS, zoneRead, iS, w, h, sigma);
            for (int i = 0; i < n; i++)
            {
                float k = zone[i] * t;
                if (k <= 0) continue;
                float r = read[i];
                float referenceL = r * eS[i] + (1 - r) * es[i] - exposure;
                dA[i] += k * (ea[i] - (ia[i] + dA[i]));
                dB[i] += k * (eb[i] - (ib[i] + dB[i]));
                dL[i] += k * (referenceL - (iS[i] + dL[i]));
            }
        }

        t = settings.Strength(MakeupZone.Lips);
        if (t > 0)
        {
            var zone = weights[MakeupZone.Lips];
            var lipsRead = Times(zones.Lips, read);
            var (ea, eb, ia, ib) = ZoneColours(eA, eB, iA, iB, lipsRead, zones.Lips, w, h, LipColourSigma * eyeSpan);
            var shifted = Array.ConvertAll(eS, v => v - exposure);
            var match = HistogramMatching.Fit(iS, zones.Lips, shifted, lipsRead);
            for (int i = 0; i < n; i++)
            {
                float k = zone[i] * t;
                if (k <= 0) continue;
                dA[i] += k * (ea[i] - ia[i]);
                dB[i] += k * (eb[i] - ib[i]);
                if (match is not null) dL[i] += k * (match.Map(iS[i]) - iS[i]);
            }
        }

        var delta = new PlanarImage(w, h, 3);
        dL.CopyTo(delta.Plane(0)); dA.CopyTo(delta.Plane(1)); dB.CopyTo(delta.Plane(2));
        return (delta, weights);
    }

    /// <summary>The reference's and the target's zone-local a*, b* (reference read only where trusted; where none reaches, the target's).</summary>
    private static (float[] Ea, float[] Eb, float[] Ia, float[] Ib) ZoneColours(float[] eA, float[] eB, ReadOnlySpan<float> iA, ReadOnlySpan<float> iB,
        float[] referenceWeights, float[] targetWeights, int w, int h, float sigma)
    {
        var ia = FaceLayers.LocalMean(iA, targetWeights, iA, w, h, sigma);
        var ib = FaceLayers.LocalMean(iB, targetWeights, iB, w, h, sigma);
        var ea = FaceLayers.LocalMean(eA, referenceWeights, ia, w, h, sigma);
        var eb = FaceLayers.LocalMean(eB, referenceWeights, ib, w, h, sigma);
        return (ea, eb, ia, ib);
    }

    /// <summary>
    /// Guo and Sim's highlight and shading transfer: guidance ∇E_s where β|∇E_s| > |∇I_s|, else ∇I_s; the
    /// structure re-solved inside the zone. Returned as the change of the structure (0 on and outside the zone's rim).
    /// </summary>
    private static float[] ShadingChange(float[] iS, float[] eS, float[] beta, float[] zone, int w, int h, CancellationToken cancellation)
    {
        int n = w * h;
        var kinds = new PoissonPixel[n];
        for (int i = 0; i < n; i++) kinds[i] = zone[i] > 0.01f ? PoissonPixel.Unknown : PoissonPixel.Fixed;
        // rhs_p = Σ over the four neighbours q of (guidance − target gradient) along p→q: nonzero only where the reference's edge won.
        var rhs = new float[n];
        void Edge(int p, int q)
        {
            float gi = iS[q] - iS[p], ge = eS[q] - eS[p];
            float b = 0.5f * (beta[p] + beta[q]);
            if (zone[p] <= 0 || zone[q] <= 0 || b * MathF.Abs(ge) <= MathF.Abs(gi)) return;
            float excess = ge - gi;
            rhs[p] += excess; rhs[q] -= excess;
        }
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                int p = y * w + x;
                if (x < w - 1) Edge(p, p + 1);
                if (y < h - 1) Edge(p, p + w);
            }
        var change = new float[n];
        PoissonSolver.Solve(change, rhs, kinds, w, h, maxSweeps: 1500, tolerance: 1e-3f, cancellation: cancellation);
        return change;
    }

    private static float[] Times(float[] a, float[] b)
    {
        var r = new float[a.Length];
        for (int i = 0; i < r.Length; i++) r[i] = a[i] * b[i];
        return r;
    }
}
