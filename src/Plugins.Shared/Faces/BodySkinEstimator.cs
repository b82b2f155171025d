using RetouchPlugins.Shaders.Masks;
using System.Numerics;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Faces;

/// <summary>
/// Skin beyond the faces (neck, shoulders, arms) on a reduced copy of the photo. Each face's mesh skin,
/// eroded, seeds a <see cref="SkinColourModel"/> of that person's skin in this photo's light; a pixel is
/// skin when its colour is close to some face's model, with the accepted distance shrinking as the pixel
/// gets farther from that face. The result is confined to the person mask and kept out of every head
/// (hair, ears: the face itself comes from the mesh).
/// </summary>
internal sealed class BodySkinEstimator(SkinColourSettings settings)
{
    /// <summary>Seed pixels: where the face-skin mask is at least this (its soft edge and features left out).</summary>
    private const float SeedLevel = 0.95f;

    /// <summary>Half width of the soft step around a tolerance, in Mahalanobis units.</summary>
    private const float ColourSoftness = 0.5f;

    /// <summary>Width of the soft step at the ends of the lightness range (Oklab L).</summary>
    private const float LightnessSoftness = 0.03f;

    /// <summary>One person's face as the estimator needs it: mesh, size in photo pixels, and skin at working resolution.</summary>
    public sealed record Seed(FaceMesh Mesh, float Size, PlanarImage WorkingSkin, PlanarImage WorkingOval);

    /// <summary>
    /// Body-skin likelihood (one plane, working resolution) for <paramref name="lab"/> (Oklab planes of the
    /// reduced photo), <paramref name="scale"/> working pixels per photo pixel, gated by <paramref name="person"/>.
    /// </summary>
    public PlanarImage Estimate(PlanarImage lab, PlanarImage detail, float scale, IReadOnlyList<Seed> seeds, PlanarImage person, out IReadOnlyList<SkinColourModel?> models)
    {
        var seedMasks = seeds.Select(s => SeedMask(s.WorkingSkin, person)).ToArray();
        var people = seeds.Select((s, i) =>
        {
            var frame = new FaceFrame(s.Mesh, s.Size);
            var skinSamples = Samples(lab, seedMasks[i]);
            return (Model: SkinColourModel.FitFaceSkin(skinSamples, atLeast: 1), Frame: frame, Smooth: DetailLimit(detail, seedMasks[i]),
                    Hair: HairModel(lab, scale, frame, s.WorkingOval, person, skinSamples));
        }).ToArray();
        models = people.Select(p => p.Model).ToArray();
        var result = new PlanarImage(lab.Width, lab.Height, 1);
        if (people.All(p => p.Model is null)) return result;

        Parallel.For(0, lab.Height, y =>
        {
            var L = lab.Row(0, y); var A = lab.Row(1, y); var B = lab.Row(2, y);
            var gate = person.Row(0, y); var texture = detail.Row(0, y); var dst = result.Row(0, y);
            for (int x = 0; x < lab.Width; x++)
            {
                if (gate[x] <= 0) continue;
                var photo = new Vector2((x + 0.5f) / scale, (y + 0.5f) / scale);
                float best = 0;
                bool inHead = false;
                foreach (var (model, frame, smooth, hair) in people)
                {
                    if (frame.InHead(photo)) { inHead = true; break; }
                    if (model is null) continue;
                    float tolerance = Tolerance(frame.Reach(photo));
                    if (tolerance <= 0) continue;
                    float colour = Step(tolerance + ColourSoftness, tolerance - ColourSoftness, model.Distance(A[x], B[x]));
                    float light = Step(model.LowL - settings.ShadowAllowance - LightnessSoftness, model.LowL - settings.ShadowAllowance, L[x])
                                * Step(model.HighL + settings.HighlightAllowance + LightnessSoftness, model.HighL + settings.HighlightAllowance, L[x]);
                    float even = Step(smooth * settings.TextureTolerance, smooth, texture[x]);
                    float notHair = hair is null ? 1 : Step(-0.5f, 1f, hair.SkinMargin(L[x], A[x], B[x]));
                    best = MathF.Max(best, colour * light * even * notHair);
                }
                dst[x] = inHead ? 0 : best * gate[x];
            }
        });
        return result;
    }

    /// <summary>Accepted colour distance at <paramref name="reach"/> face sizes from a face; 0 beyond the far reach.</summary>
    private float Tolerance(float reach)
    {
        if (reach <= settings.NearReach) return settings.NearTolerance;
        if (reach >= settings.FarReach) return 0;
        float t = (reach - settings.NearReach) / (settings.FarReach - settings.NearReach);
        return settings.NearTolerance + t * (settings.FarTolerance - settings.NearTolerance);
    }

    /// <summary>Smooth step from 0 at <paramref name="zero"/> to 1 at <paramref name="one"/> (either order).</summary>
    private static float Step(float zero, float one, float x) => MaskPlanes.Step(zero, one, x);

    /// <summary>Seed pixels of one face: well inside its skin and on the person (a poor mesh on a profile can reach into the background).</summary>
    private static bool[] SeedMask(PlanarImage skin, PlanarImage person)
    {
        var seed = new bool[skin.PlaneSize];
        var s = skin.Plane(0); var p = person.Plane(0);
        for (int i = 0; i < seed.Length; i++) seed[i] = s[i] >= SeedLevel && p[i] >= 0.5f;
        return seed;
    }

    /// <summary>The fine texture most of a face's skin stays under (90th percentile over the seed pixels).</summary>
    private static float DetailLimit(PlanarImage detail, bool[] seed)
    {
        var values = new List<float>();
        var d = detail.Plane(0);
        for (int i = 0; i < seed.Length; i++) if (seed[i]) values.Add(d[i]);
        if (values.Count == 0) return float.MaxValue;
        values.Sort();
        return MathF.Max(values[(int)(0.9 * (values.Count - 1))], 1e-4f);
    }

    private static List<(float L, float A, float B)> Samples(PlanarImage lab, bool[] seed)
    {
        var samples = new List<(float L, float A, float B)>();
        for (int i = 0; i < seed.Length; i++)
            if (seed[i]) samples.Add((lab.Data[i], lab.Data[lab.PlaneSize + i], lab.Data[2 * lab.PlaneSize + i]));
        return samples;
    }

    /// <summary>This person's hair colour from the head around the face, outside the face oval and on the person.</summary>
    private static HairVersusSkin? HairModel(PlanarImage lab, float scale, FaceFrame frame, PlanarImage oval,
        PlanarImage person, List<(float L, float A, float B)> skinSamples)
    {
        var ring = new List<(float L, float A, float B)>();
        var o = oval.Plane(0); var p = person.Plane(0);
        for (int y = 0; y < lab.Height; y++)
            for (int x = 0; x < lab.Width; x++)
            {
                int i = y * lab.Width + x;
                if (o[i] > 0 || p[i] < 0.5f || !frame.InHead(new Vector2((x + 0.5f) / scale, (y + 0.5f) / scale))) continue;
                ring.Add((lab.Data[i], lab.Data[lab.PlaneSize + i], lab.Data[2 * lab.PlaneSize + i]));
            }
        return HairVersusSkin.Fit(skinSamples, ring);
    }
}
