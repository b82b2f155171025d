using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
/// The seed lookup is a local search at run time (not FaceBlit's 64 MiB table): the diamond of L1 radius
/// <see cref="StyleBlitOptions.SearchRadius"/> around the positional prediction, row by row outwards, each row
/// cut where the positional term alone exceeds the best error found or the threshold. Guides are compared as
/// packed bytes (<see cref="PackedGuide"/>: one SAD instruction for four candidates); the style's packing is
/// kept by its <see cref="StyleGuide"/>. Lookups of coarse seeds are memoised per level and made only when a
/// pixel asks; the memo holds pure function values, so concurrent writes agree and the result is
/// deterministic for a seed.
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
        private readonly int _w, _h, _sw, _sh, _words, _levels, _radius;
        private readonly ulong[] _target, _style;
        private readonly float[] _targetPosition;
        private readonly float _positionWeight, _threshold, _unit;
        private readonly int[][] _seeds, _memo;
        private readonly KernelOptions? _kernel;

        public Synthesizer(TargetGuide target, StyleGuide style, StyleBlitOptions o)
        {
            _w = target.Width; _h = target.Height; _sw = style.Width; _sh = style.Height;
            _levels = o.Levels; _radius = o.SearchRadius; _kernel = o.Kernel;
            _positionWeight = o.PositionWeight; _threshold = o.Threshold;
            // Features as bytes, weight folded in: the feature error is Unit · SAD (PackedGuide).
            var styleGuide = style.Packed(o.FeatureWeights, o.Kernel);
            var targetGuide = PackedGuide.Pack(target.Features, o.FeatureWeights, o.Kernel);
            _style = styleGuide.Words; _target = targetGuide.Words; _words = styleGuide.WordsPerPixel; _unit = styleGuide.Unit;
            _targetPosition = new GuideFeatures(target.Position).Interleave([1f, 1f]);
            for (int i = 0; i < _targetPosition.Length; i += 2)
            {
                _targetPosition[i] = Reflect(_targetPosition[i], _sw);
                _targetPosition[i + 1] = Reflect(_targetPosition[i + 1], _sh);
            }
            // Per level, every cell's jittered seed (target pixel index, −1 outside the target), hashed once here
            // instead of nine times per pixel and level; and the memo of the seeds' lookups, filled lazily: only
            // seeds some pixel actually asks about are searched.
            _seeds = new int[_levels][];
            _memo = new int[_levels][];
            for (int level = 1; level < _levels; level++)
            {
                int size = 1 << level, cx = (_w + size - 1) >> level, cy = (_h + size - 1) >> level;
                var seeds = _seeds[level] = new int[cx * cy];
                ulong seed = o.Seed;
                int lv = level;
                RowBands.For(cy, _kernel, (y0, y1) =>
                {
                    for (int by = y0; by < y1; by++)
                        for (int bx = 0; bx < cx; bx++)
                        {
                            var (sx, sy) = SeedJitter.Seed(seed, lv, bx, by);
                            seeds[by * cx + bx] = sx < _w && sy < _h ? sy * _w + sx : -1;
                        }
                }, minRowsPerBand: 8);
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
                int bx = x >> level, by = y >> level, cellsX = (_w + (1 << level) - 1) >> level, cellsY = (_h + (1 << level) - 1) >> level;
                var seeds = _seeds[level];
                int bestCell = -1, q = 0;
                long bestD = long.MaxValue;
                for (int cy = Math.Max(0, by - 1); cy <= Math.Min(cellsY - 1, by + 1); cy++)
                    for (int cx = Math.Max(0, bx - 1); cx <= Math.Min(cellsX - 1, bx + 1); cx++)
                    {
                        int s = seeds[cy * cellsX + cx];
                        if (s < 0) continue;
                        int sy = s / _w, sx = s - sy * _w;
                        long d = (long)(sx - x) * (sx - x) + (long)(sy - y) * (sy - y);
                        if (d < bestD) { bestD = d; bestCell = cy * cellsX + cx; q = s; }
                    }
                if (bestCell < 0) continue;
                int u = MemoLookup(level, bestCell, q);
                int qy = q / _w, qx = q - qy * _w;
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

        /// <summary>
        /// The style pixel best matching target pixel <paramref name="p"/>'s guides within L1 distance SearchRadius
        /// of its positional prediction. Rows are visited outwards from the prediction's (0, −1, +1, −2, …), each
        /// cut to the columns whose positional term alone can still beat the best error found (or the threshold:
        /// a match that costs more is never accepted); a row whose nearest point cannot, ends the search. Within a
        /// row four candidates at a time (AVX2 SAD). Ties keep the first found, so the result is deterministic.
        /// </summary>
        private int Lookup(int p, out float best)
        {
            float tx = _targetPosition[2 * p], ty = _targetPosition[2 * p + 1];
            var (px, py) = Predict(tx, ty, _sw, _sh);
            best = Error(p, px, py);
            int bestIndex = py * _sw + px;
            float w = _positionWeight;
            float offsetY = MathF.Abs(ty - py), offsetX = MathF.Abs(tx - px);
            bool simd = Avx2.IsSupported && _words == 1;
            var target = simd ? Vector256.Create(_target[p]).AsByte() : default;
            for (int k = 0; k <= 2 * _radius; k++)
            {
                int dy = (k & 1) == 0 ? k >> 1 : -((k + 1) >> 1);
                int ady = Math.Abs(dy), sy = py + dy;
                float limit = MathF.Min(best, _threshold);
                // Every candidate in this row costs at least w·(|dy| − offsetY) + w·(|dx| − offsetX).
                float rowCost = w * (ady - offsetY);
                if (rowCost >= limit) break; // the limit only falls and |dy| only grows: no later row can win
                if ((uint)sy >= (uint)_sh) continue;
                int reach = Math.Min(_radius - ady, (int)MathF.Floor((limit - rowCost) / w + offsetX));
                if (reach < 0) continue;
                int x0 = Math.Max(0, px - reach), x1 = Math.Min(_sw - 1, px + reach);
                float yCost = w * MathF.Abs(ty - sy);
                int row = sy * _sw;
                int sx = x0;
                if (simd)
                {
                    ref ulong styleRow = ref _style[row];
                    for (; sx + 3 <= x1; sx += 4)
                    {
                        var sad = PackedGuide.Sad4(target, ref Unsafe.Add(ref styleRow, sx));
                        for (int j = 0; j < 4; j++)
                        {
                            float e = _unit * sad.GetElement(j) + yCost + w * MathF.Abs(tx - (sx + j));
                            if (e < best) { best = e; bestIndex = row + sx + j; }
                        }
                    }
                }
                for (; sx <= x1; sx++)
                {
                    float e = _unit * PackedGuide.Sad(_target, p, _style, row + sx, _words) + yCost + w * MathF.Abs(tx - sx);
                    if (e < best) { best = e; bestIndex = row + sx; }
                }
            }
            return bestIndex;
        }

        private float Error(int p, int sx, int sy) =>
            _positionWeight * (MathF.Abs(_targetPosition[2 * p] - sx) + MathF.Abs(_targetPosition[2 * p + 1] - sy))
            + _unit * PackedGuide.Sad(_target, p, _style, sy * _sw + sx, _words);
    }
}
