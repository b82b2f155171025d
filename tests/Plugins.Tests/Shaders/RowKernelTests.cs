using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Masks;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// The SIMD row steps of the full-resolution passes (luma for the mask carry, the mask clean-up, the weighted composite and
/// the blend layer's mean) against the scalar formulas they replaced, bit for bit: lengths that are and are not a multiple
/// of the vector width, weights of 0 (left exactly as they were), above 1 (clamped) and negative.
/// </summary>
public sealed class RowKernelTests
{
    private static float[] Values(int n, int seed, float low, float high)
    {
        var random = new Random(seed);
        var v = new float[n];
        for (int i = 0; i < n; i++) v[i] = low + (high - low) * random.NextSingle();
        return v;
    }

    public static TheoryData<int> Lengths => [1, 7, 8, 37, 1000];

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Luma_row_equals_the_scalar_weights(int n)
    {
        float[] r = Values(n, 1, 0, 1), g = Values(n, 2, 0, 1), b = Values(n, 3, 0, 1);
        var luma = new float[n];
        LumaPlane.Row(r, g, b, luma);
        for (int x = 0; x < n; x++) Assert.Equal(0.299f * r[x] + 0.587f * g[x] + 0.114f * b[x], luma[x]);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Clean_values_zeroes_under_the_floor_and_caps_at_one(int n)
    {
        var v = Values(n, 4, -0.2f, 1.3f);
        for (int i = 0; i < n; i += 3) v[i] = MaskPlanes.Floor * (i % 2 == 0 ? 0.5f : 1.5f); // just under and over the floor
        var expected = v.Select(x => x < MaskPlanes.Floor ? 0 : MathF.Min(x, 1)).ToArray();
        MaskPlanes.CleanValues(v);
        Assert.Equal(expected, v);
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Weighted_mix_moves_toward_the_target_by_the_clamped_amount_and_leaves_weight_0_exact(int n)
    {
        var weight = Values(n, 5, -0.5f, 2f);
        for (int i = 0; i < n; i += 4) weight[i] = 0;
        float[] image = Values(n, 6, 0, 1), target = Values(n, 7, 0, 1);
        const float strength = 0.8f;
        var expected = (float[])image.Clone();
        for (int x = 0; x < n; x++)
        {
            float m = weight[x] * strength;
            if (m > 0) expected[x] += Math.Min(m, 1f) * (target[x] - expected[x]);
        }

        var amount = new float[n];
        WeightedMix.Amounts(weight, strength, amount);
        WeightedMix.Toward(image, target, amount);

        Assert.Equal(expected, image);
        Assert.All(amount, a => Assert.InRange(a, 0f, 1f));
    }

    [Theory]
    [MemberData(nameof(Lengths))]
    public void Mean_built_one_part_at_a_time_equals_the_mean_at_once_where_the_weight_is_positive(int n)
    {
        var weight = Values(n, 8, -0.5f, 1f);
        float[] a = Values(n, 9, 0, 1), b = Values(n, 10, 0, 1), c = Values(n, 11, 0, 1);
        var store = Values(n, 12, 0, 1);
        var expected = (float[])store.Clone();
        for (int x = 0; x < n; x++) if (weight[x] > 0) expected[x] = (a[x] + b[x] + c[x]) / 3;

        WeightedMix.AddToMean(a, 0, 3, weight, store);
        WeightedMix.AddToMean(b, 1, 3, weight, store);
        WeightedMix.AddToMean(c, 2, 3, weight, store);

        Assert.Equal(expected, store);
    }
}
