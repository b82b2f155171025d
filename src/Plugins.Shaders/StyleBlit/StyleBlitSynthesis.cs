using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.StyleBlit;

/// <summary>
/// StyleBlit (Sýkora et al., Eurographics 2019) in its parallel form: every target pixel p decides on its own,
/// so rows run in parallel and the result does not depend on the order. For levels L−1 … 1 (seed spacing
/// h = 2^level), p finds the nearest jittered seed q among the 3×3 grid cells around it, asks where q's guides
/// are best matched in the style (u), and accepts the copy s = u + (p − q) when the guide error between p and s
/// is below the threshold; the coarsest accepted level wins, so large coherent chunks of the style are copied
/// whole. At level 0 p is its own seed. Where nothing is accepted, p takes its positional prediction (the
/// style pixel its positional guide names, reflected into the style): with threshold 0 the result is exactly the position-only mapping.
/// <para>
/// The seed lookup is a local search at run time (not FaceBlit's 64 MiB table): rings of growing L1 distance
/// around the positional prediction, stopped once the positional term alone exceeds the best error found (or
/// at <see cref="StyleBlitOptions.SearchRadius"/>). Lookups of coarse seeds are memoised per level; the memo
/// holds pure function values, so concurrent writes agree and the result is deterministic for a seed.
/// </para>
/// </summary>
public static class StyleBlitSynthesis
{
    /// <summary>
    /// The nearest-neighbour field: for every target pixel (row-major), the index y·W_s + x of the style pixel it
    /// copies. Every entry lies inside the style.
    /// </summary>
    public static int[] Synthesize(TargetGuide target, StyleGuide style, StyleBlitOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(style);
        ArgumentNullException.ThrowIfNull(options);
        if (target.Features.Count != style.Features.Count)
            throw new ArgumentException($"target has {target.Features.Count} feature planes, style {style.Features.Count}");
        options.Check(style.Features.Count);
        return new Synthesizer(target, style, options).Run(cancellation);
    }

    /// <summary>The style pixel the positional guide of target pixel <paramref name="index"/> names, reflected into the style.</summary>
    public static int PositionalPrediction(TargetGuide target, int styleWidth, int styleHeight, int index)
    {
        var (x, y) = Predict(Reflect(target.Position.Data[index], styleWidth), Reflect(target.Position.Data[target.Position.PlaneSize + index], styleHeight), styleWidth, styleHeight);
        return y * styleWidth + x;
    }

    private static (int X, int Y) Predict(float tx, float ty, int sw, int sh) =>
        (Math.Clamp((int)MathF.Round(tx), 0, sw - 1), Math.Clamp((int)MathF.Round(ty), 0, sh - 1));

    /// <summary>
    /// A positional coordinate outside the style, reflected at the style's border (period 2·(size − 1)): a head
    /// turned further than the style's, or a style cut close to the face, asks for pixels beyond the style's edge;
    /// clamping would smear the edge column into streaks, a reflection keeps the style's texture. Reflecting the
    /// guide itself (not just the prediction) keeps the positional error and the search bound meaningful there.
    /// </summary>
    private static float Reflect(float v, int size)
    {
        if (size == 1) return 0;
        float last = size - 1, period = 2 * last;
        if (v >= 0 && v <= last) return v;
        v %= period;
        if (v < 0) v += period;
        return v <= last ? v : period - v;
    }

    private sealed class Synthesizer
    {
        private readonly int _w, _h, _sw, _sh, _n, _levels, _radius;
        private readonly float[] _targetFeatures, _styleFeatures, _targetPosition;
        private readonly float _positionWeight, _threshold;
        private readonly ulong _seed;
        private readonly int[][] _memo;
        private readonly KernelOptions? _kernel;

        public Synthesizer(TargetGuide target, StyleGuide style, StyleBlitOptions o)
        {
            _w = target.Width; _h = target.Height; _sw = style.Width; _sh = style.Height;
            _n = style.Features.Count;
            _levels = o.Levels; _radius = o.SearchRadius; _seed = o.Seed; _kernel = o.Kernel;
            _positionWeight = o.PositionWeight; _threshold = o.Threshold;
            // Features scaled by weight·255 (FaceBlit's 8-bit units), so their error is a plain L1 sum.
            var scales = Array.ConvertAll(o.FeatureWeights, w => w * 255f);
            _targetFeatures = target.Features.Interleave(scales);
            _styleFeatures = style.Features.Interleave(scales);
            _targetPosition = new GuideFeatures(target.Position).Interleave([1f, 1f]);
            for (int i = 0; i < _targetPosition.Length; i += 2)
            {
                _targetPosition[i] = Reflect(_targetPosition[i], _sw);
                _targetPosition[i + 1] = Reflect(_targetPosition[i + 1], _sh);
            }
            _memo = new int[_levels][];
            for (int level = 1; level < _levels; level++)
            {
                int cx = (_w + (1 << level) - 1) >> level, cy = (_h + (1 << level) - 1) >> level;
                _memo[level] = new int[cx * cy];
                Array.Fill(_memo[level], -1);
            }
        }

        public int[] Run(CancellationToken cancellation)
        {
            var nnf = new int[_w * _h];
            RowBands.For(_h, _kernel, (y0, y1) =>
            {
                for (int y = y0; y < y1; y++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    for (int x = 0; x < _w; x++) nnf[y * _w + x] = Pixel(x, y);
                }
            }, minRowsPerBand: 4);
            return nnf;
        }

        private int Pixel(int x, int y)
        {
            int p = y * _w + x;
            for (int level = _levels - 1; level >= 1; level--)
            {
                int bx = x >> level, by = y >> level, cellsX = (_w + (1 << level) - 1) >> level;
                int bestCell = -1, qx = 0, qy = 0;
                long bestD = long.MaxValue;
                for (int dy = -1; dy <= 1; dy++)
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int cx = bx + dx, cy = by + dy;
                        if (cx < 0 || cy < 0) continue;
                        var (sx, sy) = SeedJitter.Seed(_seed, level, cx, cy);
                        if (sx >= _w || sy >= _h) continue;
                        long d = (long)(sx - x) * (sx - x) + (long)(sy - y) * (sy - y);
                        if (d < bestD) { bestD = d; bestCell = cy * cellsX + cx; qx = sx; qy = sy; }
                    }
                if (bestCell < 0) continue;
                int u = MemoLookup(level, bestCell, qy * _w + qx);
                int ux = u % _sw + (x - qx), uy = u / _sw + (y - qy);
                if ((uint)ux >= (uint)_sw || (uint)uy >= (uint)_sh) continue;
                if (Error(p, ux, uy) < _threshold) return uy * _sw + ux;
            }
            int own = Lookup(p, out float error);
            if (error < _threshold) return own;
            var (px, py) = Predict(_targetPosition[2 * p], _targetPosition[2 * p + 1], _sw, _sh);
            return py * _sw + px;
        }

        private int MemoLookup(int level, int cell, int seedPixel)
        {
            var memo = _memo[level];
            int u = Volatile.Read(ref memo[cell]);
            if (u >= 0) return u;
            u = Lookup(seedPixel, out _);
            Volatile.Write(ref memo[cell], u);
            return u;
        }

        /// <summary>The style pixel best matching target pixel <paramref name="p"/>'s guides near its positional prediction.</summary>
        private int Lookup(int p, out float best)
        {
            float tx = _targetPosition[2 * p], ty = _targetPosition[2 * p + 1];
            var (px, py) = Predict(tx, ty, _sw, _sh);
            float offset = MathF.Abs(tx - px) + MathF.Abs(ty - py);
            best = Error(p, px, py);
            int bestIndex = py * _sw + px;
            for (int d = 1; d <= _radius; d++)
            {
                // Every candidate at L1 distance d has a positional term of at least w·(d − offset): past the best
                // error found, or past the threshold (a match that costs more than it is never accepted), stop.
                if (_positionWeight * (d - offset) >= MathF.Min(best, _threshold)) break;
                for (int i = 0; i < d; i++)
                {
                    Try(p, px + d - i, py + i, ref best, ref bestIndex);
                    Try(p, px - i, py + d - i, ref best, ref bestIndex);
                    Try(p, px - d + i, py - i, ref best, ref bestIndex);
                    Try(p, px + i, py - d + i, ref best, ref bestIndex);
                }
            }
            return bestIndex;
        }

        private void Try(int p, int sx, int sy, ref float best, ref int bestIndex)
        {
            if ((uint)sx >= (uint)_sw || (uint)sy >= (uint)_sh) return;
            float e = Error(p, sx, sy);
            if (e < best) { best = e; bestIndex = sy * _sw + sx; }
        }

        private float Error(int p, int sx, int sy)
        {
            float e = _positionWeight * (MathF.Abs(_targetPosition[2 * p] - sx) + MathF.Abs(_targetPosition[2 * p + 1] - sy));
            int t = p * _n, s = (sy * _sw + sx) * _n;
            for (int c = 0; c < _n; c++) e += MathF.Abs(_targetFeatures[t + c] - _styleFeatures[s + c]);
            return e;
        }
    }
}
