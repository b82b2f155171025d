using System.Buffers;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// He et al.'s guided filter with a colour (3-plane) guide: per window, a = (Sigma + eps U)^-1 cov(I, p) with Sigma
/// the 3 x 3 covariance of the guide's colours, b = mean(p) - a . mean(I), q = box(a) . I + box(b). Follows edges
/// that a grey guide misses (equal luminance, different colour). Same border rule and double window sums as
/// <see cref="GuidedFilter"/>.
/// </summary>
public static class ColorGuidedFilter
{
    /// <summary>Filters each plane of <paramref name="input"/> with the 3-plane <paramref name="guide"/> (same size).</summary>
    public static PlanarImage Apply(PlanarImage guide, PlanarImage input, int radius, float eps, KernelOptions? options = null)
    {
        guide.RequireSameSize(input, "colour guided filter guide and input");
        if (guide.Channels < 3) throw new ArgumentException($"colour guide needs 3 planes, it has {guide.Channels}");
        if (!(eps > 0)) throw new ArgumentOutOfRangeException(nameof(eps), "eps must be > 0");
        var result = new PlanarImage(input.Width, input.Height, input.Channels);
        for (int c = 0; c < input.Channels; c++)
            ApplyPlane(guide, input.PlaneMemory(c), result.PlaneMemory(c), radius, eps, options);
        return result;
    }

    private static void ApplyPlane(PlanarImage guide, ReadOnlyMemory<float> input, Memory<float> output, int radius, float eps, KernelOptions? options)
    {
        int width = guide.Width, height = guide.Height, n = width * height;
        var g0 = guide.PlaneMemory(0); var g1 = guide.PlaneMemory(1); var g2 = guide.PlaneMemory(2);
        // Coefficients a_r, a_g, a_b, b, plane after plane.
        float[] coef = ArrayPool<float>.Shared.Rent(4 * n);
        try
        {
            double[] invX = BoxSums.InverseColumnCounts(width, radius);
            // Sums: I_r, I_g, I_b, p, I_r p, I_g p, I_b p, rr, rg, rb, gg, gb, bb.
            BoxSums.Run(width, height, radius, 13, options,
                (y, x0, count, dest) =>
                {
                    int o = y * width + x0;
                    var r = dest.Slice(0, count); var g = dest.Slice(count, count); var b = dest.Slice(2 * count, count);
                    var p = dest.Slice(3 * count, count);
                    BoxSums.Widen(g0.Span.Slice(o, count), r);
                    BoxSums.Widen(g1.Span.Slice(o, count), g);
                    BoxSums.Widen(g2.Span.Slice(o, count), b);
                    BoxSums.Widen(input.Span.Slice(o, count), p);
                    Mul(r, p, dest, 4, count); Mul(g, p, dest, 5, count); Mul(b, p, dest, 6, count);
                    Mul(r, r, dest, 7, count); Mul(r, g, dest, 8, count); Mul(r, b, dest, 9, count);
                    Mul(g, g, dest, 10, count); Mul(g, b, dest, 11, count); Mul(b, b, dest, 12, count);
                },
                (y, x0, count, sums, stride, offset, invY) =>
                {
                    for (int i = 0; i < count; i++)
                    {
                        double inv = invX[x0 + i] * invY;
                        int s = offset + i;
                        double mr = sums[s] * inv, mg = sums[stride + s] * inv, mb = sums[2 * stride + s] * inv, mp = sums[3 * stride + s] * inv;
                        double cr = sums[4 * stride + s] * inv - mr * mp, cg = sums[5 * stride + s] * inv - mg * mp, cb = sums[6 * stride + s] * inv - mb * mp;
                        double rr = sums[7 * stride + s] * inv - mr * mr + eps, rg = sums[8 * stride + s] * inv - mr * mg, rb = sums[9 * stride + s] * inv - mr * mb;
                        double gg = sums[10 * stride + s] * inv - mg * mg + eps, gb = sums[11 * stride + s] * inv - mg * mb, bb = sums[12 * stride + s] * inv - mb * mb + eps;
                        // Symmetric 3 x 3 inverse by cofactors (Sigma + eps U is positive definite).
                        double i00 = gg * bb - gb * gb, i01 = rb * gb - rg * bb, i02 = rg * gb - rb * gg;
                        double i11 = rr * bb - rb * rb, i12 = rb * rg - rr * gb, i22 = rr * gg - rg * rg;
                        double det = rr * i00 + rg * i01 + rb * i02;
                        double ar = (i00 * cr + i01 * cg + i02 * cb) / det;
                        double ag = (i01 * cr + i11 * cg + i12 * cb) / det;
                        double ab = (i02 * cr + i12 * cg + i22 * cb) / det;
                        int k = y * width + x0 + i;
                        coef[k] = (float)ar;
                        coef[n + k] = (float)ag;
                        coef[2 * n + k] = (float)ab;
                        coef[3 * n + k] = (float)(mp - ar * mr - ag * mg - ab * mb);
                    }
                });
            BoxSums.Run(width, height, radius, 4, options,
                (y, x0, count, dest) =>
                {
                    for (int plane = 0; plane < 4; plane++)
                        BoxSums.Widen(coef.AsSpan(plane * n + y * width + x0, count), dest.Slice(plane * count, count));
                },
                (y, x0, count, sums, stride, offset, invY) =>
                {
                    int o = y * width + x0;
                    var r = g0.Span.Slice(o, count); var g = g1.Span.Slice(o, count); var b = g2.Span.Slice(o, count);
                    var q = output.Span.Slice(o, count);
                    for (int i = 0; i < count; i++)
                    {
                        double inv = invX[x0 + i] * invY;
                        int s = offset + i;
                        q[i] = (float)((sums[s] * r[i] + sums[stride + s] * g[i] + sums[2 * stride + s] * b[i] + sums[3 * stride + s]) * inv);
                    }
                });
        }
        finally { ArrayPool<float>.Shared.Return(coef); }
    }

    private static void Mul(ReadOnlySpan<double> x, ReadOnlySpan<double> y, Span<double> dest, int plane, int count)
        => System.Numerics.Tensors.TensorPrimitives.Multiply(x, y, dest.Slice(plane * count, count));
}
