using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The soft zone masks of one face, drawn from its mesh at the working size: foundation (the mesh's face
/// skin), lips, lids and cheeks, and the protected parts (eyes and mouth opening, grown by a feather) that no
/// zone may touch. Lids and cheeks are not MediaPipe regions; they are built from contours the mesh does
/// name (eye, brow, lips, face oval), so they follow any face shape and pose.
/// </summary>
internal sealed class MakeupZoneMasks
{
    /// <summary>How far up from the lash line toward the brow the eye-shadow zone reaches.</summary>
    private const float LidHeight = 0.8f;
    /// <summary>Cheek ellipse: centre between eye and mouth corner, pulled toward the ear; radii in eye spans.</summary>
    private const float CheekTowardEar = 0.35f, CheekRadiusAlong = 0.24f, CheekRadiusAcross = 0.15f;
    /// <summary>Feathers in eye spans: lids fairly crisp, blush soft.</summary>
    private const float LidFeather = 0.03f, CheekFeather = 0.07f;
    /// <summary>Width (Gaussian sigma, eye spans) of the foundation's inward fade from the skin's edge.</summary>
    private const float FoundationFade = 0.1f;

    public MakeupZoneMasks(Vector2[] mesh, int width, int height)
    {
        Width = width; Height = height;
        var regions = new FaceRegions(mesh.Select(p => new Vector3(p, 0)).ToArray());
        float eyeSpan = regions.EyeSpan;
        Skin = regions.Mask(FaceRegion.Skin, width, height).Data;
        Lips = regions.Mask(FaceRegion.Lips, width, height).Data;
        Brows = regions.Mask(FaceRegion.Brows, width, height).Data;
        var eyes = regions.Mask(FaceRegion.Eyes, width, height).Data;
        var mouth = regions.Mask(FaceRegion.InnerMouth, width, height).Data;
        EyesAndMouth = new float[width * height];
        for (int i = 0; i < EyesAndMouth.Length; i++) EyesAndMouth[i] = MathF.Max(eyes[i], mouth[i]);
        Protect = ProtectedOpenings(mesh, width, height, regions.FeatureFeather * eyeSpan);

        Lids = Fill([Lid(mesh, RightEyeUpper, RightBrowLower), Lid(mesh, LeftEyeUpper, LeftBrowLower)], LidFeather * eyeSpan);
        Cheeks = Fill([Cheek(mesh, FaceMeshTopology.RightEye, FaceMeshTopology.MouthRightCorner, RightCheekOval, eyeSpan),
                       Cheek(mesh, FaceMeshTopology.LeftEye, FaceMeshTopology.MouthLeftCorner, LeftCheekOval, eyeSpan)], CheekFeather * eyeSpan);
        Foundation = InwardFade(Skin, width, height, FoundationFade * eyeSpan);
        for (int i = 0; i < Protect.Length; i++)
        {
            float keep = 1 - Protect[i];
            Foundation[i] *= keep;
            // The lips are thin against their feather: steepen it about its midpoint (the lip line stays where it is)
            // so the lips' core is fully in the zone.
            Lips[i] = Math.Clamp(1.5f * Lips[i] - 0.25f, 0, 1) * keep;
            Skin[i] *= keep;
            Lids[i] *= keep * (1 - Brows[i]);
            Cheeks[i] *= Skin[i];
        }
    }

    /// <summary>
    /// Keeps the skin zones (skin, foundation, blush) to pixels of the face's own skin colour (<paramref name="likeness"/>,
    /// on this grid): the mesh's face skin takes in hair across the face, which foundation and blush would paint.
    /// Lips and lids are not skin-coloured and keep their shapes.
    /// </summary>
    public void KeepToSkin(float[] likeness)
    {
        for (int i = 0; i < likeness.Length; i++)
        {
            Skin[i] *= likeness[i];
            Foundation[i] *= likeness[i];
            Cheeks[i] *= likeness[i];
        }
    }

    public int Width { get; }
    public int Height { get; }
    public float[] Skin { get; }
    /// <summary>
    /// The skin with a wide inward fade: a colour and lightness change over the whole skin would otherwise end
    /// in a visible line where the mesh's contour crosses the forehead below the hairline.
    /// </summary>
    public float[] Foundation { get; }
    public float[] Lips { get; }
    public float[] Lids { get; }
    public float[] Cheeks { get; }
    public float[] Brows { get; }
    /// <summary>Eyes and mouth opening as drawn (for the structure weight).</summary>
    public float[] EyesAndMouth { get; }
    /// <summary>1 where nothing may change: eyes and mouth opening, grown by about one feather.</summary>
    public float[] Protect { get; }

    // Upper eye contours from the outer to the inner corner, and the brows' lower lines, outer to inner
    // (the person's right eye is on the image's left).
    private static readonly int[] RightEyeUpper = [33, 246, 161, 160, 159, 158, 157, 173, 133];
    private static readonly int[] LeftEyeUpper = [263, 466, 388, 387, 386, 385, 384, 398, 362];
    private static readonly int[] RightBrowLower = [46, 53, 52, 65, 55];
    private static readonly int[] LeftBrowLower = [276, 283, 282, 295, 285];
    /// <summary>Face-contour points level with the cheekbones (by the ears).</summary>
    private const int RightCheekOval = 234, LeftCheekOval = 454;

    /// <summary>The lid: the upper eye contour, then the same points moved <see cref="LidHeight"/> of the way to the brow, back.</summary>
    private static Vector2[] Lid(Vector2[] mesh, int[] eye, int[] brow)
    {
        var lash = Array.ConvertAll(eye, i => mesh[i]);
        var browLine = Resample(Array.ConvertAll(brow, i => mesh[i]), lash.Length);
        var loop = new Vector2[2 * lash.Length];
        for (int i = 0; i < lash.Length; i++)
        {
            loop[i] = lash[i];
            loop[2 * lash.Length - 1 - i] = lash[i] + LidHeight * (browLine[i] - lash[i]);
        }
        return loop;
    }

    /// <summary>An ellipse on the cheekbone, its long axis toward the ear.</summary>
    private static Vector2[] Cheek(Vector2[] mesh, int[] eyeContour, int mouthCorner, int ovalPoint, float eyeSpan)
    {
        var eye = Vector2.Zero;
        foreach (int i in eyeContour) eye += mesh[i];
        eye /= eyeContour.Length;
        var middle = (eye + mesh[mouthCorner]) / 2;
        var centre = middle + CheekTowardEar * (mesh[ovalPoint] - middle);
        var along = mesh[ovalPoint] - middle;
        along = along.Length() > 1e-3f ? Vector2.Normalize(along) : Vector2.UnitX;
        var across = new Vector2(-along.Y, along.X);
        const int n = 32;
        var loop = new Vector2[n];
        for (int k = 0; k < n; k++)
        {
            float t = 2 * MathF.PI * k / n;
            loop[k] = centre + MathF.Cos(t) * CheekRadiusAlong * eyeSpan * along + MathF.Sin(t) * CheekRadiusAcross * eyeSpan * across;
        }
        return loop;
    }

    /// <summary><paramref name="count"/> points evenly spaced by arc length along a polyline.</summary>
    private static Vector2[] Resample(Vector2[] line, int count)
    {
        var lengths = new float[line.Length];
        for (int i = 1; i < line.Length; i++) lengths[i] = lengths[i - 1] + Vector2.Distance(line[i - 1], line[i]);
        var result = new Vector2[count];
        int segment = 1;
        for (int k = 0; k < count; k++)
        {
            float at = lengths[^1] * k / (count - 1);
            while (segment < line.Length - 1 && lengths[segment] < at) segment++;
            float span = lengths[segment] - lengths[segment - 1];
            float f = span > 0 ? Math.Clamp((at - lengths[segment - 1]) / span, 0, 1) : 0;
            result[k] = Vector2.Lerp(line[segment - 1], line[segment], f);
        }
        return result;
    }

    /// <summary>
    /// Eyes and mouth opening (pixels at least half inside the mesh's polygons), faded outward over half a
    /// feather so the zones around them do not end in a step. The full-resolution gate
    /// (<see cref="OpeningsGate"/>) makes the openings exact; this keeps the working-size change off them.
    /// </summary>
    private static float[] ProtectedOpenings(Vector2[] mesh, int width, int height, float feather)
    {
        var core = Array.ConvertAll(Openings(mesh, width, height), v => v >= 0.5f ? 1f : 0f);
        var faded = (float[])core.Clone();
        GaussianFeather.Blur(faded, width, height, feather / 2);
        for (int i = 0; i < faded.Length; i++) faded[i] = MathF.Max(core[i], Math.Clamp(2 * faded[i], 0, 1));
        return faded;
    }

    /// <summary>Hard coverage of the eyes and the mouth opening (no feather).</summary>
    private static float[] Openings(Vector2[] mesh, int width, int height)
    {
        var hard = new FaceRegions(mesh.Select(p => new Vector3(p, 0)).ToArray()) { FeatureFeather = 0 };
        var openings = hard.Mask(FaceRegion.Eyes, width, height);
        hard.AddTo(openings, FaceRegion.InnerMouth);
        return openings.Data;
    }

    /// <summary>
    /// At full resolution: 0 on every pixel at least half inside an eye or the mouth opening, 1 elsewhere. The
    /// change is multiplied by it after the bilinear step up, so those pixels come back bit for bit however thin
    /// the opening is at the working size.
    /// </summary>
    public static float[] OpeningsGate(Vector2[] mesh, int width, int height) =>
        Array.ConvertAll(Openings(mesh, width, height), v => v >= 0.5f ? 0f : 1f);

    /// <summary>The mask faded inward: 2·blur − 1 of it, clamped, times the mask (never beyond it).</summary>
    private static float[] InwardFade(float[] mask, int width, int height, float sigma)
    {
        var blurred = (float[])mask.Clone();
        GaussianFeather.Blur(blurred, width, height, sigma);
        var faded = new float[mask.Length];
        for (int i = 0; i < faded.Length; i++) faded[i] = Math.Clamp(2 * blurred[i] - 1, 0, 1) * mask[i];
        return faded;
    }

    private float[] Fill(Vector2[][] loops, float sigma)
    {
        var buffer = new float[Width * Height];
        foreach (var loop in loops)
        {
            var one = new float[Width * Height];
            PolygonCoverage.Fill(one, Width, Height, 0, 0, [loop]);
            for (int i = 0; i < one.Length; i++) buffer[i] = MathF.Max(buffer[i], Math.Clamp(one[i], 0, 1));
        }
        GaussianFeather.Blur(buffer, Width, Height, sigma);
        return buffer;
    }
}
