using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Standalone.Faces;

/// <summary>The JSON shape `retouch faces --json` prints (photo pixels, rounded to 0.1 px).</summary>
public static class FacesJson
{
    public static object Describe(string file, PortraitAnalysis analysis, bool includeMesh, double seconds) => new
    {
        file,
        width = analysis.Width,
        height = analysis.Height,
        seconds = Math.Round(seconds, 3),
        faces = analysis.Faces.Select(f => new
        {
            box = new { x = R(f.Box.X), y = R(f.Box.Y), width = R(f.Box.Width), height = R(f.Box.Height) },
            score = Math.Round(f.Score, 4),
            landmarks = f.Landmarks5.Select(p => new[] { R(p.X), R(p.Y) }).ToArray(),
            mesh = includeMesh ? f.Mesh?.Select(p => new[] { R(p.X), R(p.Y), R(p.Z) }).ToArray() : null,
        }).ToArray(),
        skinPixels = Count(analysis.SkinMask.Data),
        faceSkinPixels = Count(analysis.FaceSkinMask.Data),
    };

    private static double R(float v) => Math.Round(v, 1);

    /// <summary>Pixels with mask at least one half.</summary>
    private static int Count(float[] mask) => mask.Count(v => v >= 0.5f);
}
