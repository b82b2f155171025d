using System.Buffers;
using System.Runtime.CompilerServices;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.StyleBlit;

/// <summary>
/// StyleBlit's voting: each target pixel p becomes the mean of the style colours its k×k neighbours q = p + d
/// propose for it, style(NNF(q) − d). Inside a copied chunk all proposals are the same pixel, so chunks stay
/// sharp; along chunk seams the proposals differ and the seam is blended over k pixels.
/// <para>
/// Written with offsets: q's proposal for p is p + o(q), where o(q) = NNF(q) − q is q's copy offset (x and y).
/// Neighbours in the same chunk share their offset, so a pixel reads one style colour per distinct offset in its
/// window (weighted by how many neighbours propose it), not one per neighbour: a field brought up from half
/// resolution has at most four distinct offsets in a 3×3 window, and a chunk's interior one.
/// </para>
/// </summary>
public static class NnfVoting
{
    /// <summary>
    /// The voted image (target size, the style's planes). <paramref name="radius"/> 0 copies style(NNF(p)) as is;
    /// 1 is the 3×3 vote, 2 the 5×5. Outside <paramref name="region"/> (when given) a pixel keeps its own proposal.
    /// </summary>
    public static PlanarImage Vote(int[] nnf, int width, int height, PlanarImage style, int radius, KernelOptions? options = null, bool[]? region = null)
    {
        ArgumentNullException.ThrowIfNull(nnf);
        ArgumentNullException.ThrowIfNull(style);
        if (nnf.Length != width * height) throw new ArgumentException($"the field holds {nnf.Length} entries, {width}x{height} needs {width * height}");
        Check(width, height, style, radius, region);
        CheckField(nnf, style);
        int sw = style.Width;
        var offsets = ArrayPool<int>.Shared.Rent(nnf.Length);
        try
        {
            // Every pixel's copy offset, (sx − x, sy − y) packed; one division per pixel, by a reciprocal.
            float inverse = 1f / sw;
            RowBands.For(height, options, (y0, y1) =>
            {
                for (int y = y0; y < y1; y++)
                    for (int x = 0; x < width; x++)
                    {
                        var (sx, sy) = Split(nnf[y * width + x], sw, inverse);
                        offsets[y * width + x] = PackOffset(sx - x, sy - y);
                    }
            }, minRowsPerBand: 32);
            return VoteOffsets(offsets, width, height, style, radius, options, region);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(offsets);
        }
    }

    /// <summary>
    /// <see cref="Vote"/> of the field <see cref="HalfResolution.UpsampleField"/> would make from the half-resolution
    /// field <paramref name="half"/>, without making it: the offsets come from the parents (a quarter of the
    /// divisions) and the full-resolution field is never stored. The 3×3 vote of an RGB style reads per parent
    /// (<see cref="ParentVote"/>: the same mean up to the order of the additions); other radii and channel counts
    /// give the full-resolution vote to the bit.
    /// </summary>
    public static PlanarImage VoteUpsampled(int[] half, int width, int height, PlanarImage style, int radius, KernelOptions? options = null, bool[]? region = null)
    {
        Check(width, height, style, radius, region);
        int sw = style.Width, sh = style.Height;
        var parents = Parents(half, width, height, style, options);
        int[]? offsets = null;
        try
        {
            int hw = HalfResolution.Half(width);
            if (radius == 1 && style.Channels == 3)
            {
                var voted = new PlanarImage(width, height, 3);
                ParentVote.Vote(parents, hw, width, height, style, options, new ParentVote.Planes(voted, region));
                return voted;
            }
            offsets = ArrayPool<int>.Shared.Rent(width * height);
            // A child copies its parent's style pixel moved by its own place in the 2×2 block, clamped into the style
            // (HalfResolution.UpsampleField).
            RowBands.For(height, options, (y0, y1) =>
            {
                for (int y = y0; y < y1; y++)
                    for (int x = 0; x < width; x++) offsets[y * width + x] = ParentVote.Child(parents, hw, sw, sh, x, y);
            }, minRowsPerBand: 32);
            return VoteOffsets(offsets, width, height, style, radius, options, region);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(parents);
            if (offsets is not null) ArrayPool<int>.Shared.Return(offsets);
        }
    }

    /// <summary>
    /// The 3×3 vote of <see cref="VoteUpsampled"/> (RGB) blended straight into <paramref name="output"/>'s
    /// <paramref name="rect"/> (the target) through <paramref name="weight"/> (rect-sized): output ← output + w·(vote − output),
    /// exactly the vote where w ≥ 1, untouched where w is 0. The same photo as voting into a new image and
    /// compositing it (<c>MaskMath.Composite</c> with <c>exactAtFull</c>), without the voted image or a pass over the
    /// pixels the weight hides.
    /// </summary>
    public static void VoteUpsampledInto(int[] half, PlanarImage style, PlanarImage output, PixelRect rect, PlanarImage weight, KernelOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(style);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(weight);
        if (style.Channels < 3 || output.Channels < 3) throw new ArgumentException($"voting into a photo needs RGB: style {style.Channels}, photo {output.Channels} plane(s)");
        if (rect.X < 0 || rect.Y < 0 || rect.Right > output.Width || rect.Bottom > output.Height)
            throw new ArgumentOutOfRangeException(nameof(rect), $"{rect} is outside the {output.Width}x{output.Height} photo");
        if (weight.Width != rect.Width || weight.Height != rect.Height) throw new ArgumentException($"the weight is {weight.Width}x{weight.Height}, the rectangle {rect.Width}x{rect.Height}", nameof(weight));
        Check(rect.Width, rect.Height, style, 1, null);
        var parents = Parents(half, rect.Width, rect.Height, style, options);
        try
        {
            ParentVote.Vote(parents, HalfResolution.Half(rect.Width), rect.Width, rect.Height, style, options, new ParentVote.Blend(output, rect, weight));
        }
        finally
        {
            ArrayPool<int>.Shared.Return(parents);
        }
    }

    /// <summary>Each parent's style pixel as (y &lt;&lt; 16) | x (rented: return it), the field checked to lie inside the style.</summary>
    private static int[] Parents(int[] half, int width, int height, PlanarImage style, KernelOptions? options)
    {
        ArgumentNullException.ThrowIfNull(half);
        ArgumentNullException.ThrowIfNull(style);
        int hw = HalfResolution.Half(width), hh = HalfResolution.Half(height);
        if (half.Length != hw * hh) throw new ArgumentException($"the half-resolution field holds {half.Length} entries, {width}x{height} needs {hw}x{hh}");
        CheckField(half, style);
        int sw = style.Width;
        var parents = ArrayPool<int>.Shared.Rent(half.Length);
        float inverse = 1f / sw;
        RowBands.For(hh, options, (j0, j1) =>
        {
            for (int p = j0 * hw; p < j1 * hw; p++)
            {
                var (sx, sy) = Split(half[p], sw, inverse);
                parents[p] = (sy << 16) | sx;
            }
        }, minRowsPerBand: 16);
        return parents;
    }

    private static void Check(int width, int height, PlanarImage style, int radius, bool[]? region)
    {
        ArgumentNullException.ThrowIfNull(style);
        if (region is not null && region.Length != width * height) throw new ArgumentException($"the region holds {region.Length} pixels, {width}x{height} needs {width * height}", nameof(region));
        if (radius is < 0 or > 16) throw new ArgumentOutOfRangeException(nameof(radius), radius, "voting radius 0 to 16");
        // Offsets are packed as two signed 16-bit halves.
        if (Math.Max(Math.Max(width, height), Math.Max(style.Width, style.Height)) > short.MaxValue)
            throw new ArgumentException($"voting up to {short.MaxValue} px a side: target {width}x{height}, style {style.Width}x{style.Height}");
    }

    /// <summary>Every entry of <paramref name="field"/> names a pixel of <paramref name="style"/>.</summary>
    private static void CheckField(int[] field, PlanarImage style)
    {
        for (int p = 0; p < field.Length; p++)
            if ((uint)field[p] >= (uint)style.PlaneSize) throw new ArgumentException($"field entry {p} = {field[p]} lies outside the {style.Width}x{style.Height} style");
    }

    /// <summary>Style pixel index s as (x, y), dividing by a reciprocal (corrected by one where it rounds across a row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (int X, int Y) Split(int s, int sw, float inverse)
    {
        int sy = (int)(s * inverse), sx = s - sy * sw;
        if (sx < 0) { sy--; sx += sw; } else if (sx >= sw) { sy++; sx -= sw; }
        return (sx, sy);
    }

    /// <summary>The vote from every pixel's packed copy offset (each pixel's own proposal lies inside the style).</summary>
    private static PlanarImage VoteOffsets(int[] offsets, int width, int height, PlanarImage style, int radius, KernelOptions? options, bool[]? region)
    {
        int sw = style.Width, sh = style.Height, channels = style.Channels, plane = style.PlaneSize;
        var result = new PlanarImage(width, height, channels);
        var src = style.Data;
        var dst = result.Data;
        int size = width * height;
        RowBands.For(height, options, (y0, y1) =>
        {
            int taps = (2 * radius + 1) * (2 * radius + 1);
            Span<int> distinct = stackalloc int[taps];
            Span<int> weights = stackalloc int[taps];
            Span<float> sum = stackalloc float[4];
            for (int y = y0; y < y1; y++)
                for (int x = 0; x < width; x++)
                {
                    int p = y * width + x, o = offsets[p];
                    if ((region is not null && !region[p]) || radius == 0 || Coherent(offsets, width, height, x, y, o, radius))
                    {
                        // Inside a copied chunk every neighbour proposes the same style pixel: it is the vote. Outside
                        // the caller's region the pixel's own proposal stands in (the caller does not show it).
                        int s = (y + (o >> 16)) * sw + x + (short)(o & 0xFFFF);
                        for (int c = 0; c < channels; c++) dst[c * size + p] = src[c * plane + s];
                        continue;
                    }
                    if (radius == 1 && channels == 3 && x >= 1 && y >= 1 && x < width - 1 && y < height - 1)
                    {
                        VoteThreeByThree(offsets, width, src, plane, sw, sh, x, y, out float r, out float g, out float b);
                        dst[p] = r; dst[size + p] = g; dst[2 * size + p] = b;
                        continue;
                    }
                    // The window's distinct offsets inside the target, in scan order, with how many neighbours propose each.
                    int n = 0;
                    for (int dy = -radius; dy <= radius; dy++)
                    {
                        int qy = y + dy;
                        if ((uint)qy >= (uint)height) continue;
                        int last = -1;
                        for (int dx = -radius; dx <= radius; dx++)
                        {
                            int qx = x + dx;
                            if ((uint)qx >= (uint)width) continue;
                            int oq = offsets[qy * width + qx];
                            if (last >= 0 && distinct[last] == oq) { weights[last]++; continue; }
                            last = Find(distinct[..n], oq);
                            if (last < 0) { last = n; distinct[n] = oq; weights[n++] = 0; }
                            weights[last]++;
                        }
                    }
                    sum.Clear();
                    int count = 0;
                    for (int k = 0; k < n; k++)
                    {
                        int sx = x + (short)(distinct[k] & 0xFFFF), sy = y + (distinct[k] >> 16);
                        if ((uint)sx >= (uint)sw || (uint)sy >= (uint)sh) continue;
                        int i = sy * sw + sx, w = weights[k];
                        for (int c = 0; c < channels; c++) sum[c] += w * src[c * plane + i];
                        count += w;
                    }
                    // p's own proposal is inside the style, so count > 0.
                    float inv = 1f / count;
                    for (int c = 0; c < channels; c++) dst[c * size + p] = sum[c] * inv;
                }
        }, minRowsPerBand: 4);
        return result;
    }

    /// <summary>
    /// The 3×3 vote of an RGB pixel away from the target's border (the default, and most of the time): row by row,
    /// a neighbour whose offset equals its left neighbour's adds weight to that proposal instead of a new read.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void VoteThreeByThree(int[] offsets, int width, float[] src, int plane, int sw, int sh, int x, int y, out float r, out float g, out float b)
    {
        float sr = 0, sg = 0, sb = 0;
        int count = 0;
        for (int dy = -1; dy <= 1; dy++)
        {
            int q = (y + dy) * width + x;
            int o0 = offsets[q - 1], o1 = offsets[q], o2 = offsets[q + 1];
            // Runs of equal offsets in the row: (o0), (o1 if new), (o2 if new), each with its length.
            int w0 = 1 + (o1 == o0 ? 1 + (o2 == o1 ? 1 : 0) : 0);
            Add(o0, w0);
            if (w0 < 3)
            {
                int start = w0 == 1 ? o1 : o2;
                int w1 = w0 == 1 && o2 == o1 ? 2 : 1;
                Add(start, w1);
                if (w0 + w1 < 3) Add(o2, 1);
            }
        }
        float inv = 1f / count;
        r = sr * inv; g = sg * inv; b = sb * inv;

        void Add(int offset, int weight)
        {
            int sx = x + (short)(offset & 0xFFFF), sy = y + (offset >> 16);
            if ((uint)sx >= (uint)sw || (uint)sy >= (uint)sh) return;
            int i = sy * sw + sx;
            sr += weight * src[i]; sg += weight * src[plane + i]; sb += weight * src[2 * plane + i];
            count += weight;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int PackOffset(int dx, int dy) => (dy << 16) | (dx & 0xFFFF);

    private static int Find(Span<int> values, int value)
    {
        for (int i = 0; i < values.Length; i++)
            if (values[i] == value) return i;
        return -1;
    }

    /// <summary>
    /// Whether all (2r+1)² neighbours of (x, y) lie inside the target and share (x, y)'s copy offset
    /// <paramref name="offset"/>: all then propose (x, y)'s own style pixel (which lies inside the style).
    /// </summary>
    private static bool Coherent(int[] offsets, int width, int height, int x, int y, int offset, int radius)
    {
        if (x < radius || y < radius || x >= width - radius || y >= height - radius) return false;
        for (int dy = -radius; dy <= radius; dy++)
        {
            int row = (y + dy) * width + x;
            for (int dx = -radius; dx <= radius; dx++)
                if (offsets[row + dx] != offset) return false;
        }
        return true;
    }
}
