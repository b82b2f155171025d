using System.Numerics;

namespace RetouchPlugins.Shaders.Kernels;

/// <summary>
/// The row steps of a weighted composite, SIMD: out = I + min(w·strength, 1)(R − I) where w·strength &gt; 0, I kept
/// bit-exact elsewhere. The same operations in the same order as the scalar loops they replace, so the same values.
/// </summary>
public static class WeightedMix
{
    /// <summary>min(w·strength, 1), and 0 where that is not positive (those pixels are left as they are).</summary>
    public static void Amounts(ReadOnlySpan<float> weight, float strength, Span<float> amount)
    {
        int n = amount.Length, x = 0;
        if (weight.Length < n) throw new ArgumentException("the weight row is shorter than the amount row");
        if (Vector.IsHardwareAccelerated)
        {
            var s = new Vector<float>(strength);
            for (; x <= n - Vector<float>.Count; x += Vector<float>.Count)
                Vector.Max(Vector.Min(new Vector<float>(weight.Slice(x)) * s, Vector<float>.One), Vector<float>.Zero).CopyTo(amount.Slice(x));
        }
        for (; x < n; x++) amount[x] = MathF.Max(MathF.Min(weight[x] * strength, 1f), 0f);
    }

    /// <summary>I ← I + m (R − I); where m is 0 the value is unchanged (R − I is finite).</summary>
    public static void Toward(Span<float> image, ReadOnlySpan<float> target, ReadOnlySpan<float> amount)
    {
        int n = image.Length, x = 0;
        if (target.Length < n || amount.Length < n) throw new ArgumentException("the rows differ in length");
        if (Vector.IsHardwareAccelerated)
            for (; x <= n - Vector<float>.Count; x += Vector<float>.Count)
            {
                var i = new Vector<float>(image.Slice(x));
                (i + new Vector<float>(amount.Slice(x)) * (new Vector<float>(target.Slice(x)) - i)).CopyTo(image.Slice(x));
            }
        for (; x < n; x++) image[x] += amount[x] * (target[x] - image[x]);
    }

    /// <summary>
    /// Part <paramref name="index"/> of <paramref name="count"/> of a mean built one part at a time where the weight is
    /// positive: the first sets, the next add, the last adds and divides, the same operations in the same order as
    /// (a + b + c) / 3 at once. Elsewhere <paramref name="store"/> is left as it is.
    /// </summary>
    public static void AddToMean(ReadOnlySpan<float> part, int index, int count, ReadOnlySpan<float> weight, Span<float> store)
    {
        int n = store.Length, x = 0;
        if (part.Length < n || weight.Length < n) throw new ArgumentException("the rows differ in length");
        if (index < 0 || index >= count) throw new ArgumentOutOfRangeException(nameof(index), $"part {index} of {count}");
        bool firstPart = index == 0, lastPart = index == count - 1;
        if (Vector.IsHardwareAccelerated)
        {
            var divisor = new Vector<float>(count);
            for (; x <= n - Vector<float>.Count; x += Vector<float>.Count)
            {
                var old = new Vector<float>(store.Slice(x));
                var v = new Vector<float>(part.Slice(x));
                if (!firstPart) v = old + v;
                if (lastPart) v /= divisor;
                Vector.ConditionalSelect(Vector.GreaterThan(new Vector<float>(weight.Slice(x)), Vector<float>.Zero), v, old).CopyTo(store.Slice(x));
            }
        }
        for (; x < n; x++)
        {
            if (!(weight[x] > 0)) continue;
            float v = firstPart ? part[x] : store[x] + part[x];
            store[x] = lastPart ? v / count : v;
        }
    }
}
