using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Benchmarks.Methods;

/// <summary>Filter sizes for the baselines, proportional to the photo's median face size.</summary>
public static class FaceScale
{
    public static float MedianFaceSize(PortraitAnalysis analysis)
    {
        if (analysis.Faces.Count == 0) return 200;
        var sizes = analysis.Faces.Select(f => f.Box.Size).Order().ToArray();
        return sizes[sizes.Length / 2];
    }
}
