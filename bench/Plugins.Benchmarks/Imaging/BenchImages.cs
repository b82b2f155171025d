using RetouchPlugins.Shaders;

namespace RetouchPlugins.Benchmarks.Imaging;

/// <summary>
/// Photo input and PNG output for the bench. PNM is read and written directly (exchange format);
/// other formats go through a PNM converted by the G'MIC command line.
/// </summary>
public static class BenchImages
{
    public static PlanarImage Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{path}: no such image", path);
        if (IsPnm(path)) return PnmFile.Read(path);
        string temp = Path.Combine(Path.GetTempPath(), $"bench-load-{Guid.NewGuid():N}.ppm");
        try
        {
            GmicProcess.RunOrThrow(["-v", "-1", path, "o", temp], TimeSpan.FromMinutes(2));
            return PnmFile.Read(temp);
        }
        finally { File.Delete(temp); }
    }

    public static void SavePng(string path, PlanarImage image)
    {
        string temp = Path.Combine(Path.GetTempPath(), $"bench-save-{Guid.NewGuid():N}.ppm");
        string tempPng = path + ".tmp.png";
        try
        {
            PnmFile.Write(temp, image);
            GmicProcess.RunOrThrow(["-v", "-1", temp, "o", tempPng], TimeSpan.FromMinutes(2));
            File.Move(tempPng, path, overwrite: true);
        }
        finally { File.Delete(temp); File.Delete(tempPng); }
    }

    private static bool IsPnm(string path) => Path.GetExtension(path).ToLowerInvariant() is ".ppm" or ".pgm" or ".pnm";
}
