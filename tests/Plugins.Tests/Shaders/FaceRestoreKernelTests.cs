using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shaders.Warp;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>The face-restore kernels against what they must give on inputs whose answer is known.</summary>
public sealed class FaceRestoreKernelTests
{
    [Fact]
    public void Deblocking_ramps_small_block_edge_steps_keeps_real_edges_and_touches_nothing_outside_its_region()
    {
        // 8x8 blocks of flat values: a step of 0.04 between blocks (an artefact at DC step 0.1) and one of 0.3
        // (a real edge) at x = 27 (blocks start at x = 3 + 8k); grid offset 3 in x, 0 in y.
        var image = new PlanarImage(43, 32, 1);
        for (int y = 0; y < 32; y++)
            for (int x = 0; x < 43; x++)
            {
                int bx = (x - 3 + 8) / 8, by = y / 8;
                image[0, x, y] = 0.3f + 0.04f * ((bx + by) % 2) + (bx >= 4 ? 0.3f : 0);
            }
        var before = image.Clone();
        var region = new PixelRect(0, 0, 43, 24);

        BlockDeblock.ApplyInPlace(image, region, 0.1f, gridX: 3, gridY: 0);

        // The artefact edge at x = 11 (between 10 and 11) became a ramp: the step across it is a quarter of 0.04.
        Assert.Equal(0.01f, MathF.Abs(image[0, 11, 4] - image[0, 10, 4]), 4);
        Assert.Equal(0.005f, MathF.Abs(image[0, 9, 4] - image[0, 8, 4]), 4); // p1 moved by d/8, the pixel before it not at all
        // The real edge at x = 27 stays a full step.
        Assert.Equal(before[0, 27, 4] - before[0, 26, 4], image[0, 27, 4] - image[0, 26, 4], 5);
        // Block centres (3 px from every edge) and the rows below the region are unchanged.
        Assert.Equal(before[0, 15, 4], image[0, 15, 4]);
        for (int y = 24; y < 32; y++)
            for (int x = 0; x < 43; x++) Assert.Equal(before[0, x, y], image[0, x, y]);
        // Rows 22 and 23 are inside the region but the edge at y = 24 is not (its q side lies outside): untouched.
        Assert.Equal(before[0, 5, 23], image[0, 5, 23]);
    }

    [Fact]
    public void Similarity_recovers_a_known_rotation_scale_and_shift_from_five_points()
    {
        float angle = 0.35f, scale = 2.7f;
        var truth = new AffineMap(scale * MathF.Cos(angle), -scale * MathF.Sin(angle), scale * MathF.Sin(angle), scale * MathF.Cos(angle), 40, -12);
        Vector2[] from = [new(10, 20), new(60, 22), new(35, 50), new(15, 80), new(58, 79)];
        var to = from.Select(truth.Apply).ToArray();

        var fitted = AffineMap.Similarity(from, to);

        foreach (var (a, b) in new[] { (fitted.A, truth.A), (fitted.B, truth.B), (fitted.C, truth.C), (fitted.D, truth.D) }) Assert.Equal(b, a, 1e-4f);
        Assert.Equal(truth.Tx, fitted.Tx, 1e-2f);
        Assert.Equal(truth.Ty, fitted.Ty, 1e-2f);
        var back = fitted.Inverse().After(fitted).Apply(new Vector2(123, 45));
        Assert.Equal(123, back.X, 1e-3f);
        Assert.Equal(45, back.Y, 1e-3f);
    }

    [Fact]
    public void An_identity_warp_returns_the_image_and_a_shift_moves_it_by_whole_pixels()
    {
        var image = Random(20, 16, 3, 1);
        var same = AffineWarp.Apply(image, AffineMap.Identity, 20, 16);
        Assert.Equal(image.Data, same.Data);

        var shifted = AffineWarp.Apply(image, AffineMap.Translation(3, 2), 10, 8); // output (x, y) reads source (x + 3, y + 2)
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < 8; y++)
                for (int x = 0; x < 10; x++)
                    Assert.Equal(image[c, x + 3, y + 2], shifted[c, x, y], 1e-6f);
    }

    [Fact]
    public void The_wavelet_noise_estimate_finds_the_sigma_of_white_noise()
    {
        var random = new Random(5);
        var plane = new PlanarImage(256, 256, 1);
        for (int i = 0; i < plane.Data.Length; i++)
            plane.Data[i] = 0.5f + 0.02f * (float)(Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble()));
        // 16384 blocks: the median-based estimate is within a few percent; 5 % tolerance.
        Assert.Equal(0.02f, WaveletNoise.Sigma(plane), 0.001f);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(8)]
    public void A_photo_brought_up_from_a_smaller_size_measures_at_least_half_that_blur_factor(int factor)
    {
        // A 512 crop of a real photo (sample1's right-hand face and hair), and the same brought down by the factor and
        // back up bilinearly. The octave test sees the emptied octaves; bilinear kinks leave a little energy in the finest
        // one, so the measured factor may be one octave short, never more than the truth plus one octave.
        var photo = RetouchPlugins.Tests.Effects.HandPlacedFace.LoadPhoto();
        var crop = LumaChroma.Luma(photo.Crop(1350, 100, 512, 512));
        var blurred = Resample.BilinearUpsample(Resample.AreaDownsample(crop, 512 / factor, 512 / factor), 512, 512);
        var all = new PlanarImage(512, 512, 1);
        Array.Fill(all.Data, 1f);

        int sharp = DetailOctaves.BlurFactor(crop, all, 0), measured = DetailOctaves.BlurFactor(blurred, all, 0);

        Assert.True(sharp <= 2, $"the photo itself measures {sharp}");
        Assert.InRange(measured, Math.Max(sharp, factor / 2), 2 * factor);
    }

    [Fact]
    public void The_paste_mask_is_one_inside_the_eroded_square_and_zero_outside_the_square()
    {
        // A 512 crop shown at half size (s = 0.5) turned 30 degrees, placed around (300, 300) in the photo.
        float a = 0.5236f, k = 2f;
        var photoToCrop = new AffineMap(k * MathF.Cos(a), k * MathF.Sin(a), -k * MathF.Sin(a), k * MathF.Cos(a), 0, 0);
        var centre = photoToCrop.Apply(new Vector2(300, 300));
        photoToCrop = AffineMap.Translation(256 - centre.X, 256 - centre.Y).After(photoToCrop);
        var rect = new PixelRect(0, 0, 600, 600);

        var mask = FeatheredPasteMask.Build(photoToCrop, 512, rect);

        Assert.Equal(1f, mask[0, 300, 300], 1e-4f);
        for (int y = 0; y < 600; y += 3)
            for (int x = 0; x < 600; x += 3)
            {
                var c = photoToCrop.Apply(new Vector2(x + 0.5f, y + 0.5f));
                if (c.X < 0 || c.Y < 0 || c.X > 512 || c.Y > 512) Assert.Equal(0f, mask[0, x, y]);
            }
    }

    private static PlanarImage Random(int w, int h, int channels, int seed)
    {
        var random = new Random(seed);
        var image = new PlanarImage(w, h, channels);
        for (int i = 0; i < image.Data.Length; i++) image.Data[i] = (float)random.NextDouble();
        return image;
    }
}
