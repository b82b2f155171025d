using System.Runtime.CompilerServices;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.StyleBlit;

/// <summary>
/// The 3×3 vote of an RGB target whose field comes from half resolution (<see cref="NnfVoting.VoteUpsampled"/>),
/// read per parent. A 3×3 window at full resolution covers exactly four 2×2 parents (one column and one row of
/// them once, the others twice), and the children of a parent share its copy offset unless the parent sits on the
/// style's last column or row (its children are clamped there). So a pixel's vote is at most four reads, weighted
/// 1, 2, 2 and 4, where the vote over the full-resolution field reads up to six (the window's rows that fall in
/// one parent row propose the same pixel twice). Border pixels and windows touching a clamped parent take every
/// neighbour's exact offset. The mean equals the full-resolution vote's up to the order of the float additions
/// (within 1e-6, tested).
/// </summary>
internal static class ParentVote
{
    /// <summary>
    /// A place the vote goes: <see cref="Planes"/> (a new image; hidden pixels keep their own proposal) or
    /// <see cref="Blend"/> (straight into the photo through the head's weight; hidden pixels are not touched).
    /// A struct, so each kind gets its own compiled loop.
    /// </summary>
    public interface ISink
    {
        /// <summary>Whether pixel p's vote is seen.</summary>
        bool Shown(int p);
        /// <summary>Whether a pixel that is not seen still gets its own proposal written.</summary>
        bool WritesHidden { get; }
        void Write(int p, int x, int y, float r, float g, float b);
    }

    /// <summary>Into planes of a target-sized image (<paramref name="region"/> null: every pixel is seen).</summary>
    public readonly struct Planes(PlanarImage result, bool[]? region) : ISink
    {
        private readonly float[] _dst = result.Data;
        private readonly int _size = result.PlaneSize;
        public bool Shown(int p) => region is null || region[p];
        public bool WritesHidden => true;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(int p, int x, int y, float r, float g, float b)
        {
            _dst[p] = r; _dst[_size + p] = g; _dst[2 * _size + p] = b;
        }
    }

    /// <summary>
    /// output ← output + w·(vote − output) on <paramref name="rect"/> of the photo, exactly the vote where w ≥ 1 and
    /// nothing written where w is 0: what <c>MaskMath.Composite(..., exactAtFull: true)</c> of the voted image gives,
    /// to the bit, without the voted image.
    /// </summary>
    public readonly struct Blend(PlanarImage output, PixelRect rect, PlanarImage weight) : ISink
    {
        private readonly float[] _out = output.Data, _weight = weight.Data;
        private readonly int _plane = output.PlaneSize, _stride = output.Width;
        public bool Shown(int p) => _weight[p] > 0;
        public bool WritesHidden => false;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Write(int p, int x, int y, float r, float g, float b)
        {
            float w = _weight[p];
            int o = (rect.Y + y) * _stride + rect.X + x;
            if (w >= 1) { _out[o] = r; _out[_plane + o] = g; _out[2 * _plane + o] = b; return; }
            _out[o] += w * (r - _out[o]);
            _out[_plane + o] += w * (g - _out[_plane + o]);
            _out[2 * _plane + o] += w * (b - _out[2 * _plane + o]);
        }
    }

    /// <summary><paramref name="parents"/>: each parent's style pixel packed as (y &lt;&lt; 16) | x; <paramref name="hw"/> parents a row.</summary>
    public static void Vote<TSink>(int[] parents, int hw, int width, int height, PlanarImage style, KernelOptions? options, TSink sink)
        where TSink : struct, ISink
    {
        int sw = style.Width, sh = style.Height, plane = style.PlaneSize;
        var src = style.Data;
        RowBands.For(height, options, (y0, y1) =>
        {
            Span<int> distinct = stackalloc int[9];
            Span<int> weights = stackalloc int[9];
            for (int y = y0; y < y1; y++)
            {
                // The window's parent rows and how many of its rows fall in each.
                int j0 = (y - 1) >> 1, j1 = (y + 1) >> 1, wr0 = j0 == y >> 1 ? 2 : 1, wr1 = 3 - wr0;
                bool innerRow = y >= 1 && y < height - 1;
                for (int x = 0; x < width; x++)
                {
                    int p = y * width + x;
                    if (!sink.Shown(p))
                    {
                        if (sink.WritesHidden) Copy(p, x, y, Child(parents, hw, sw, sh, x, y));
                        continue;
                    }
                    if (innerRow && x >= 1 && x < width - 1)
                    {
                        int i0 = (x - 1) >> 1, i1 = (x + 1) >> 1, wc0 = i0 == x >> 1 ? 2 : 1, wc1 = 3 - wc0;
                        int s00 = parents[j0 * hw + i0], s10 = parents[j0 * hw + i1], s01 = parents[j1 * hw + i0], s11 = parents[j1 * hw + i1];
                        if (!Clamped(s00, sw, sh) && !Clamped(s10, sw, sh) && !Clamped(s01, sw, sh) && !Clamped(s11, sw, sh))
                        {
                            int o00 = Offset(s00, i0, j0), o10 = Offset(s10, i1, j0), o01 = Offset(s01, i0, j1), o11 = Offset(s11, i1, j1);
                            if (o00 == o10 && o00 == o01 && o00 == o11)
                            {
                                Copy(p, x, y, o00); // inside a chunk: every neighbour proposes the same pixel
                                continue;
                            }
                            int n = 0;
                            n = Add(distinct, weights, n, o00, wc0 * wr0);
                            n = Add(distinct, weights, n, o10, wc1 * wr0);
                            n = Add(distinct, weights, n, o01, wc0 * wr1);
                            n = Add(distinct, weights, n, o11, wc1 * wr1);
                            Mean(p, x, y, distinct[..n], weights[..n]);
                            continue;
                        }
                    }
                    // The exact way: every neighbour's own offset, in scan order.
                    int m = 0;
                    for (int dy = -1; dy <= 1; dy++)
                    {
                        int qy = y + dy;
                        if ((uint)qy >= (uint)height) continue;
                        for (int dx = -1; dx <= 1; dx++)
                        {
                            int qx = x + dx;
                            if ((uint)qx >= (uint)width) continue;
                            m = Add(distinct, weights, m, Child(parents, hw, sw, sh, qx, qy), 1);
                        }
                    }
                    Mean(p, x, y, distinct[..m], weights[..m]);
                }
            }
        }, minRowsPerBand: 4);

        void Copy(int p, int x, int y, int offset)
        {
            int s = (y + (offset >> 16)) * sw + x + (short)(offset & 0xFFFF);
            sink.Write(p, x, y, src[s], src[plane + s], src[2 * plane + s]);
        }

        void Mean(int p, int x, int y, ReadOnlySpan<int> offsets, ReadOnlySpan<int> counts)
        {
            float r = 0, g = 0, b = 0;
            int total = 0;
            for (int k = 0; k < offsets.Length; k++)
            {
                int sx = x + (short)(offsets[k] & 0xFFFF), sy = y + (offsets[k] >> 16);
                if ((uint)sx >= (uint)sw || (uint)sy >= (uint)sh) continue;
                int i = sy * sw + sx, w = counts[k];
                r += w * src[i]; g += w * src[plane + i]; b += w * src[2 * plane + i];
                total += w;
            }
            // p's own proposal lies inside the style, so total > 0.
            float inv = 1f / total;
            sink.Write(p, x, y, r * inv, g * inv, b * inv);
        }
    }

    /// <summary>Whether a parent's children may be clamped into the style (it names the style's last column or row).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool Clamped(int s, int sw, int sh) => (s & 0xFFFF) >= sw - 1 || (s >> 16) >= sh - 1;

    /// <summary>An unclamped parent's copy offset (its children's): its style pixel minus its top-left child.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Offset(int s, int i, int j) => NnfVoting.PackOffset((s & 0xFFFF) - 2 * i, (s >> 16) - 2 * j);

    /// <summary>Child (x, y)'s exact copy offset (HalfResolution.UpsampleField's clamp).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int Child(int[] parents, int hw, int sw, int sh, int x, int y)
    {
        int s = parents[(y >> 1) * hw + (x >> 1)];
        int sx = Math.Min((s & 0xFFFF) + (x & 1), sw - 1), sy = Math.Min((s >> 16) + (y & 1), sh - 1);
        return NnfVoting.PackOffset(sx - x, sy - y);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Add(Span<int> distinct, Span<int> weights, int n, int offset, int weight)
    {
        for (int k = 0; k < n; k++)
            if (distinct[k] == offset) { weights[k] += weight; return n; }
        distinct[n] = offset; weights[n] = weight;
        return n + 1;
    }
}
