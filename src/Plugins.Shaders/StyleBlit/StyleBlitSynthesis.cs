using System.Numerics;
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
/// With <see cref="StyleBlitOptions.LookupCell"/> set, a lookup reads the style's <see cref="SeedLookupTable"/> (made on
/// demand, kept by the style) and refines the entry against the pixel's own guides. The full search (for the
/// table's entries, or every lookup without a table) is local: the diamond of L1 radius
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
        // Copy offsets u − stride·q are packed as two biased 16-bit halves: both sizes below the bias keep them in range.
        if (Math.Max(options.TargetStride * Math.Max(target.Width, target.Height), Math.Max(style.Width, style.Height)) >= Synthesizer.OffsetBias)
            throw new ArgumentException($"guides below {Synthesizer.OffsetBias} px a side (the target's times its stride {options.TargetStride}): target {target.Width}x{target.Height}, style {style.Width}x{style.Height}");
        return new Synthesizer(target, style, options).Run(cancellation);
    }

    /// <summary>
    /// The synthesis stage by stage, for the benchmark's profile: <paramref name="stage"/> is called with each
    /// stage's name and the field as it stands after it ("setup": packing the target, the seed grids;
    /// "level L"; "level 0": the undecided pixels' own lookups).
    /// </summary>
    public static int[] Profile(TargetGuide target, StyleGuide style, StyleBlitOptions options, Action<string, Action> stage)
    {
        options.Check(style.Features.Count);
        Synthesizer? synthesizer = null;
        stage("setup", () => synthesizer = new Synthesizer(target, style, options));
        int[] nnf = [];
        stage("setup", () => nnf = synthesizer!.NewField());
        for (int level = options.Levels - 1; level >= 1; level--)
        {
            int lv = level;
            stage($"level {level}", () => synthesizer!.RunLevel(lv, nnf, default));
        }
        stage("level 0", () => synthesizer!.RunLevelZero(nnf, default));
        return nnf;
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
        private readonly int _step, _stride;
        private readonly ulong[] _target, _style;
        private readonly ulong[][] _phases;
        private readonly float[] _targetPosition;
        private readonly float _positionWeight, _threshold, _unit;
        private readonly int[][] _seeds, _memo;
        private readonly KernelOptions? _kernel;
        private readonly SeedLookupTable? _table;
        private readonly int[] _full = [];
        private readonly bool[]? _region;

        /// <summary>Gathers the low 32 bits of four 64-bit SADs into the lower half.</summary>
        private static readonly Vector256<int> Lanes = Vector256.Create(0, 2, 4, 6, 0, 0, 0, 0);

        public Synthesizer(TargetGuide target, StyleGuide style, StyleBlitOptions o)
        {
            _w = target.Width; _h = target.Height; _sw = style.Width; _sh = style.Height;
            _levels = o.Levels; _radius = o.SearchRadius; _kernel = o.Kernel; _region = target.Region;
            _positionWeight = o.PositionWeight; _threshold = o.Threshold;
            // Features as bytes, weight folded in: the feature error is Unit · SAD (PackedGuide).
            var styleGuide = style.Packed(o.FeatureWeights, o.Kernel);
            var targetGuide = PackedGuide.Pack(target.Features, o.FeatureWeights, o.Kernel);
            _step = o.SearchStep; _stride = o.TargetStride;
            _phases = styleGuide.Phases(_step);
            _style = styleGuide.Words; _target = targetGuide.Words; _words = styleGuide.WordsPerPixel; _unit = styleGuide.Unit;
            if (o.LookupCell > 0 && _words == 1 && (long)((_sw + o.LookupCell - 1) / o.LookupCell) * ((_sh + o.LookupCell - 1) / o.LookupCell) <= SeedLookupTable.MaxCells)
            {
                _table = style.Table(o);
                // Each plane's byte when fully on (the packing's scale: 255 · w_c / w_max).
                float max = o.FeatureWeights.Max();
                _full = new int[8];
                for (int c = 0; c < o.FeatureWeights.Length && max > 0; c++) _full[c] = (int)(255f * o.FeatureWeights[c] / max + 0.5f);
            }
            // The positional guide as (x, y) pairs, reflected into the style.
            var positions = _targetPosition = new float[2 * _w * _h];
            var guide = target.Position.Data;
            int plane = target.Position.PlaneSize, sw = _sw, sh = _sh, w = _w;
            RowBands.For(_h, _kernel, (y0, y1) =>
            {
                for (int i = y0 * w; i < y1 * w; i++)
                {
                    positions[2 * i] = Reflect(guide[i], sw);
                    positions[2 * i + 1] = Reflect(guide[plane + i], sh);
                }
            }, minRowsPerBand: 32);
            // Per level, every cell's jittered seed (packed x, y; −1 outside the target), hashed once here
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
                            seeds[by * cx + bx] = sx < _w && sy < _h ? Pack(sx, sy) : -1;
                        }
                }, minRowsPerBand: 8);
                _memo[level] = new int[cx * cy];
                Array.Fill(_memo[level], -1);
            }
        }

        /// <summary>
        /// Level by level from the coarsest, cell by cell (cell rows in parallel: they cover disjoint pixel rows), every
        /// pixel not yet decided by a coarser level tries its nearest seed's copy; the pixels left at the end take
        /// their own lookup or their positional prediction. Same result as deciding pixel by pixel, but the 3×3
        /// seeds are gathered once per cell and the nearest is found with one vector compare.
        /// </summary>
        public int[] Run(CancellationToken cancellation)
        {
            var nnf = NewField();
            for (int level = _levels - 1; level >= 1; level--) RunLevel(level, nnf, cancellation);
            RunLevelZero(nnf, cancellation);
            return nnf;
        }

        /// <summary>A field with every pixel undecided (−1), except those outside the target's region: their positional prediction.</summary>
        public int[] NewField()
        {
            var nnf = new int[_w * _h];
            var region = _region;
            RowBands.For(_h, _kernel, (y0, y1) =>
            {
                for (int p = y0 * _w; p < y1 * _w; p++)
                {
                    if (region is null || region[p]) { nnf[p] = -1; continue; }
                    var (px, py) = Predict(_targetPosition[2 * p], _targetPosition[2 * p + 1], _sw, _sh);
                    nnf[p] = py * _sw + px;
                }
            }, minRowsPerBand: 32);
            return nnf;
        }

        /// <summary>Level <paramref name="level"/> (≥ 1) over every cell: undecided pixels try their nearest seed's copy.</summary>
        public void RunLevel(int level, int[] nnf, CancellationToken cancellation)
        {
            {
                int lv = level, cellsY = (_h + (1 << level) - 1) >> level;
                RowBands.For(cellsY, _kernel, (c0, c1) =>
                {
                    for (int by = c0; by < c1; by++)
                    {
                        cancellation.ThrowIfCancellationRequested();
                        CellRow(lv, by, nnf);
                    }
                }, minRowsPerBand: 1);
            }
        }

        /// <summary>The pixels no level decided: their own lookup, or their positional prediction.</summary>
        public void RunLevelZero(int[] nnf, CancellationToken cancellation)
        {
            RowBands.For(_h, _kernel, (y0, y1) =>
            {
                for (int y = y0; y < y1; y++)
                {
                    cancellation.ThrowIfCancellationRequested();
                    for (int x = 0; x < _w; x++)
                    {
                        int p = y * _w + x;
                        if (nnf[p] >= 0) continue;
                        int own = PixelLookup(p, out float error);
                        if (error < _threshold) nnf[p] = (own >> 16) * _sw + (own & 0xFFFF);
                        else
                        {
                            var (px, py) = Predict(_targetPosition[2 * p], _targetPosition[2 * p + 1], _sw, _sh);
                            nnf[p] = py * _sw + px;
                        }
                    }
                }
            }, minRowsPerBand: 4);
        }

        /// <summary>A seed that is not there (outside the target or the grid): farther than any real one.</summary>
        private const float Absent = 1e7f;

        private void CellRow(int level, int by, int[] nnf)
        {
            int size = 1 << level, cellsX = (_w + size - 1) >> level, cellsY = (_h + size - 1) >> level;
            var seeds = _seeds[level];
            Span<float> xs = stackalloc float[9], ys = stackalloc float[9];
            Span<int> packed = stackalloc int[9], cells = stackalloc int[9], copy = stackalloc int[9];
            for (int bx = 0; bx < cellsX; bx++)
            {
                copy.Fill(Unknown);
                // The 3×3 neighbourhood's seeds in (cy, cx) order: ties go to the first, as a scan in that order would.
                for (int k = 0; k < 9; k++)
                {
                    int cx = bx + k % 3 - 1, cy = by + k / 3 - 1;
                    int s = (uint)cx < (uint)cellsX && (uint)cy < (uint)cellsY ? seeds[cy * cellsX + cx] : -1;
                    packed[k] = s; cells[k] = cy * cellsX + cx;
                    xs[k] = s < 0 ? Absent : s & 0xFFFF;
                    ys[k] = s < 0 ? Absent : s >> 16;
                }
                var vx = Vector256.Create<float>(xs[..8]);
                var vy = Vector256.Create<float>(ys[..8]);
                int yEnd = Math.Min(_h, (by + 1) * size), xEnd = Math.Min(_w, (bx + 1) * size);
                for (int y = by * size; y < yEnd; y++)
                {
                    var dy = vy - Vector256.Create((float)y);
                    var dy2 = dy * dy;
                    float dy8 = ys[8] - y;
                    for (int x = bx * size; x < xEnd; x++)
                    {
                        int p = y * _w + x;
                        if (nnf[p] >= 0) continue;
                        var dx = vx - Vector256.Create((float)x);
                        var d = dx * dx + dy2;
                        float min = HorizontalMin(d);
                        int k = BitOperations.TrailingZeroCount(Vector256.Equals(d, Vector256.Create(min)).ExtractMostSignificantBits());
                        float dx8 = xs[8] - x;
                        if (dx8 * dx8 + dy8 * dy8 < min) k = 8;
                        int q = packed[k];
                        if (q < 0) continue;
                        // The seed's copy as an offset u − stride·q (packed like a pixel), looked up once per cell.
                        if (copy[k] == Unknown)
                        {
                            int u = MemoLookup(level, cells[k], q);
                            copy[k] = Pack((u & 0xFFFF) - _stride * (q & 0xFFFF) + OffsetBias, (u >> 16) - _stride * (q >> 16) + OffsetBias);
                        }
                        int ux = (copy[k] & 0xFFFF) - OffsetBias + _stride * x, uy = (copy[k] >> 16) - OffsetBias + _stride * y;
                        if ((uint)ux >= (uint)_sw || (uint)uy >= (uint)_sh) continue;
                        if (Accepts(p, ux, uy)) nnf[p] = uy * _sw + ux;
                    }
                }
            }
        }

        /// <summary>A per-cell copy offset not yet looked up; offsets are stored biased so both halves stay positive (Synthesize checks stride · target size and the style's size are below the bias).</summary>
        private const int Unknown = -1;
        internal const int OffsetBias = 1 << 14;

        /// <summary>Whether the copy of style pixel (sx, sy) to target pixel p costs less than the threshold (the positional term first: it alone often decides).</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private bool Accepts(int p, int sx, int sy)
        {
            float position = _positionWeight * (MathF.Abs(_targetPosition[2 * p] - sx) + MathF.Abs(_targetPosition[2 * p + 1] - sy));
            if (position >= _threshold) return false;
            int sad = _words == 1 ? PackedGuide.Sad(_target[p], _style[sy * _sw + sx]) : PackedGuide.Sad(_target, p, _style, sy * _sw + sx, _words);
            return position + _unit * sad < _threshold;
        }

        private static float HorizontalMin(Vector256<float> v)
        {
            var m = Vector128.Min(v.GetLower(), v.GetUpper());
            m = Vector128.Min(m, Vector128.Shuffle(m, Vector128.Create(2, 3, 0, 1)));
            m = Vector128.Min(m, Vector128.Shuffle(m, Vector128.Create(1, 0, 3, 2)));
            return m.ToScalar();
        }

        /// <summary>(x, y) in one int: the per-pixel loop then needs no division (sizes are checked to be below 2^15).</summary>
        private static int Pack(int x, int y) => (y << 16) | x;

        /// <summary>The memoised lookup of the seed in <paramref name="cell"/> (packed style x, y).</summary>
        private int MemoLookup(int level, int cell, int seed)
        {
            var memo = _memo[level];
            int u = Volatile.Read(ref memo[cell]);
            if (u >= 0) return u;
            u = PixelLookup((seed >> 16) * _w + (seed & 0xFFFF), out _);
            Volatile.Write(ref memo[cell], u);
            return u;
        }

        /// <summary>
        /// The style pixel best matching target pixel <paramref name="p"/>'s guides within L1 distance SearchRadius
        /// of its positional prediction. Rows are visited outwards from the prediction's (0, −1, +1, −2, …), each
        /// cut to the columns whose positional term alone can still beat the best error found (or the threshold:
        /// a match that costs more is never accepted); a row whose nearest point cannot, ends the search. Within a
        /// row four candidates at a time (AVX2 SAD). Ties keep the first found, so the result is deterministic.
        /// Returns the style pixel packed (<see cref="Pack"/>).
        /// </summary>
        private int Lookup(ReadOnlySpan<ulong> query, float tx, float ty, out float best)
        {
            var (px, py) = Predict(tx, ty, _sw, _sh);
            best = Error(query, tx, ty, px, py);
            int bestIndex = Pack(px, py);
            float w = _positionWeight;
            float offsetY = MathF.Abs(ty - py), offsetX = MathF.Abs(tx - px);
            int step = _step;
            // The coarse grid's columns px + m·step are consecutive in the style's phase (px mod step) copy.
            int phase = px % step, first = px / step;
            var columns = _phases[phase];
            int phaseWidth = (_sw - phase + step - 1) / step;
            bool simd = Avx2.IsSupported && _words == 1;
            var target = simd ? Vector256.Create(query[0]).AsByte() : default;
            for (int k = 0; k <= 2 * (_radius / step); k++)
            {
                int dy = step * ((k & 1) == 0 ? k >> 1 : -((k + 1) >> 1));
                int ady = Math.Abs(dy), sy = py + dy;
                float limit = MathF.Min(best, _threshold);
                // Every candidate in this row costs at least w·(|dy| − offsetY) + w·(|dx| − offsetX).
                float rowCost = w * (ady - offsetY);
                if (rowCost >= limit) break; // the limit only falls and |dy| only grows: no later row can win
                if ((uint)sy >= (uint)_sh) continue;
                int reach = Math.Min(_radius - ady, (int)MathF.Floor((limit - rowCost) / w + offsetX)) / step;
                if (reach < 0) continue;
                int m0 = Math.Max(-first, -reach), m1 = Math.Min(phaseWidth - 1 - first, reach);
                float yCost = w * MathF.Abs(ty - sy);
                int row = sy * phaseWidth + first;
                int m = m0;
                if (simd)
                {
                    // Four candidates per step: SADs (AVX2), their positional terms and errors as four floats; only a
                    // step with an improvement goes lane by lane.
                    ref ulong styleRow = ref columns[row];
                    var unit = Vector128.Create(_unit);
                    var cost = Vector128.Create(yCost);
                    var wv = Vector128.Create(w);
                    var lanes = Vector128.Create(0f, step, 2f * step, 3f * step);
                    for (; m + 3 <= m1; m += 4)
                    {
                        var sad = PackedGuide.Sad4(target, ref Unsafe.Add(ref styleRow, m));
                        var sadf = Vector128.ConvertToSingle(Avx2.PermuteVar8x32(sad.AsInt32(), Lanes).GetLower());
                        var e = unit * sadf + cost + wv * Vector128.Abs(Vector128.Create(tx - (px + m * step)) - lanes);
                        if (!Vector128.LessThanAny(e, Vector128.Create(best))) continue;
                        for (int j = 0; j < 4; j++)
                            if (e.GetElement(j) < best) { best = e.GetElement(j); bestIndex = Pack(px + (m + j) * step, sy); }
                    }
                }
                for (; m <= m1; m++)
                {
                    int sx = px + m * step;
                    float e = _unit * PackedGuide.Sad(query, columns, row + m) + yCost + w * MathF.Abs(tx - sx);
                    if (e < best) { best = e; bestIndex = Pack(sx, sy); }
                }
            }
            // Coarse to fine: the 8 neighbours at half the spacing around the best, down to 1 px.
            for (int s = step / 2; s >= 1; s /= 2)
            {
                int cx = bestIndex & 0xFFFF, cy = bestIndex >> 16;
                for (int dy = -s; dy <= s; dy += s)
                    for (int dx = -s; dx <= s; dx += s)
                    {
                        int sx = cx + dx, sy = cy + dy;
                        if ((dx | dy) == 0 || (uint)sx >= (uint)_sw || (uint)sy >= (uint)_sh) continue;
                        float e = Error(query, tx, ty, sx, sy);
                        if (e < best) { best = e; bestIndex = Pack(sx, sy); }
                    }
            }
            return bestIndex;
        }

        /// <summary>
        /// Target pixel <paramref name="p"/>'s lookup: with a table, the entry for its key (position cell, appearance
        /// level, segment bits) refined against its own guides (the entry, the entry moved by p's offset from the
        /// cell's centre, p's positional prediction, then the 8 neighbours of the best of those); without one, the
        /// full search.
        /// </summary>
        private int PixelLookup(int p, out float best)
        {
            float tx = _targetPosition[2 * p], ty = _targetPosition[2 * p + 1];
            var query = _target.AsSpan(p * _words, _words);
            if (_table is not { } table) return Lookup(query, tx, ty, out best);
            int cell = table.Cell;
            int cx = Math.Min((int)tx / cell, table.CellsX - 1), cy = Math.Min((int)ty / cell, table.CellsY - 1);
            int rx = Math.Min(cx * cell + cell / 2, _sw - 1), ry = Math.Min(cy * cell + cell / 2, _sh - 1);
            ulong word = query[0];
            int level = (int)(word & 0xFF) >> SeedLookupTable.AppearanceShift;
            // Plane c (byte c) as one bit: on where at least half its full value.
            int bits = 0;
            for (int c = 1; c < 8; c++)
                if (_full[c] > 0 && 2 * (int)((word >> (8 * c)) & 0xFF) >= _full[c]) bits |= 1 << (c - 1);
            uint key = SeedLookupTable.Key(cy * table.CellsX + cx, level, bits);
            int u = table.Get(key);
            if (u < 0)
            {
                ulong representative = (ulong)((level << SeedLookupTable.AppearanceShift) + (1 << (SeedLookupTable.AppearanceShift - 1)));
                for (int c = 1; c < 8; c++)
                    if ((bits & (1 << (c - 1))) != 0) representative |= (ulong)_full[c] << (8 * c);
                u = Lookup([representative], rx, ry, out _);
                table.Put(key, u);
            }
            var (px, py) = Predict(tx, ty, _sw, _sh);
            best = Error(query, tx, ty, px, py);
            int bestIndex = Pack(px, py);
            int ux = u & 0xFFFF, uy = u >> 16;
            Consider(query, tx, ty, ux, uy, ref best, ref bestIndex);
            Consider(query, tx, ty, ux + (int)MathF.Round(tx - rx), uy + (int)MathF.Round(ty - ry), ref best, ref bestIndex);
            int bx = bestIndex & 0xFFFF, by = bestIndex >> 16;
            for (int dy = -1; dy <= 1; dy++)
                for (int dx = -1; dx <= 1; dx++)
                    if ((dx | dy) != 0) Consider(query, tx, ty, bx + dx, by + dy, ref best, ref bestIndex);
            return bestIndex;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private void Consider(ReadOnlySpan<ulong> query, float tx, float ty, int sx, int sy, ref float best, ref int bestIndex)
        {
            if ((uint)sx >= (uint)_sw || (uint)sy >= (uint)_sh) return;
            float e = Error(query, tx, ty, sx, sy);
            if (e < best) { best = e; bestIndex = Pack(sx, sy); }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private float Error(ReadOnlySpan<ulong> query, float tx, float ty, int sx, int sy) =>
            _positionWeight * (MathF.Abs(tx - sx) + MathF.Abs(ty - sy)) + _unit * PackedGuide.Sad(query, _style, sy * _sw + sx);

        private float Error(int p, int sx, int sy) =>
            Error(_target.AsSpan(p * _words, _words), _targetPosition[2 * p], _targetPosition[2 * p + 1], sx, sy);
    }
}
