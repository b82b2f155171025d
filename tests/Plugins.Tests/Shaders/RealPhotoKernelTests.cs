using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Imaging;
using static RetouchPlugins.Tests.Shaders.TestImages;

namespace RetouchPlugins.Tests.Shaders;

/// <summary>The kernels on a pinned group photo (sample1.jpg, 1920 px wide).</summary>
public class RealPhotoKernelTests
{
    private static PlanarImage Photo() => ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg")).Pixels;

    [Fact]
    public void BoxAndGuidedFiltersMatchTheReferencesOnAPhotoCrop()
    {
        var crop = Photo().Crop(700, 300, 121, 83).ExtractPlane(1);
        int w = crop.Width, h = crop.Height;
        var q = new float[w * h];
        BoxFilter.ApplyPlane(crop.Data, q, w, h, 6);
        Assert.True(MaxAbsDiff(q, NaiveKernels.Box(ToDouble(crop.Data), w, h, 6)) < 1e-5);
        GuidedFilter.ApplyPlane(crop.Data, crop.Data, q, w, h, 6, 1e-3f);
        Assert.True(MaxAbsDiff(q, NaiveKernels.Guided(ToDouble(crop.Data), ToDouble(crop.Data), w, h, 6, 1e-3)) < 1e-5);
    }

    [Fact]
    public void BlendPyramidCarriesASmoothLowResolutionRetouchAndKeepsFullResolutionTexture()
    {
        var full = Photo();
        int lw = full.Width / 6, lh = full.Height / 6;
        var low = Resample.AreaDownsample(full, lw, lh);
        // A stand-in for the local retouching step: a smooth tone change (a blend field varying over the frame).
        var field = new PlanarImage(lw, lh, full.Channels);
        for (int c = 0; c < field.Channels; c++)
            for (int y = 0; y < lh; y++)
                for (int x = 0; x < lw; x++)
                    field[c, x, y] = 0.5f + 0.25f * MathF.Sin(x * 6.28f / lw) * MathF.Cos(y * 3.14f / lh);
        var retouched = BlendModes.Abm(low, field);
        var result = BlendPyramid.Apply(full, retouched, low, null);
        Save(result.Image, "pyramid_result.png");
        Save(result.BlendLayer, "pyramid_blend.png");

        // The blend layer that arrives at full resolution is the smooth field (not the image's structure).
        var fieldUp = Resample.BilinearUpsample(field, full.Width, full.Height);
        double fieldError = MeanAbs(result.BlendLayer.Data, fieldUp.Data);
        Assert.True(fieldError < 0.02, $"mean |B0 - up(field)| {fieldError:E2}");

        // The retouch is reproduced: the result at the working size is close to Rn.
        var resultLow = Resample.AreaDownsample(result.Image, lw, lh);
        double toRetouch = MeanAbs(resultLow.Data, retouched.Data), toInput = MeanAbs(low.Data, retouched.Data);
        Assert.True(toRetouch < 0.2 * toInput, $"mean |down(result) - Rn| {toRetouch:E2} vs |In - Rn| {toInput:E2}");

        // Full-resolution texture is not filtered: fine detail (image minus its 3x3 mean) keeps its energy
        // (ABM with B in [0.25, 0.75] changes local contrast by at most 1 +- 0.5 (1 - 2I)).
        double before = HighPassEnergy(full), after = HighPassEnergy(result.Image);
        Assert.True(after > 0.8 * before && after < 1.25 * before, $"fine-detail energy {before:E3} -> {after:E3}");
    }

    private static double HighPassEnergy(PlanarImage img)
    {
        var low = BoxFilter.Apply(img, 1);
        double e = 0;
        for (int k = 0; k < img.Data.Length; k++) e += (img.Data[k] - low.Data[k]) * (double)(img.Data[k] - low.Data[k]);
        return e / img.Data.Length;
    }

    private static double MeanAbs(float[] a, float[] b)
    {
        double s = 0;
        for (int k = 0; k < a.Length; k++) s += Math.Abs(a[k] - b[k]);
        return s / a.Length;
    }

    /// <summary>Writes a PNG for a person to look at when RETOUCH_TEST_OUTPUT names a folder; otherwise nothing.</summary>
    private static void Save(PlanarImage img, string name)
    {
        string? dir = Environment.GetEnvironmentVariable("RETOUCH_TEST_OUTPUT");
        if (string.IsNullOrEmpty(dir)) return;
        Directory.CreateDirectory(dir);
        ImageFile.SavePng(img, Path.Combine(dir, name));
    }
}
