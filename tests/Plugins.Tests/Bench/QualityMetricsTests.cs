using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Tests.Bench;

public class QualityMetricsTests
{
    [Fact]
    public void Psnr_of_identical_images_is_the_cap_and_a_uniform_offset_gives_the_textbook_value()
    {
        var photo = BenchFixtures.PhotoCrop();
        var mask = BenchFixtures.Full(photo.Width, photo.Height);
        Assert.Equal(QualityMetrics.PsnrCap, QualityMetrics.Psnr(photo, photo.Clone(), mask));

        var shifted = photo.Clone();
        for (int i = 0; i < shifted.Data.Length; i++) shifted.Data[i] += 0.01f;
        // MSE = 1e-4 -> 40 dB; float rounding of the shift stays far below the tolerance.
        Assert.Equal(40.0, QualityMetrics.Psnr(photo, shifted, mask), 3);
    }

    [Fact]
    public void Psnr_reads_only_pixels_inside_the_mask()
    {
        var photo = BenchFixtures.PhotoCrop();
        var mask = new PlanarImage(photo.Width, photo.Height, 1);
        for (int y = 0; y < photo.Height; y++) for (int x = 0; x < photo.Width / 2; x++) mask[0, x, y] = 1;
        var damaged = photo.Clone();
        for (int c = 0; c < 3; c++) for (int y = 0; y < photo.Height; y++) for (int x = photo.Width / 2; x < photo.Width; x++) damaged[c, x, y] = 0;
        Assert.Equal(QualityMetrics.PsnrCap, QualityMetrics.Psnr(photo, damaged, mask));
        Assert.Throws<ArgumentException>(() => QualityMetrics.Psnr(photo, photo, new PlanarImage(photo.Width, photo.Height, 1)));
    }

    [Fact]
    public void Ssim_is_one_for_identical_images_and_drops_with_noise_and_blur()
    {
        var photo = BenchFixtures.PhotoCrop();
        var mask = BenchFixtures.Full(photo.Width, photo.Height);
        Assert.Equal(1.0, QualityMetrics.Ssim(photo, photo.Clone(), mask), 5);

        var noisy = photo.Clone();
        var random = new Random(1);
        for (int i = 0; i < noisy.Data.Length; i++) noisy.Data[i] += (float)(random.NextDouble() - 0.5) * 0.2f;
        double ssimNoise = QualityMetrics.Ssim(photo, noisy, mask);
        double ssimBlur = QualityMetrics.Ssim(photo, GaussianBlur.Apply(photo, 3), mask);
        Assert.InRange(ssimNoise, 0, 0.9);
        Assert.InRange(ssimBlur, 0, 0.95);
    }

    [Fact]
    public void Energy_removed_is_one_when_back_to_clean_zero_when_untouched_and_a_half_halfway()
    {
        var clean = BenchFixtures.PhotoCrop();
        var blemished = clean.Clone();
        var mask = new PlanarImage(clean.Width, clean.Height, 1);
        for (int y = 100; y < 120; y++)
            for (int x = 100; x < 120; x++)
            {
                mask[0, x, y] = 1;
                for (int c = 0; c < 3; c++) blemished[c, x, y] = clean[c, x, y] * 0.6f;
            }
        var halfway = clean.Clone();
        for (int i = 0; i < halfway.Data.Length; i++) halfway.Data[i] = (clean.Data[i] + blemished.Data[i]) / 2;

        Assert.Equal(1.0, QualityMetrics.BlemishEnergyRemoved(clean, blemished, clean, mask), 6);
        Assert.Equal(0.0, QualityMetrics.BlemishEnergyRemoved(clean, blemished, blemished, mask), 6);
        Assert.Equal(0.5, QualityMetrics.BlemishEnergyRemoved(clean, blemished, halfway, mask), 4);
        Assert.Throws<ArgumentException>(() => QualityMetrics.BlemishEnergyRemoved(clean, clean, clean, mask));
    }

    [Fact]
    public void Texture_retention_is_one_for_the_clean_photo_and_low_for_a_blurred_one()
    {
        var photo = BenchFixtures.PhotoCrop();
        var mask = BenchFixtures.Full(photo.Width, photo.Height);
        Assert.Equal(1.0, QualityMetrics.TextureRetention(photo, photo.Clone(), mask), 6);
        // A sigma-2 blur takes out most of the 0.8-2.4 px band (0.33 measured on this crop).
        Assert.InRange(QualityMetrics.TextureRetention(photo, GaussianBlur.Apply(photo, 2), mask), 0, 0.5);
        // Doubling the detail around a blurred base gives more than the original.
        var baseLayer = GaussianBlur.Apply(photo, 3);
        var sharpened = photo.Clone();
        for (int i = 0; i < sharpened.Data.Length; i++) sharpened.Data[i] += photo.Data[i] - baseLayer.Data[i];
        Assert.InRange(QualityMetrics.TextureRetention(photo, sharpened, mask), 2, 6);
    }

    [Fact]
    public void Change_outside_the_person_ignores_the_person_and_reports_in_8_bit_levels()
    {
        var photo = BenchFixtures.PhotoCrop();
        var analysis = BenchFixtures.EllipseFace(photo.Width, photo.Height, personMargin: 10);
        var inside = photo.Clone();
        inside[0, 128, 128] += 0.5f;
        Assert.Equal((0.0, 0.0), QualityMetrics.ChangeOutside(photo, inside, analysis.PersonMask!));

        var outside = photo.Clone();
        outside[1, 2, 2] = photo[1, 2, 2] + 10f / 255;
        var (max, mean) = QualityMetrics.ChangeOutside(photo, outside, analysis.PersonMask!);
        Assert.Equal(10, max, 3);
        int outsidePixels = photo.PlaneSize - (photo.Width - 20) * (photo.Height - 20);
        Assert.Equal(10.0 / (3 * outsidePixels), mean, 4);
    }
}
