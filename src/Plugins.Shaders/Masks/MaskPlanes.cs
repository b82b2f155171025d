using System.Numerics;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shaders.Masks;

/// <summary>Whole-plane steps the analyzer applies to its one-plane masks.</summary>
public static class MaskPlanes
{
    /// <summary>Below this a mask value is noise from feathering or scaling and becomes exactly 0 (effects leave those pixels bit-exact).</summary>
    public const float Floor = 1f / 512;

    /// <summary>Clamps to [0, 1] and sets values under <see cref="Floor"/> to exactly 0.</summary>
    public static void Clean(PlanarImage mask)
    {
        var data = mask.Data;
        int chunk = 1 << 16;
        RowBands.For((data.Length + chunk - 1) / chunk, null, (c0, c1) =>
        {
            int end = (int)Math.Min(data.Length, (long)c1 * chunk);
            CleanValues(data.AsSpan(c0 * chunk, end - c0 * chunk));
        }, minRowsPerBand: 4);
    }

    /// <summary><see cref="Clean"/> on a span (SIMD): values under <see cref="Floor"/> become exactly 0, the rest are at most 1.</summary>
    public static void CleanValues(Span<float> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var floor = new Vector<float>(Floor);
            for (; i <= values.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                var v = new Vector<float>(values.Slice(i));
                Vector.ConditionalSelect(Vector.LessThan(v, floor), Vector<float>.Zero, Vector.Min(v, Vector<float>.One)).CopyTo(values.Slice(i));
            }
        }
        for (; i < values.Length; i++) values[i] = values[i] < Floor ? 0 : MathF.Min(values[i], 1);
    }

    /// <summary>Grows a feathered mask outward: its 0.5 edge becomes fully 1 and the soft rim moves out by about one feather.</summary>
    public static void Grow(PlanarImage mask)
    {
        foreach (ref var v in mask.Data.AsSpan()) v = MathF.Min(1, 2 * v);
    }

    /// <summary>Softens a mask with a Gaussian of <paramref name="sigma"/> pixels.</summary>
    public static void Blur(PlanarImage mask, float sigma) => GaussianFeather.Blur(mask.Data, mask.Width, mask.Height, sigma);

    /// <summary>a = a x (1 - b), element-wise.</summary>
    public static void Without(PlanarImage a, PlanarImage b)
    {
        var x = a.Data; var y = b.Data;
        for (int i = 0; i < x.Length; i++) x[i] *= 1 - y[i];
    }

    /// <summary>a = a x b, element-wise.</summary>
    public static void MultiplyBy(PlanarImage a, PlanarImage b)
    {
        var x = a.Data; var y = b.Data;
        for (int i = 0; i < x.Length; i++) x[i] *= y[i];
    }

    /// <summary>a = max(a, b), element-wise.</summary>
    public static void MaxInto(PlanarImage a, PlanarImage b)
    {
        var x = a.Data; var y = b.Data;
        for (int i = 0; i < x.Length; i++) x[i] = MathF.Max(x[i], y[i]);
    }

    /// <summary>Smooth ramp of a mask's values from 0 at <paramref name="low"/> to 1 at <paramref name="high"/>.</summary>
    public static PlanarImage Ramp(PlanarImage mask, float low, float high)
    {
        var result = new PlanarImage(mask.Width, mask.Height, 1);
        var src = mask.Plane(0); var dst = result.Plane(0);
        for (int i = 0; i < src.Length; i++) dst[i] = Step(low, high, src[i]);
        return result;
    }

    /// <summary>
    /// The full-size mask clamp(up(<paramref name="lowMask"/>)) · ramp(up(<paramref name="lowGate"/>) from <paramref name="low"/> to
    /// <paramref name="high"/>) · (1 − clamp(2 · <paramref name="exclude"/>)), where up is bilinear (half-pixel centres) to the size of
    /// <paramref name="exclude"/>; values under <see cref="Floor"/> are exactly 0. Both small planes are interpolated a row at a time
    /// on all cores: no full-size copy of either is made (a 24 MP garment mask's last step).
    /// </summary>
    public static PlanarImage ComposeGated(PlanarImage lowMask, PlanarImage lowGate, float low, float high, PlanarImage exclude)
    {
        int w = exclude.Width, h = exclude.Height;
        var result = new PlanarImage(w, h, 1);
        var mask = new BilinearRows(lowMask, w, h);
        var gate = new BilinearRows(lowGate, w, h);
        RowBands.For(h, null, (r0, r1) =>
        {
            var mixMask = new float[mask.SourceWidth]; var mixGate = new float[gate.SourceWidth];
            var maskRow = new float[w]; var gateRow = new float[w];
            for (int y = r0; y < r1; y++)
            {
                mask.Read(y, mixMask, maskRow);
                gate.Read(y, mixGate, gateRow);
                var e = exclude.Row(0, y); var dst = result.Row(0, y);
                for (int x = 0; x < w; x++)
                {
                    float v = Math.Clamp(maskRow[x], 0f, 1f) * Step(low, high, gateRow[x]) * (1 - Math.Clamp(2 * e[x], 0f, 1f));
                    dst[x] = v < Floor ? 0 : v;
                }
            }
        });
        return result;
    }

    /// <summary>Smoothstep from 0 at <paramref name="zero"/> to 1 at <paramref name="one"/> (either order).</summary>
    public static float Step(float zero, float one, float x)
    {
        float t = Math.Clamp((x - zero) / (one - zero), 0f, 1f);
        return t * t * (3 - 2 * t);
    }
}
