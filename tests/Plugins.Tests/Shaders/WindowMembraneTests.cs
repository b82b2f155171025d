using RetouchPlugins.Shaders.Solvers;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>
/// The healing brush's membrane fill (<see cref="WindowMembrane"/>): a plane is harmonic, so a disc whose boundary lies on
/// a plane fills with that plane; checked on a small window (full-resolution sweeps alone) and on a large one (started
/// from the coarse solve).
/// </summary>
public sealed class WindowMembraneTests
{
    [Theory]
    [InlineData(21, 40 + 6 * 8)] // a small hole: the sweeps the brush gives a radius-8 hole
    [InlineData(97, 40 + 6 * 40)] // a close-up's large hole: coarse start, then 40 sweeps
    public void A_disc_with_a_plane_on_its_rim_fills_with_that_plane(int size, int iterations)
    {
        float Plane(int i, int j) => 0.3f + 0.004f * i - 0.002f * j;
        var h = new float[size * size];
        var inside = new bool[size * size];
        float c = (size - 1) / 2f, r = 0.4f * size;
        for (int j = 0; j < size; j++)
            for (int i = 0; i < size; i++)
            {
                inside[j * size + i] = (i - c) * (i - c) + (j - c) * (j - c) <= r * r;
                h[j * size + i] = inside[j * size + i] ? 0.9f : Plane(i, j); // a poor start inside
            }
        WindowMembrane.Solve(h, inside, WindowMembrane.Interior(inside, size), size, iterations);

        float worst = 0;
        for (int j = 0; j < size; j++)
            for (int i = 0; i < size; i++)
                worst = MathF.Max(worst, MathF.Abs(h[j * size + i] - Plane(i, j)));
        // Half an 8-bit level: what is left of the start after the sweeps the brush gives such a hole.
        Assert.True(worst < 0.5f / 255, $"largest error {worst * 255:F2} levels");
    }

    /// <summary>
    /// The sweeps run a diagonal at a time in SIMD: the same numbers to the bit as pixel after pixel in scan order, on
    /// irregular holes (the heal's discs, and blotches with gaps) of the sizes the brush gives, one-pixel windows' worth
    /// of interior up to a close-up's largest.
    /// </summary>
    [Theory]
    [InlineData(3, 1, 5)]
    [InlineData(9, 2, 40)]
    [InlineData(21, 3, 88)]
    [InlineData(47, 4, 178)]
    [InlineData(97, 5, 40)]
    [InlineData(161, 6, 40)]
    public void Sweeps_by_diagonal_are_those_in_scan_order_to_the_bit(int size, int seed, int iterations)
    {
        var random = new Random(seed);
        var inside = new bool[size * size];
        var start = new float[size * size];
        float c = (size - 1) / 2f, r = 0.45f * size;
        for (int k = 0; k < start.Length; k++)
        {
            int i = k % size, j = k / size;
            bool disc = (i - c) * (i - c) + (j - c) * (j - c) <= r * r;
            inside[k] = seed % 2 == 0 ? disc : disc && random.NextDouble() < 0.8; // odd seeds: holes with gaps
            start[k] = (float)random.NextDouble();
        }
        var interior = WindowMembrane.Interior(inside, size);
        var scan = (float[])start.Clone();
        var diagonal = (float[])start.Clone();
        WindowMembrane.RelaxInScanOrder(scan, interior, size, iterations);
        WindowMembrane.RelaxByDiagonals(diagonal, interior, size, iterations);
        Assert.True(interior.Length > 0 || size == 3);
        for (int k = 0; k < scan.Length; k++)
            Assert.True(BitConverter.SingleToInt32Bits(scan[k]) == BitConverter.SingleToInt32Bits(diagonal[k]),
                $"pixel {k % size},{k / size}: {scan[k]:R} in scan order, {diagonal[k]:R} by diagonals");
        Assert.NotEqual(start, scan); // the sweeps did something
    }

    [Fact]
    public void The_interior_leaves_out_the_window_border_and_keeps_scan_order()
    {
        var inside = new bool[16];
        Array.Fill(inside, true);
        Assert.Equal([5, 6, 9, 10], WindowMembrane.Interior(inside, 4));
    }
}
