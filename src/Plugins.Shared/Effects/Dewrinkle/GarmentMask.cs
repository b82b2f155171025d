using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The automatic garment mask: the person minus skin (face and body), minus each head (the mesh's face
/// oval grown 15 % about its centre, and the hair: pixels near the face whose colour matches a colour model
/// fitted just above the forehead, followed down through touching hair-coloured pixels for long hair that is not
/// black), feathered over 0.5 % of the person's height. It is built at a reduced
/// size (every step is smooth at that scale) and multiplied at full resolution by the ramp of the person mask at the
/// analysis' working size, interpolated,
/// so it is exactly 0 wherever u2netp is sure there is no person. Null when there is no face or no person:
/// without a face the mask cannot tell cloth from skin and hair.
/// </summary>
public static class GarmentMask
{
    /// <summary>Person-mask levels between which cloth fades in (as the analyzer's body skin).</summary>
    public const float PersonLow = 0.35f, PersonHigh = 0.65f;
    /// <summary>The face oval is grown by this much about its centre to cover ears, jaw shadow and hairline.</summary>
    public const float HeadGrowth = 1.15f;
    /// <summary>Hair colour: Mahalanobis distance in Oklab to the forehead-band model.</summary>
    public const float HairTolerance = 2.0f;
    /// <summary>Hair is looked for within this many face heights of the face's centre.</summary>
    public const float HairReach = 2.2f;
    /// <summary>
    /// Long hair: from the hair found within <see cref="HairReach"/>, hair is followed through touching pixels of the
    /// hair colour (distance under <see cref="HairFollowTolerance"/>) down to this many face heights (hair lying over a top).
    /// </summary>
    public const float LongHairReach = 4.5f;
    public const float HairFollowTolerance = 2.5f;
    /// <summary>
    /// Hair darker than this (mean Oklab L) is not followed: black hair and black cloth have one colour, and following
    /// it took whole black dresses out of the mask (sample1).
    /// </summary>
    public const float FollowedHairLightness = 0.35f;
    /// <summary>Colour distance to the faces' skin under which a pixel counts as skin, not cloth.</summary>
    public const float SkinColourTolerance = 2.5f;
    /// <summary>Skin is grown by this share of the person height before it is cut out (its rim is not cloth).</summary>
    public const float SkinMargin = 0.003f;
    public const float FeatherShare = 0.005f;
    /// <summary>Long side of the reduced copy the mask is built on.</summary>
    public const int WorkingSide = 1024;
    /// <summary>Long side of the person mask the full-size gate is interpolated from (the analyzer's working size).</summary>
    public const int GateSide = 2048;

    /// <summary>The photo's size brought down to at most <paramref name="side"/> on its long side (never up), and the scale.</summary>
    private static (int Width, int Height, float Scale) Fit(int width, int height, int side)
    {
        float scale = MathF.Min(1f, (float)side / Math.Max(width, height));
        return (Math.Max(1, (int)MathF.Round(width * scale)), Math.Max(1, (int)MathF.Round(height * scale)), scale);
    }

    public static PlanarImage? FromAnalysis(PlanarImage image, PortraitAnalysis analysis)
    {
        if (!analysis.HasFaces) return null;
        int width = image.Width, height = image.Height;
        // The person at the analysis' own working size (2048 px), not its full-size carry: at 24 MP that guided
        // upsampling cost a third of the whole de-wrinkle, and the gate below only needs the person's extent.
        var (gw, gh, _) = Fit(width, height, GateSide);
        if (analysis.PersonMaskAt(gw, gh) is not { } person) return null;
        var (w, h, scale) = Fit(width, height, WorkingSide);
        float hp = PersonScale.PersonHeight(analysis, 0, height) * scale;

        var small = Resize(image, w, h);
        var cloth = MaskPlanes.Ramp(Resize(person, w, h), PersonLow, PersonHigh);
        // The analysis' working-size skin, not its full-size carry: this mask is built at 1024 px.
        var skin = analysis.SkinMaskAt(w, h);
        MaskPlanes.Blur(skin, SkinMargin * hp);
        MaskPlanes.Grow(skin);
        MaskPlanes.Without(cloth, skin);
        var lab = new OklabConverter().Convert(small);
        MaskPlanes.Without(cloth, SkinColoured(lab, Resize(analysis.FaceSkinMask, w, h)));
        MaskPlanes.Without(cloth, HeadMask(lab, analysis, cloth, scale));
        MaskPlanes.Blur(cloth, FeatherShare * hp);

        // Gated again at full size by the person (exactly 0 where u2netp is sure there is no person, however far the
        // feathered cloth reached) and never on face skin, now that it reaches the hairline and the neck (issue 13): the
        // working-size cloth mask's soft rim would otherwise lie over the skin's edge.
        return MaskPlanes.ComposeGated(cloth, person, PersonLow, PersonHigh, analysis.FaceSkinMask);
    }

    /// <summary>
    /// Pixels coloured like the faces' skin (Mahalanobis distance in Oklab under <see cref="SkinColourTolerance"/>,
    /// fading out by 1): legs and arms the analyzer's body-skin model missed (it stops a few face sizes from a face,
    /// and rejects textured skin). Skin-coloured cloth goes with them; the user's mask is the way to keep it.
    /// </summary>
    private static PlanarImage SkinColoured(PlanarImage lab, PlanarImage faceSkin)
    {
        var samples = new List<(float, float, float)>();
        int n = lab.PlaneSize;
        for (int i = 0; i < n; i++)
            if (faceSkin.Data[i] >= 0.9f) samples.Add((lab.Data[i], lab.Data[n + i], lab.Data[2 * n + i]));
        var result = new PlanarImage(lab.Width, lab.Height, 1);
        var model = ColourGaussian.Fit(samples);
        if (model is null) return result;
        for (int i = 0; i < n; i++)
        {
            float d = model.Distance(lab.Data[i], lab.Data[n + i], lab.Data[2 * n + i]);
            result.Data[i] = 1 - Math.Clamp(d - SkinColourTolerance, 0f, 1f);
        }
        return result;
    }

    /// <summary>Grown face ovals and hair, at the reduced size.</summary>
    private static PlanarImage HeadMask(PlanarImage lab, PortraitAnalysis analysis, PlanarImage cloth, float scale)
    {
        int w = lab.Width, h = lab.Height;
        var head = new PlanarImage(w, h, 1);
        foreach (var face in analysis.Faces)
        {
            if (face.Mesh is not { } mesh) continue;
            var oval = new FaceRegions(mesh).Mask(FaceRegion.FaceOval, w, h, scale);
            var center = mesh.Aggregate(Vector3.Zero, (a, p) => a + p) / mesh.Length;
            var grown = mesh.Select(p => center + (p - center) * HeadGrowth).ToArray();
            new FaceRegions(grown).AddTo(head, FaceRegion.FaceOval, scale);
            AddHair(head, lab, oval, cloth, face, mesh, scale);
        }
        return head;
    }

    /// <summary>
    /// Fits the colour of the band just above the forehead (person, not face oval) and marks matching pixels
    /// within <see cref="HairReach"/> face heights; the band itself is always head.
    /// </summary>
    private static void AddHair(PlanarImage head, PlanarImage lab, PlanarImage oval, PlanarImage cloth, AnalyzedFace face, Vector3[] mesh, float scale)
    {
        int w = head.Width, h = head.Height;
        float top = mesh.Min(p => p.Y) * scale, faceH = face.Box.Height * scale, faceW = face.Box.Width * scale;
        float cx = face.Box.Center.X * scale, cy = face.Box.Center.Y * scale;
        int x0 = Math.Clamp((int)(cx - 0.4f * faceW), 0, w - 1), x1 = Math.Clamp((int)(cx + 0.4f * faceW), 0, w - 1);
        int y0 = Math.Clamp((int)(top - 0.35f * faceH), 0, h - 1), y1 = Math.Clamp((int)(top - 0.03f * faceH), 0, h - 1);
        var samples = new List<(float, float, float)>();
        for (int y = y0; y <= y1; y++)
            for (int x = x0; x <= x1; x++)
            {
                int i = y * w + x;
                if (oval.Data[i] > 0.05f || cloth.Data[i] < 0.5f) continue;
                samples.Add((lab[0, x, y], lab[1, x, y], lab[2, x, y]));
                head.Data[i] = 1;
            }
        var model = ColourGaussian.Fit(samples);
        if (model is null) return;
        float reach = HairReach * faceH;
        int rx0 = Math.Max(0, (int)(cx - reach)), rx1 = Math.Min(w - 1, (int)(cx + reach));
        int ry0 = Math.Max(0, (int)(cy - reach)), ry1 = Math.Min(h - 1, (int)(cy + reach));
        var hair = new Queue<int>();
        for (int y = ry0; y <= ry1; y++)
            for (int x = rx0; x <= rx1; x++)
            {
                float dx = x - cx, dy = y - cy;
                if (dx * dx + dy * dy > reach * reach) continue;
                int i = y * w + x;
                if (model.Distance(lab[0, x, y], lab[1, x, y], lab[2, x, y]) < HairTolerance) { head.Data[i] = 1; hair.Enqueue(i); }
            }
        if (model.Lightness >= FollowedHairLightness) FollowLongHair(head, lab, cloth, model, hair, cx, cy, LongHairReach * faceH);
    }

    /// <summary>
    /// Grows the hair from <paramref name="hair"/> through 4-connected pixels of the hair colour on the person, within
    /// <paramref name="reach"/> of the face's centre: long hair falling over the clothes is connected to the head,
    /// cloth of another colour stops it. Only for hair lighter than <see cref="FollowedHairLightness"/>, and only through
/// pixels at least that light: black hair on black cloth cannot be told apart this way.
    /// </summary>
    private static void FollowLongHair(PlanarImage head, PlanarImage lab, PlanarImage cloth, ColourGaussian model, Queue<int> hair, float cx, float cy, float reach)
    {
        int w = head.Width, h = head.Height;
        float reach2 = reach * reach;
        while (hair.Count > 0)
        {
            int i = hair.Dequeue();
            int x = i % w, y = i / w;
            for (int k = 0; k < 4; k++)
            {
                int nx = x + (k == 0 ? 1 : k == 1 ? -1 : 0), ny = y + (k == 2 ? 1 : k == 3 ? -1 : 0);
                if (nx < 0 || ny < 0 || nx >= w || ny >= h) continue;
                int j = ny * w + nx;
                if (head.Data[j] >= 1 || cloth.Data[j] < 0.5f) continue;
                float dx = nx - cx, dy = ny - cy;
                if (dx * dx + dy * dy > reach2) continue;
                // Never into dark pixels: a blond model with dark roots is wide enough to take in a black dress.
                if (lab[0, nx, ny] < FollowedHairLightness || model.Distance(lab[0, nx, ny], lab[1, nx, ny], lab[2, nx, ny]) >= HairFollowTolerance) continue;
                head.Data[j] = 1;
                hair.Enqueue(j);
            }
        }
    }

    private static PlanarImage Resize(PlanarImage image, int width, int height) =>
        image.Width == width && image.Height == height ? image.Clone()
        : width <= image.Width ? Resample.AreaDownsample(image, width, height)
        : Resample.BilinearUpsample(image, width, height);
}
