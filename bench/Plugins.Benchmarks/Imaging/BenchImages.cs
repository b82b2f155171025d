using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Benchmarks.Imaging;

/// <summary>
/// Photo input and PNG output for the bench: PNM (the exchange format with G'MIC and the child processes)
/// directly, everything else through the project's libvips loader. Alpha, if any, is dropped.
/// </summary>
public static class BenchImages
{
    public static PlanarImage Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such image", path);
        var image = IsPnm(path) ? PnmFile.Read(path) : ImageFile.Load(path).Pixels;
        return image.Channels == 4 ? new PlanarImage(image.Width, image.Height, 3, image.Data.AsSpan(0, 3 * image.PlaneSize).ToArray()) : image;
    }

    public static void SavePng(string path, PlanarImage image) => ImageFile.SavePng(image, path);

    private static bool IsPnm(string path) => Path.GetExtension(path).ToLowerInvariant() is ".ppm" or ".pgm" or ".pnm";
}
