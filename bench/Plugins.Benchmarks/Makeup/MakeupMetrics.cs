using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Color;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Benchmarks.Makeup;

/// <summary>Zone colours, ΔE2000 and SSIM as the makeup benchmark and tests measure them.</summary>
internal static class MakeupMetrics
{
    /// <summary>The zone masks of one face at full resolution (no working-size reduction), with the patch's origin.</summary>
    public static (FaceWorkspace Area, MakeupZoneMasks Zones) Zones(PlanarImage image, AnalyzedFace face)
    {
        var area = FaceWorkspace.For(face.Mesh!, image.Width, image.Height, maxEyeSpan: float.MaxValue)
            ?? throw new InvalidOperationException("face outside the photo");
        return (area, new MakeupZoneMasks(area.Mesh, area.WorkWidth, area.WorkHeight));
    }

    public static float[] ZoneWeights(MakeupZoneMasks zones, MakeupZone zone) => zone switch
    {
        MakeupZone.Foundation or MakeupZone.Shading => zones.Foundation,
        MakeupZone.Lips => zones.Lips,
        MakeupZone.EyeShadow => zones.Lids,
        MakeupZone.Blush => zones.Cheeks,
        _ => throw new ArgumentOutOfRangeException(nameof(zone)),
    };

    /// <summary>Mean CIELAB colour of the pixels of <paramref name="image"/> in the patch, weighted by the zone's core (weight above 0.5).</summary>
    public static (double L, double A, double B) MeanLab(PlanarImage image, FaceWorkspace area, float[] weights)
    {
        double l = 0, a = 0, b = 0, total = 0;
        for (int y = 0; y < area.Height; y++)
            for (int x = 0; x < area.Width; x++)
            {
                float w = weights[y * area.Width + x];
                if (w <= 0.5f) continue;
                var (L, A, B) = CieLab.FromSrgb(image[0, area.X + x, area.Y + y], image[1, area.X + x, area.Y + y], image[2, area.X + x, area.Y + y]);
                l += w * L; a += w * A; b += w * B; total += w;
            }
        return total > 0 ? (l / total, a / total, b / total) : (double.NaN, double.NaN, double.NaN);
    }

    /// <summary>Share of the ΔE2000 distance to <paramref name="reference"/> that the change from before to after closed (1 = reached it).</summary>
    public static double ShareClosed((double, double, double) before, (double, double, double) after, (double, double, double) reference) =>
        1 - DeltaE2000.Between(after, reference) / DeltaE2000.Between(before, reference);

    /// <summary>
    /// SSIM (Wang et al. 2004; 8x8 windows, stride 4, C1 = (0.01·100)², C2 = (0.03·100)²) of the CIELAB
    /// lightness of two images over a rectangle.
    /// </summary>
    public static double LightnessSsim(PlanarImage a, PlanarImage b, int x0, int y0, int w, int h)
    {
        var la = Lightness(a, x0, y0, w, h); var lb = Lightness(b, x0, y0, w, h);
        const double c1 = 1.0, c2 = 9.0;
        double sum = 0; int count = 0;
        for (int y = 0; y + 8 <= h; y += 4)
            for (int x = 0; x + 8 <= w; x += 4)
            {
                double ma = 0, mb = 0;
                for (int j = 0; j < 8; j++) for (int i = 0; i < 8; i++) { ma += la[(y + j) * w + x + i]; mb += lb[(y + j) * w + x + i]; }
                ma /= 64; mb /= 64;
                double va = 0, vb = 0, cov = 0;
                for (int j = 0; j < 8; j++)
                    for (int i = 0; i < 8; i++)
                    {
                        double da = la[(y + j) * w + x + i] - ma, db = lb[(y + j) * w + x + i] - mb;
                        va += da * da; vb += db * db; cov += da * db;
                    }
                va /= 63; vb /= 63; cov /= 63;
                sum += (2 * ma * mb + c1) * (2 * cov + c2) / ((ma * ma + mb * mb + c1) * (va + vb + c2));
                count++;
            }
        return sum / count;
    }

    private static float[] Lightness(PlanarImage image, int x0, int y0, int w, int h)
    {
        var l = new float[w * h];
        for (int y = 0; y < h; y++)
            for (int x = 0; x < w; x++)
                l[y * w + x] = CieLab.FromSrgb(image[0, x0 + x, y0 + y], image[1, x0 + x, y0 + y], image[2, x0 + x, y0 + y]).L;
        return l;
    }

    /// <summary>
    /// The reference colour a zone is measured against: the reference zone's mean, with (for lips, lids and
    /// cheeks) its L moved by the difference of the two faces' skin L, because those zones take the reference's
    /// lightness relative to its skin (photos differ in exposure); foundation is measured against it as it is.
    /// </summary>
    public static (double L, double A, double B) ZoneTarget(MakeupZone zone, (double L, double A, double B) referenceZone,
        (double L, double A, double B) referenceSkin, (double L, double A, double B) targetSkin) =>
        zone == MakeupZone.Foundation ? referenceZone : referenceZone with { L = referenceZone.L - referenceSkin.L + targetSkin.L };

    /// <summary>A square crop around a face (side <paramref name="scale"/> times its box), resized to <paramref name="size"/> pixels.</summary>
    public static PlanarImage FaceTile(PlanarImage image, PixelBox box, int size, float scale = 1.4f)
    {
        int side = Math.Min(Math.Min(image.Width, image.Height), (int)(box.Size * scale));
        int x = Math.Clamp((int)(box.Center.X - side / 2f), 0, image.Width - side), y = Math.Clamp((int)(box.Center.Y - side / 2f), 0, image.Height - side);
        var crop = image.Crop(x, y, side, side);
        var rgb = new PlanarImage(side, side, 3, crop.Data.AsSpan(0, 3 * crop.PlaneSize).ToArray());
        return side > size ? Resample.AreaDownsample(rgb, size, size) : Resample.BilinearUpsample(rgb, size, size);
    }
}
