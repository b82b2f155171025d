using RetouchPlugins.Benchmarks.Imaging;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Methods;

/// <summary>
/// Peer: G'MIC 2.9's "Smooth Skin" filter (Debian `gmic`), run as a subprocess on PPM files with the
/// parameters from the issue. It finds skin by itself (no analysis).
/// </summary>
public sealed class GmicSmoothSkin : IRetouchMethod
{
    public const string Parameters = "2,0.5,1,1,1,50,50,5,2,0.2,3,1,0.05";

    public string Name => "gmic";
    public string Label => "G'MIC 2.9 smooth skin";
    public bool UsesAnalysis => false;

    /// <summary>The command-line arguments that filter <paramref name="input"/> into <paramref name="output"/>.</summary>
    public static IReadOnlyList<string> Arguments(string input, string output) =>
        ["-v", "-1", input, "fx_smooth_skin", Parameters, "o", output];

    public PlanarImage Render(PlanarImage input, PortraitAnalysis analysis)
    {
        string dir = Path.Combine(Path.GetTempPath(), $"bench-gmic-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            string src = Path.Combine(dir, "in.ppm"), dst = Path.Combine(dir, "out.ppm");
            PnmFile.Write(src, input);
            GmicProcess.RunOrThrow(Arguments(src, dst), TimeSpan.FromMinutes(5));
            return PnmFile.Read(dst);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }
}
