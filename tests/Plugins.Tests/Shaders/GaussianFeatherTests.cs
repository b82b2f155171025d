using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// <see cref="GaussianFeather"/>'s column passes take eight columns at a time in SIMD: the same numbers to the bit as one
/// column at a time, for both kernels (sampled, and three box passes above <see cref="GaussianFeather.ExactSigmaLimit"/>),
/// on buffers wider and taller than a vector's worth of columns with a remainder, and narrower than one vector.
/// </summary>
public sealed class GaussianFeatherTests
{
    [Theory]
    [InlineData(37, 61, 2.5f)]   // taller than wide, sampled kernel
    [InlineData(83, 29, 6f)]     // wider than tall, sampled kernel reaching past the edges
    [InlineData(5, 40, 3f)]      // narrower than one vector: columns one by one only
    [InlineData(70, 90, 12f)]    // box passes
    [InlineData(129, 47, 30f)]   // box passes wider than the buffer is tall
    public void Columns_in_vectors_are_columns_one_by_one_to_the_bit(int width, int height, float sigma)
    {
        var random = new Random(width * 1000 + height);
        var start = new float[width * height];
        for (int i = 0; i < start.Length; i++) start[i] = random.NextDouble() < 0.3 ? 1f : (float)random.NextDouble() * 0.2f;
        var vectors = (float[])start.Clone();
        var scalar = (float[])start.Clone();
        GaussianFeather.Blur(vectors, width, height, sigma, simd: true);
        GaussianFeather.Blur(scalar, width, height, sigma, simd: false);
        for (int i = 0; i < start.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(vectors[i]) == BitConverter.SingleToInt32Bits(scalar[i]),
                $"pixel {i % width},{i / width}: {vectors[i]:R} in vectors, {scalar[i]:R} one by one");
        Assert.NotEqual(start, scalar); // it blurred
    }
}
