namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// How much a round spot still shows: the mean of a disk against the mean of an annulus around it, on the luma
/// (0.299, 0.587, 0.114) and on the redness R − G of an RGB image. Used after a heal to see whether the spot (or the
/// halo around it) is really gone.
/// </summary>
public static class SpotContrast
{
    /// <summary>(luma, redness) of the disk of <paramref name="inner"/> minus (luma, redness) of the annulus from <paramref name="ringIn"/> to <paramref name="ringOut"/>.</summary>
    public static (float Luma, float Redness) DiskMinusRing(PlanarImage rgb, float cx, float cy, float inner, float ringIn, float ringOut)
    {
        var disk = Mean(rgb, cx, cy, 0, inner);
        var ring = Mean(rgb, cx, cy, ringIn, ringOut);
        return (disk.Luma - ring.Luma, disk.Redness - ring.Redness);
    }

    /// <summary>Mean luma and redness over the pixels whose centre lies between <paramref name="from"/> and <paramref name="to"/> pixels from (cx, cy).</summary>
    public static (float Luma, float Redness) Mean(PlanarImage rgb, float cx, float cy, float from, float to)
    {
        int r = (int)MathF.Ceiling(to);
        double luma = 0, red = 0; int count = 0;
        for (int y = Math.Max(0, (int)cy - r); y <= Math.Min(rgb.Height - 1, (int)cy + r); y++)
        {
            var R = rgb.Row(0, y); var G = rgb.Row(1, y); var B = rgb.Row(2, y);
            for (int x = Math.Max(0, (int)cx - r); x <= Math.Min(rgb.Width - 1, (int)cx + r); x++)
            {
                float d2 = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                if (d2 > to * to || d2 < from * from) continue;
                luma += 0.299f * R[x] + 0.587f * G[x] + 0.114f * B[x];
                red += R[x] - G[x];
                count++;
            }
        }
        return count == 0 ? (0, 0) : ((float)(luma / count), (float)(red / count));
    }
}
