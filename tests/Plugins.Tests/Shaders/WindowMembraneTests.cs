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

    [Fact]
    public void The_interior_leaves_out_the_window_border_and_keeps_scan_order()
    {
        var inside = new bool[16];
        Array.Fill(inside, true);
        Assert.Equal([5, 6, 9, 10], WindowMembrane.Interior(inside, 4));
    }
}
