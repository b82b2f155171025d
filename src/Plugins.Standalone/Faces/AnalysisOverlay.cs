using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Standalone.Faces;

/// <summary>
/// Draws a <see cref="PortraitAnalysis"/> over its photo for a person to check: skin tinted green,
/// features (eyes, brows, lips, mouth, nostrils) magenta, the person's outline yellow, face boxes red,
/// the five landmarks blue and the mesh points white. Line widths follow the photo's size.
/// </summary>
public static class AnalysisOverlay
{
    private static readonly Vector3 SkinColour = new(0.1f, 0.95f, 0.2f), FeatureColour = new(1f, 0.1f, 0.9f);
    private static readonly Vector3 PersonColour = new(1f, 0.9f, 0f), BoxColour = new(1f, 0.1f, 0.1f);
    private static readonly Vector3 LandmarkColour = new(0.1f, 0.4f, 1f), MeshColour = new(1f, 1f, 1f);

    public static PlanarImage Draw(PlanarImage photo, PortraitAnalysis analysis, bool mesh = true)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(analysis);
        var rgb = new PlanarImage(photo.Width, photo.Height, 3);
        for (int c = 0; c < 3; c++) photo.Plane(Math.Min(c, photo.Channels - 1)).CopyTo(rgb.Plane(c));

        float unit = MathF.Max(1, MathF.Max(photo.Width, photo.Height) / 960f);
        Tint(rgb, analysis.SkinMask, SkinColour, 0.45f);
        Tint(rgb, analysis.FeatureMask, FeatureColour, 0.6f);
        if (analysis.PersonMask is { } person) Outline(rgb, person, PersonColour, (int)MathF.Ceiling(unit));
        foreach (var face in analysis.Faces)
        {
            Box(rgb, face.Box, BoxColour, unit);
            if (mesh && face.Mesh is { } points)
                foreach (var p in points) Dot(rgb, p.X, p.Y, 0.6f * unit, MeshColour);
            foreach (var p in face.Landmarks5) Dot(rgb, p.X, p.Y, 2.5f * unit, LandmarkColour);
        }
        return rgb;
    }

    private static void Tint(PlanarImage rgb, PlanarImage mask, Vector3 colour, float alpha)
    {
        var m = mask.Plane(0);
        for (int c = 0; c < 3; c++)
        {
            var plane = rgb.Plane(c);
            float target = colour[c];
            for (int i = 0; i < plane.Length; i++) plane[i] += (target - plane[i]) * m[i] * alpha;
        }
    }

    /// <summary>Marks pixels on the person mask's 0.5 level (inside, with a neighbour outside) and thickens them.</summary>
    private static void Outline(PlanarImage rgb, PlanarImage mask, Vector3 colour, int thickness)
    {
        int w = mask.Width, h = mask.Height;
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
            {
                if (mask[0, x, y] < 0.5f) continue;
                bool edge = (x > 0 && mask[0, x - 1, y] < 0.5f) || (x + 1 < w && mask[0, x + 1, y] < 0.5f)
                         || (y > 0 && mask[0, x, y - 1] < 0.5f) || (y + 1 < h && mask[0, x, y + 1] < 0.5f);
                if (edge) Dot(rgb, x + 0.5f, y + 0.5f, thickness, colour);
            }
    }

    private static void Box(PlanarImage rgb, PixelBox box, Vector3 colour, float unit)
    {
        float step = 0.5f / MathF.Max(1, MathF.Max(box.Width, box.Height));
        for (float t = 0; t <= 1; t += step)
        {
            Dot(rgb, box.X + t * box.Width, box.Y, unit, colour);
            Dot(rgb, box.X + t * box.Width, box.Bottom, unit, colour);
            Dot(rgb, box.X, box.Y + t * box.Height, unit, colour);
            Dot(rgb, box.Right, box.Y + t * box.Height, unit, colour);
        }
    }

    private static void Dot(PlanarImage rgb, float x, float y, float radius, Vector3 colour)
    {
        int r = (int)MathF.Ceiling(radius);
        int cx = (int)MathF.Floor(x), cy = (int)MathF.Floor(y);
        for (int dy = -r; dy <= r; dy++)
            for (int dx = -r; dx <= r; dx++)
            {
                int px = cx + dx, py = cy + dy;
                if (px < 0 || py < 0 || px >= rgb.Width || py >= rgb.Height || dx * dx + dy * dy > radius * radius + 0.25f) continue;
                rgb[0, px, py] = colour.X; rgb[1, px, py] = colour.Y; rgb[2, px, py] = colour.Z;
            }
    }
}
