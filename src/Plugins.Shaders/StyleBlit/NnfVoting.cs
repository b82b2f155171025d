using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.StyleBlit;

/// <summary>
/// StyleBlit's voting: each target pixel p becomes the mean of the style colours its k×k neighbours q = p + d
/// propose for it, style(NNF(q) − d). Inside a copied chunk all proposals are the same pixel, so chunks stay
/// sharp; along chunk seams the proposals differ and the seam is blended over k pixels.
/// </summary>
public static class NnfVoting
{
    /// <summary>
    /// The voted image (target size, the style's planes). <paramref name="radius"/> 0 copies style(NNF(p)) as is;
    /// 1 is the 3×3 vote, 2 the 5×5.
    /// </summary>
    public static PlanarImage Vote(int[] nnf, int width, int height, PlanarImage style, int radius, KernelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nnf);
        ArgumentNullException.ThrowIfNull(style);
        if (nnf.Length != width * height) throw new ArgumentException($"the field holds {nnf.Length} entries, {width}x{height} needs {width * height}");
        if (radius is < 0 or > 16) throw new ArgumentOutOfRangeException(nameof(radius), radius, "voting radius 0 to 16");
        int sw = style.Width, sh = style.Height, channels = style.Channels, plane = style.PlaneSize;
        var result = new PlanarImage(width, height, channels);
        var src = style.Data;
        var dst = result.Data;
        RowBands.For(height, options, (y0, y1) =>
        {
            Span<float> sum = stackalloc float[4];
            for (int y = y0; y < y1; y++)
                for (int x = 0; x < width; x++)
                {
                    sum.Clear();
                    int count = 0;
                    for (int dy = -radius; dy <= radius; dy++)
                    {
                        int qy = y + dy;
                        if ((uint)qy >= (uint)height) continue;
                        for (int dx = -radius; dx <= radius; dx++)
                        {
                            int qx = x + dx;
                            if ((uint)qx >= (uint)width) continue;
                            int s = nnf[qy * width + qx];
                            int sy = s / sw, sx = s - sy * sw;
                            sx -= dx; sy -= dy;
                            if ((uint)sx >= (uint)sw || (uint)sy >= (uint)sh) continue;
                            int i = sy * sw + sx;
                            for (int c = 0; c < channels; c++) sum[c] += src[c * plane + i];
                            count++;
                        }
                    }
                    int o = y * width + x;
                    if (count == 0)
                    {
                        // Only possible when p's own proposal is outside the style, which Synthesize never gives.
                        int s = Math.Clamp(nnf[o], 0, plane - 1);
                        for (int c = 0; c < channels; c++) dst[c * width * height + o] = src[c * plane + s];
                        continue;
                    }
                    float inv = 1f / count;
                    for (int c = 0; c < channels; c++) dst[c * width * height + o] = sum[c] * inv;
                }
        }, minRowsPerBand: 4);
        return result;
    }
}
