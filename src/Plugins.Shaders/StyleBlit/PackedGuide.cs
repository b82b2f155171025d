using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.StyleBlit;

/// <summary>
/// Guide features quantised to one byte per plane and packed pixel by pixel into 64-bit words (8 planes per
/// word), so the weighted L1 feature error of two pixels is one SAD instruction (psadbw), four candidates at a
/// time with AVX2. Plane c is stored as round(255 · f_c · w_c / w_max): the error Σ w_c · 255 · |Δf_c| becomes
/// w_max · Σ|Δq_c| (exact for equal weights up to the 1/255 quantisation, which is below what the 8-bit
/// reference code sees).
/// </summary>
internal sealed class PackedGuide
{
    private PackedGuide(ulong[] words, int wordsPerPixel, int width, int height, float unit)
    {
        Words = words; WordsPerPixel = wordsPerPixel; Width = width; Height = height; Unit = unit;
    }

    /// <summary>Pixel i's planes are Words[i · WordsPerPixel …]; unused bytes are 0 in every pixel.</summary>
    public ulong[] Words { get; }
    public int WordsPerPixel { get; }
    public int Width { get; }
    public int Height { get; }

    /// <summary>Error per quantisation step: w_max (the weights are relative to 255, FaceBlit's 8-bit units).</summary>
    public float Unit { get; }

    /// <summary>Packs <paramref name="features"/> with the given per-plane weights (same length as its planes).</summary>
    public static PackedGuide Pack(GuideFeatures features, float[] weights, KernelOptions? kernel = null)
    {
        int n = features.Count, words = (n + 7) / 8, size = features.Width * features.Height;
        float max = weights.Length == 0 ? 0 : weights.Max();
        var packed = new ulong[size * words];
        var planes = new List<(float[] Data, int Offset, float Scale)>();
        foreach (var image in features.Images)
            for (int k = 0; k < image.Channels; k++)
                planes.Add((image.Data, k * image.PlaneSize, max > 0 ? 255f * weights[planes.Count] / max : 0));
        int width = features.Width, stride = words * 8;
        RowBands.For(features.Height, kernel, (y0, y1) =>
        {
            // Plane by plane into the words' bytes (little-endian: byte c of a word is plane c's lane in the SAD).
            var bytes = MemoryMarshal.AsBytes(packed.AsSpan());
            for (int c = 0; c < n; c++)
            {
                var (data, offset, scale) = planes[c];
                int lane = (c >> 3) * 8 + (c & 7);
                for (int i = y0 * width; i < y1 * width; i++)
                    bytes[i * stride + lane] = (byte)Math.Clamp((int)(data[offset + i] * scale + 0.5f), 0, 255);
            }
        }, minRowsPerBand: 16);
        return new PackedGuide(packed, words, features.Width, features.Height, max);
    }

    private readonly object _phaseLock = new();
    private (int Step, ulong[][] Phases)? _phases;

    /// <summary>
    /// For a search on a grid of spacing <paramref name="step"/>: copy φ (0 ≤ φ &lt; step) holds columns φ, φ + step, …
    /// of every row (row y at y · ceil((W − φ) / step)), so a grid row is consecutive in memory (SIMD loads).
    /// Step 1 is the guide itself. Made once per step and kept (the style's guide is reused across faces).
    /// </summary>
    public ulong[][] Phases(int step)
    {
        if (step == 1) return [Words];
        lock (_phaseLock)
        {
            if (_phases is { } cached && cached.Step == step) return cached.Phases;
            var phases = new ulong[step][];
            int n = WordsPerPixel;
            for (int phase = 0; phase < step; phase++)
            {
                int width = (Width - phase + step - 1) / step;
                var copy = phases[phase] = new ulong[width * Height * n];
                for (int y = 0; y < Height; y++)
                    for (int k = 0; k < width; k++)
                        Array.Copy(Words, (y * Width + phase + k * step) * n, copy, (y * width + k) * n, n);
            }
            _phases = (step, phases);
            return phases;
        }
    }

    /// <summary>Σ|Δq| between pixel <paramref name="a"/> of <paramref name="aWords"/> and pixel <paramref name="b"/> of <paramref name="bWords"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sad(ulong[] aWords, int a, ulong[] bWords, int b, int wordsPerPixel)
    {
        int sum = 0;
        for (int k = 0; k < wordsPerPixel; k++) sum += Sad(aWords[a * wordsPerPixel + k], bWords[b * wordsPerPixel + k]);
        return sum;
    }

    /// <summary>Σ|Δq| between the query pixel <paramref name="query"/> (its words) and pixel <paramref name="b"/> of <paramref name="bWords"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sad(ReadOnlySpan<ulong> query, ulong[] bWords, int b)
    {
        if (query.Length == 1) return Sad(query[0], bWords[b]);
        int sum = 0;
        for (int k = 0; k < query.Length; k++) sum += Sad(query[k], bWords[b * query.Length + k]);
        return sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Sad(ulong a, ulong b)
    {
        if (Sse2.IsSupported)
            return (int)Sse2.SumAbsoluteDifferences(Vector128.CreateScalarUnsafe(a).AsByte(), Vector128.CreateScalarUnsafe(b).AsByte()).AsUInt64().ToScalar();
        int sum = 0;
        for (int s = 0; s < 64; s += 8) sum += Math.Abs((int)((a >> s) & 0xFF) - (int)((b >> s) & 0xFF));
        return sum;
    }

    /// <summary>
    /// SADs of <paramref name="target"/> against four consecutive one-word pixels starting at <paramref name="start"/>
    /// (AVX2: one instruction). Only for one word per pixel; the caller checks <see cref="Avx2.IsSupported"/>.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<ulong> Sad4(Vector256<byte> target, ref ulong start) =>
        Avx2.SumAbsoluteDifferences(Vector256.LoadUnsafe(ref start).AsByte(), target).AsUInt64();
}
