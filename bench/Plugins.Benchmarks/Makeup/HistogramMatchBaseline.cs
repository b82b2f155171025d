using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Makeup;

/// <summary>
/// The plain per-region histogram-matching baseline (BeautyGAN's makeup-loss pseudo ground truth): for face
/// skin, then the eye-shadow zone, then the lips, each CIELAB channel of the target zone is histogram-matched to
/// the same zone of the reference face (no warp, no structure/detail split), blended in by the zone's mask. No
/// guided filter of the delta: this is the plain form, so detail and noise of the match show as they are.
/// </summary>
internal static class HistogramMatchBaseline
{
    public static PlanarImage Render(PlanarImage image, PortraitAnalysis analysis, MakeupReference reference)
    {
        var output = image.Clone();
        var referenceFace = reference.Analysis.Faces.Where(f => f.Mesh is not null).OrderByDescending(f => f.Box.Size).First();
        var (refArea, refZones) = MakeupMetrics.Zones(reference.Image, referenceFace);
        var refLab = CieLab.FromSrgb(reference.Image.Crop(refArea.X, refArea.Y, refArea.Width, refArea.Height));
        foreach (var face in analysis.Faces.Where(f => f.Mesh is not null))
        {
            var (area, zones) = MakeupMetrics.Zones(image, face);
            var lab = CieLab.FromSrgb(output.Crop(area.X, area.Y, area.Width, area.Height));
            var changed = new float[area.Width * area.Height];
            foreach (var zone in new[] { MakeupZone.Foundation, MakeupZone.EyeShadow, MakeupZone.Lips })
            {
                var weights = MakeupMetrics.ZoneWeights(zones, zone);
                var refWeights = MakeupMetrics.ZoneWeights(refZones, zone);
                for (int c = 0; c < 3; c++)
                {
                    var plane = lab.Plane(c).ToArray();
                    var match = HistogramMatching.Fit(plane, weights, refLab.Plane(c), refWeights);
                    if (match is null) continue;
                    var target = lab.Plane(c);
                    for (int i = 0; i < plane.Length; i++)
                        if (weights[i] > 0) target[i] += weights[i] * (match.Map(plane[i]) - plane[i]);
                }
                for (int i = 0; i < changed.Length; i++) changed[i] = MathF.Max(changed[i], weights[i]);
            }
            for (int y = 0; y < area.Height; y++)
                for (int x = 0; x < area.Width; x++)
                {
                    int i = y * area.Width + x;
                    if (changed[i] <= 0) continue;
                    var (r, g, b) = CieLab.ToSrgb(lab.Plane(0)[i], lab.Plane(1)[i], lab.Plane(2)[i]);
                    output[0, area.X + x, area.Y + y] = r; output[1, area.X + x, area.Y + y] = g; output[2, area.X + x, area.Y + y] = b;
                }
        }
        return output;
    }
}
