using System.Globalization;
using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.Benchmarks.Restore;

/// <summary>
/// The stock-tool baselines, run by G'MIC 2.9 (the Debian `gmic`): bicubic and Lanczos re-upscaling, and a
/// denoise + sharpen chain. Commands as run (the photo as an 8-bit PPM, values 0–255):
/// <list type="bullet">
/// <item>bicubic: <c>gmic IN r W/f,H/f,1,3,2 r W,H,1,3,5 c 0,255 o OUT</c> (box-average down by the set's factor f, bicubic up);</item>
/// <item>Lanczos: the same with <c>r W,H,1,3,6</c>;</item>
/// <item>G'MIC chain: <c>gmic IN denoise 3,12,5,7,1 unsharp 1.2,1 c 0,255 o OUT</c> (patch-based non-local means, spatial σ 3,
/// value σ 12/255, 5×5 patches, 7 px lookup, then an unsharp mask radius 1.2 amount 1), on the faces' region only
/// (the metrics are taken there; the rest of the photo would take minutes).</item>
/// </list>
/// </summary>
public static class GmicBaselines
{
    public const string ChainCommand = "denoise 3,12,5,7,1 unsharp 1.2,1";

    public static PlanarImage Resampled(PlanarImage degraded, int factor, int interpolation, string workDirectory)
    {
        if (factor <= 1) return degraded; // nothing was brought down: re-upscaling is the photo itself
        int w = degraded.Width, h = degraded.Height;
        return Run(degraded, workDirectory, ["r", Invariant($"{w / factor},{h / factor},1,3,2"), "r", Invariant($"{w},{h},1,3,{interpolation}")]);
    }

    /// <summary>The denoise + sharpen chain applied to <paramref name="region"/> of the photo; outside it the photo is unchanged.</summary>
    public static PlanarImage Chain(PlanarImage degraded, PixelRect region, string workDirectory)
    {
        var crop = degraded.Crop(region.X, region.Y, region.Width, region.Height);
        var done = Run(crop, workDirectory, ChainCommand.Split(" "));
        var result = degraded.Clone();
        result.Paste(done, region.X, region.Y);
        return result;
    }

    private static PlanarImage Run(PlanarImage image, string workDirectory, string[] commands)
    {
        string input = Path.Combine(workDirectory, $"gmic-in-{Guid.NewGuid():N}.ppm"), output = Path.Combine(workDirectory, $"gmic-out-{Guid.NewGuid():N}.ppm");
        try
        {
            PnmFile.Write(input, image); // 8 bit: G'MIC reads a 16-bit PPM as 0–65535
            GmicProcess.RunOrThrow(["-v", "-1", input, .. commands, "c", "0,255", "o", output], TimeSpan.FromMinutes(5));
            return PnmFile.Read(output);
        }
        finally
        {
            File.Delete(input);
            File.Delete(output);
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
