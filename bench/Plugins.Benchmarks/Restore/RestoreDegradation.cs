using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Benchmarks.Restore;

/// <summary>
/// One degraded photo of the benchmark: the clean reference, the degraded input (the pixels of <paramref name="File"/>,
/// the JPEG it was saved as, which the effect reads as a host would), what was done to it and its downscale factor.
/// </summary>
public sealed record DegradedPhoto(string Name, PlanarImage Clean, PlanarImage Degraded, string Recipe, string File, int Factor);

/// <summary>
/// The seeded degradations of the restore benchmark. "mixed": the demo photo at half size (faces 60–110 px wide)
/// brought down by 2, 4 or 8 and back up (bilinear), Gaussian noise σ 0.005–0.02, saved as JPEG quality 20–40,
/// one draw per photo from a Random seeded with the photo number. "large": the full-size photo with noise σ 0.03 and
/// JPEG quality 30 (faces 120–220 px wide: the classical route).
/// </summary>
public static class RestoreDegradation
{
    public static DegradedPhoto Mixed(int sample, PlanarImage photo, string workDirectory)
    {
        var random = new Random(sample);
        int factor = new[] { 2, 4, 8 }[random.Next(3)];
        float sigma = 0.005f + 0.015f * (float)random.NextDouble();
        int quality = 20 + random.Next(21);
        var clean = Resample.AreaDownsample(photo, photo.Width / 2, photo.Height / 2);
        var blurred = Resample.BilinearUpsample(Resample.AreaDownsample(clean, clean.Width / factor, clean.Height / factor), clean.Width, clean.Height);
        string file = Path.Combine(workDirectory, $"sample{sample}-mixed.jpg");
        var degraded = Jpeg(Noisy(blurred, sigma, random), quality, file);
        return new DegradedPhoto($"sample{sample} mixed", clean, degraded, $"down/up x{factor}, noise {sigma:0.000}, JPEG q{quality}", file, factor);
    }

    public static DegradedPhoto Large(int sample, PlanarImage photo, string workDirectory)
    {
        string file = Path.Combine(workDirectory, $"sample{sample}-large.jpg");
        return new($"sample{sample} large", photo, Jpeg(Noisy(photo, 0.03f, new Random(100 + sample)), 30, file), "noise 0.030, JPEG q30", file, 1);
    }

    /// <summary>The clean photo saved as a JPEG of <paramref name="quality"/> and read back: a change no viewer sees.</summary>
    public static PlanarImage Resaved(PlanarImage clean, int quality, string workDirectory) =>
        Jpeg(clean, quality, Path.Combine(workDirectory, $"resaved-q{quality}-{Guid.NewGuid():N}.jpg"));

    private static PlanarImage Noisy(PlanarImage image, float sigma, Random random)
    {
        var noisy = image.Clone();
        for (int i = 0; i < noisy.Data.Length; i++)
        {
            double u1 = 1 - random.NextDouble(), u2 = random.NextDouble();
            noisy.Data[i] = Math.Clamp(noisy.Data[i] + sigma * (float)(Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2)), 0f, 1f);
        }
        return noisy;
    }

    private static PlanarImage Jpeg(PlanarImage image, int quality, string path)
    {
        ImageFile.Save(new ImageDocument(image, 8, null, null, ImageFormat.Jpeg), path, new ImageSaveOptions { JpegQuality = quality });
        return ImageFile.Load(path).Pixels;
    }
}
