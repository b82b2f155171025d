using System.Runtime.CompilerServices;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// A round spot's profile from the pixels around its centre: the mean on thin rings as a function of the distance, kept
/// at or below zero and no deeper than nearer the centre (a blemish takes light or colour away, most at its centre).
/// Shared by <see cref="SpotDivision"/> (the spot) and <see cref="HaloChroma"/> (an acne mark's halo).
/// </summary>
public static class RadialProfile
{
    /// <summary>
    /// The mean of <paramref name="values"/> on thin rings (Gaussian in the distance, <paramref name="bandwidth"/> pixels),
    /// as a function of the distance: half-pixel bins, smoothed, read back with linear interpolation.
    /// </summary>
    public static Func<float, float> Fit(float[] values, float[] distance, float[] inDisk, float outer, float bandwidth)
    {
        const float step = 0.5f;
        int bins = (int)MathF.Ceiling(outer / step) + 2;
        var sum = new double[bins];
        var count = new double[bins];
        for (int k = 0; k < values.Length; k++)
        {
            if (inDisk[k] == 0) continue;
            float b = distance[k] / step;
            int b0 = Math.Min(bins - 2, (int)b);
            float t = b - b0;
            sum[b0] += (1 - t) * values[k]; count[b0] += 1 - t;
            sum[b0 + 1] += t * values[k]; count[b0 + 1] += t;
        }
        float sigma = bandwidth / step;
        int reach = (int)MathF.Ceiling(3 * sigma);
        var mean = new float[bins];
        for (int b = 0; b < bins; b++)
        {
            // A local quadratic in the distance (a plain weighted mean flattens the peak: at the centre it is mostly the
            // pixels a radius or so out, which outnumber the centre's). Reflected at 0: the ring at −r is the ring at r.
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, t0 = 0, t1 = 0, t2 = 0;
            for (int o = -reach; o <= reach; o++)
            {
                int q = Math.Abs(b + o);
                if (q >= bins) continue;
                double g = Math.Exp(-o * o / (2.0 * sigma * sigma)), n = g * count[q], v = g * sum[q];
                s0 += n; s1 += n * o; s2 += n * o * o; s3 += n * o * o * o; s4 += n * o * o * o * o;
                t0 += v; t1 += v * o; t2 += v * o * o;
            }
            double det = s0 * (s2 * s4 - s3 * s3) - s1 * (s1 * s4 - s3 * s2) + s2 * (s1 * s3 - s2 * s2);
            if (Math.Abs(det) > 1e-9 * Math.Max(1, s0 * s2 * s4))
                mean[b] = (float)((t0 * (s2 * s4 - s3 * s3) - s1 * (t1 * s4 - s3 * t2) + s2 * (t1 * s3 - s2 * t2)) / det);
            else mean[b] = s0 > 1e-6 ? (float)(t0 / s0) : 0;
        }
        // A blemish takes light away, most at its centre: the profile is kept at or below zero and no deeper than it is
        // nearer the centre, so the skin's own brighter rings and shading bumps inside the disk are not taken for it.
        for (int b = 0; b < bins; b++) mean[b] = MathF.Min(0, b == 0 ? mean[b] : MathF.Max(mean[b], mean[b - 1]));
        // Called per pixel through the delegate, which cannot be inlined: compiled optimised at once instead of running
        // unoptimised until a fresh process gets round to recompiling it.
        return [MethodImpl(MethodImplOptions.AggressiveOptimization)] (float d) =>
        {
            float b = d / step;
            int b0 = Math.Min(bins - 2, (int)b);
            float t = b - b0;
            return mean[b0] + t * (mean[b0 + 1] - mean[b0]);
        };
    }
}
