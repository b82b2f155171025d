using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Support;

/// <summary>sample1.jpg from the test data as 8-bit planes (as the quality bench loads it), analysed by the real models.</summary>
internal static class Sample1Photo
{
    public static (PlanarImage Clean, PortraitAnalysis Analysis) Analysed(PortraitAnalyzer analyzer)
    {
        var clean = PlaneMath.Quantize8(ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg")).Pixels);
        return (clean, analyzer.Analyze(clean, CancellationToken.None));
    }
}
