using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Makeup;

/// <summary>Lipstick of a known colour painted on a face: the removal benchmark's and test's ground truth.</summary>
internal static class SyntheticLipstick
{
    /// <summary>A plum, CIELAB (35, 45, −12): far from any natural lip.</summary>
    public static readonly (float L, float A, float B) Colour = (35, 45, -12);

    /// <summary>Lips' L moved to the lipstick's (their own shading and texture kept), a* b* replaced, at 90 % over the lips' core.</summary>
    public static void Paint(PlanarImage image, AnalyzedFace face)
    {
        var (area, zones) = MakeupMetrics.Zones(image, face);
        var lipMean = MakeupMetrics.MeanLab(image, area, zones.Lips);
        for (int y = 0; y < area.Height; y++)
            for (int x = 0; x < area.Width; x++)
            {
                float m = 0.9f * Math.Clamp(zones.Lips[y * area.Width + x] * 1.5f, 0, 1);
                if (m <= 0) continue;
                int px = area.X + x, py = area.Y + y;
                var (L, A, B) = CieLab.FromSrgb(image[0, px, py], image[1, px, py], image[2, px, py]);
                float l = L + m * (Colour.L - (float)lipMean.L), a = A + m * (Colour.A - A), b = B + m * (Colour.B - B);
                (image[0, px, py], image[1, px, py], image[2, px, py]) = CieLab.ToSrgb(l, a, b);
            }
    }
}
