using System.Numerics;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// Keeps, per pixel, the strongest normalised response seen over a multi-scale search, with the scale and the kind
/// that gave it (the blemish detector: dark or red ring-minus-core at each radius, over a texture-dependent floor).
/// SIMD; the same values and ties as the one-pixel-at-a-time loop (a later response must be strictly larger).
/// </summary>
public static class BestResponse
{
    /// <summary>
    /// For each i: v = (negate ? -response[i] : response[i]) / denominator[i]; where v &gt; best[i], best[i] = v,
    /// bestScale[i] = scale and bestKind[i] = kind.
    /// </summary>
    public static void Keep(ReadOnlySpan<float> response, ReadOnlySpan<float> denominator, bool negate, float scale, float kind,
        Span<float> best, Span<float> bestScale, Span<float> bestKind)
    {
        int n = response.Length;
        if (denominator.Length < n || best.Length < n || bestScale.Length < n || bestKind.Length < n)
            throw new ArgumentException("every span must be at least as long as the responses");
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var scales = new Vector<float>(scale);
            var kinds = new Vector<float>(kind);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var r = new Vector<float>(response.Slice(i));
                var v = (negate ? -r : r) / new Vector<float>(denominator.Slice(i));
                var b = new Vector<float>(best.Slice(i));
                var better = Vector.GreaterThan(v, b);
                Vector.ConditionalSelect(better, v, b).CopyTo(best.Slice(i));
                Vector.ConditionalSelect(better, scales, new Vector<float>(bestScale.Slice(i))).CopyTo(bestScale.Slice(i));
                Vector.ConditionalSelect(better, kinds, new Vector<float>(bestKind.Slice(i))).CopyTo(bestKind.Slice(i));
            }
        }
        for (; i < n; i++)
        {
            float v = (negate ? -response[i] : response[i]) / denominator[i];
            if (v > best[i]) { best[i] = v; bestScale[i] = scale; bestKind[i] = kind; }
        }
    }
}
