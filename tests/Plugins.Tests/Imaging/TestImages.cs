using RetouchPlugins.Shaders;

namespace RetouchPlugins.Tests.Imaging;

/// <summary>Paths to the pinned photos and a scratch folder per test class.</summary>
internal static class TestImages
{
    public static string Photo(string file) => Path.Combine(AppContext.BaseDirectory, "testdata", file);

    /// <summary>A fresh temporary folder (removed by the caller's Dispose).</summary>
    public static string NewScratchFolder()
    {
        var dir = Path.Combine(Path.GetTempPath(), "retouch-imaging-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>An RGB image whose samples are exact multiples of 1/(levels-1), covering every level.</summary>
    public static PlanarImage Ramp(int width, int height, int levels)
    {
        var img = new PlanarImage(width, height, 3);
        long n = (long)width * height;
        for (int c = 0; c < 3; c++)
            for (long i = 0; i < n; i++)
                img.Data[c * n + i] = ((i * (c + 1) * 7919 + c * 101) % levels) / (float)(levels - 1);
        return img;
    }
}
