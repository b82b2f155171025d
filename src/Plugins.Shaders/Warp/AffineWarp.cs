using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.Warp;

/// <summary>
/// Resamples an image through an affine map from output to source coordinates: bilinear, with n × n taps
/// per output pixel where the map shrinks the source by about n (so a large face brought down to a small
/// crop, or a large crop pasted into a small face, does not alias). Outside the source the edge pixels repeat.
/// </summary>
public static class AffineWarp
{
    /// <summary>Most taps per axis; beyond 8× shrinking the result is an 8 × 8 average of bilinear samples.</summary>
    public const int MaxTaps = 8;

    /// <summary>A <paramref name="width"/> × <paramref name="height"/> image whose pixel p is source(<paramref name="outputToSource"/>(p)).</summary>
    public static PlanarImage Apply(PlanarImage source, AffineMap outputToSource, int width, int height, KernelOptions? options = null)
    {
        var result = new PlanarImage(width, height, source.Channels);
        int taps = Math.Clamp((int)MathF.Ceiling(outputToSource.Scale - 1e-3f), 1, MaxTaps);
        float weight = 1f / (taps * taps);
        var m = outputToSource;
        RowBands.For(height, options, (y0, y1) =>
        {
            for (int y = y0; y < y1; y++)
                for (int x = 0; x < width; x++)
                {
                    for (int c = 0; c < source.Channels; c++) result.Data[c * result.PlaneSize + y * width + x] = 0;
                    for (int j = 0; j < taps; j++)
                        for (int i = 0; i < taps; i++)
                        {
                            float ox = x + (i + 0.5f) / taps, oy = y + (j + 0.5f) / taps;
                            float sx = m.A * ox + m.B * oy + m.Tx - 0.5f, sy = m.C * ox + m.D * oy + m.Ty - 0.5f;
                            Accumulate(source, sx, sy, weight, result, y * width + x);
                        }
                }
        });
        return result;
    }

    /// <summary>Adds weight × bilinear(source at index coordinates sx, sy) to every plane of <paramref name="result"/> at <paramref name="index"/>.</summary>
    private static void Accumulate(PlanarImage source, float sx, float sy, float weight, PlanarImage result, int index)
    {
        int w = source.Width, h = source.Height;
        sx = Math.Clamp(sx, 0, w - 1); sy = Math.Clamp(sy, 0, h - 1);
        int x0 = Math.Min((int)sx, w - 1), y0 = Math.Min((int)sy, h - 1);
        int x1 = Math.Min(x0 + 1, w - 1), y1 = Math.Min(y0 + 1, h - 1);
        float fx = sx - x0, fy = sy - y0;
        float w00 = (1 - fx) * (1 - fy) * weight, w10 = fx * (1 - fy) * weight, w01 = (1 - fx) * fy * weight, w11 = fx * fy * weight;
        int plane = source.PlaneSize;
        for (int c = 0; c < source.Channels; c++)
        {
            int o = c * plane;
            result.Data[c * result.PlaneSize + index] +=
                w00 * source.Data[o + y0 * w + x0] + w10 * source.Data[o + y0 * w + x1] +
                w01 * source.Data[o + y1 * w + x0] + w11 * source.Data[o + y1 * w + x1];
        }
    }
}
