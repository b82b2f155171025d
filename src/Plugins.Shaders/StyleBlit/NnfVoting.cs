using System.Buffers;
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
    /// 1 is the 3×3 vote, 2 the 5×5. Outside <paramref name="region"/> (when given) a pixel keeps its own proposal.
    /// </summary>
    public static PlanarImage Vote(int[] nnf, int width, int height, PlanarImage style, int radius, KernelOptions? options = null, bool[]? region = null)
    {
        if (region is not null && region.Length != width * height) throw new ArgumentException($"the region holds {region.Length} pixels, {width}x{height} needs {width * height}", nameof(region));
        ArgumentNullException.ThrowIfNull(nnf);
        ArgumentNullException.ThrowIfNull(style);
        if (nnf.Length != width * height) throw new ArgumentException($"the field holds {nnf.Length} entries, {width}x{height} needs {width * height}");
        if (radius is < 0 or > 16) throw new ArgumentOutOfRangeException(nameof(radius), radius, "voting radius 0 to 16");
        int sw = style.Width, sh = style.Height, channels = style.Channels, plane = style.PlaneSize;
        var result = new PlanarImage(width, height, channels);
        var src = style.Data;
        var dst = result.Data;
        // The field's style coordinates, split once (one division per pixel instead of one per proposal).
        var xs = ArrayPool<int>.Shared.Rent(nnf.Length);
        var ys = ArrayPool<int>.Shared.Rent(nnf.Length);
        try
        {
            RowBands.For(height, options, (y0, y1) =>
            {
                for (int i = y0 * width; i < y1 * width; i++)
                {
                    int s = nnf[i], sy = s / sw;
                    ys[i] = sy; xs[i] = s - sy * sw;
                }
            }, minRowsPerBand: 32);
            RowBands.For(height, options, (y0, y1) =>
            {
                Span<float> sum = stackalloc float[4];
                for (int y = y0; y < y1; y++)
                    for (int x = 0; x < width; x++)
                    {
                        int o = y * width + x;
                        if ((region is not null && !region[o]) || Coherent(nnf, xs, ys, width, height, sw, sh, x, y, radius))
                        {
                            // Inside a copied chunk every neighbour proposes the same style pixel: it is the vote. Outside
                            // the caller's region the pixel's own proposal stands in (the caller does not show it).
                            for (int c = 0; c < channels; c++) dst[c * width * height + o] = src[c * plane + nnf[o]];
                            continue;
                        }
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
                                int q = qy * width + qx;
                                int sx = xs[q] - dx, sy = ys[q] - dy;
                                if ((uint)sx >= (uint)sw || (uint)sy >= (uint)sh) continue;
                                int i = sy * sw + sx;
                                for (int c = 0; c < channels; c++) sum[c] += src[c * plane + i];
                                count++;
                            }
                        }
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
        }
        finally
        {
            ArrayPool<int>.Shared.Return(xs);
            ArrayPool<int>.Shared.Return(ys);
        }
        return result;
    }

    /// <summary>
    /// Whether all (2r+1)² neighbours of (x, y) lie inside the target and propose the same style pixel as (x, y)
    /// itself (neighbour q = p + d copies NNF(p) + d), with that pixel far enough from the style's edges that the
    /// index arithmetic cannot wrap to another row.
    /// </summary>
    private static bool Coherent(int[] nnf, int[] xs, int[] ys, int width, int height, int sw, int sh, int x, int y, int radius)
    {
        if (x < radius || y < radius || x >= width - radius || y >= height - radius) return false;
        int p = y * width + x, s = nnf[p], sx = xs[p], sy = ys[p];
        if (sx < radius || sy < radius || sx >= sw - radius || sy >= sh - radius) return false;
        for (int dy = -radius; dy <= radius; dy++)
        {
            int row = (y + dy) * width + x, expected = s + dy * sw;
            for (int dx = -radius; dx <= radius; dx++)
                if (nnf[row + dx] != expected + dx) return false;
        }
        return true;
    }
}
