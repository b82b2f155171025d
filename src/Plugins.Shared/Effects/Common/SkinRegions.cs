using RetouchPlugins.Shaders.Masks;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// One piece of skin the retouch works on: a rectangle of the photo, the soft skin weight inside it
/// (a crop, exactly 0 off skin), the face width that sets every radius, and the working size.
/// </summary>
internal sealed record SkinRegion(PixelRect Rect, PlanarImage Weight, float FaceWidth, int WorkingSide);

/// <summary>Plans the regions: each face's box grown 1.5x (its own face skin only), then body skin if asked.</summary>
internal static class SkinRegions
{
    public const float FaceBoxGrowth = 1.5f;

    public static List<SkinRegion> Plan(PortraitAnalysis analysis, int workingSize, bool body)
    {
        var regions = new List<SkinRegion>();
        var faces = analysis.Faces;
        var rects = faces.Select(f => FaceRect(f, analysis)).ToArray();
        for (int i = 0; i < faces.Count; i++)
        {
            var weight = OwnedFaceSkin(analysis, faces, rects, i);
            if (MaskMath.AnyPositive(weight, new PixelRect(0, 0, weight.Width, weight.Height)))
                regions.Add(new SkinRegion(rects[i], weight, faces[i].Box.Width, workingSize));
        }
        if (body)
        {
            var bodySkin = MaskMath.Minus(analysis.SkinMask, analysis.FaceSkinMask);
            if (MaskMath.Bounds(bodySkin) is { } b)
            {
                // Body skin holds less detail worth keeping than a face; twice the working size covers arms and shoulders.
                regions.Insert(0, new SkinRegion(b, bodySkin.Crop(b.X, b.Y, b.Width, b.Height),
                    FaceEffects.TypicalFaceWidth(analysis), 2 * workingSize));
            }
        }
        return regions;
    }

    public static PixelRect FaceRect(AnalyzedFace face, PortraitAnalysis analysis) =>
        PixelRect.Around(face.Box.Center.X, face.Box.Center.Y, face.Box.Width, face.Box.Height, FaceBoxGrowth, analysis.Width, analysis.Height);

    /// <summary>
    /// Face skin inside face i's rectangle, limited to the pixels nearer (relative to face size) to face i
    /// than to any other face whose rectangle covers them, so two touching faces are not retouched twice.
    /// </summary>
    private static PlanarImage OwnedFaceSkin(PortraitAnalysis analysis, IReadOnlyList<AnalyzedFace> faces, PixelRect[] rects, int i)
    {
        var r = rects[i];
        var weight = analysis.FaceSkinMask.Crop(r.X, r.Y, r.Width, r.Height);
        // Only where another face's rectangle overlaps this one can a pixel be that face's.
        var others = Enumerable.Range(0, faces.Count).Where(j => j != i && Overlaps(rects[j], r)).ToArray();
        if (others.Length == 0) return weight;
        Parallel.For(0, r.Height, y =>
        {
            float py = r.Y + y + 0.5f;
            foreach (int j in others)
            {
                var o = rects[j];
                if (py < o.Y || py >= o.Bottom) continue;
                // Columns whose centres lie inside o: x + r.X + 0.5 in [o.X, o.Right).
                int x0 = Math.Max(0, (int)MathF.Ceiling(o.X - r.X - 0.5f)), x1 = Math.Min(r.Width, (int)MathF.Ceiling(o.Right - r.X - 0.5f));
                for (int x = x0; x < x1; x++)
                {
                    ref float v = ref weight.Data[y * r.Width + x];
                    if (v <= 0) continue;
                    float px = r.X + x + 0.5f;
                    float other = RelativeDistance(faces[j], px, py), mine = RelativeDistance(faces[i], px, py);
                    if (other < mine || (other == mine && j < i)) v = 0;
                }
            }
        });
        return weight;
    }

    private static bool Overlaps(PixelRect a, PixelRect b) => a.X < b.Right && b.X < a.Right && a.Y < b.Bottom && b.Y < a.Bottom;

    private static float RelativeDistance(AnalyzedFace face, float x, float y)
    {
        var c = face.Box.Center;
        return MathF.Sqrt((x - c.X) * (x - c.X) + (y - c.Y) * (y - c.Y)) / MathF.Max(1, face.Box.Size);
    }
}
