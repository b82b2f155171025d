using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Shaders;
using BlemishKind = RetouchPlugins.Benchmarks.Quality.BlemishKind;

namespace RetouchPlugins.Tests.Support;

/// <summary>sample1.jpg from the test data as 8-bit planes (as the quality bench loads it), analysed by the real models.</summary>
internal static class Sample1Photo
{
    public static (PlanarImage Clean, PortraitAnalysis Analysis) Analysed(PortraitAnalyzer analyzer)
    {
        var clean = PlaneMath.Quantize8(ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg")).Pixels);
        return (clean, analyzer.Analyze(clean, CancellationToken.None));
    }

    /// <summary>
    /// One spot as the quality bench paints it (radius a share of the face's size), on the plainest skin of sample1's
    /// largest face: the clean photo, the painted one (8-bit) and the painted one's analysis.
    /// </summary>
    public static PaintedSpot PaintOnPlainSkin(PortraitAnalyzer analyzer, BlemishKind kind, float radiusShare, float strength)
    {
        var (clean, cleanAnalysis) = Analysed(analyzer);
        var face = cleanAnalysis.Faces.MaxBy(f => f.Box.Size)!;
        float radius = radiusShare * face.Box.Size;
        var (x, y) = SpotDivisionTests.PlainSkin(clean, cleanAnalysis.FaceSkinMask, face.Box, radius);
        return Paint(analyzer, clean, new PaintedBlemish(kind, x, y, radius, strength, SpotZone.Face));
    }

    /// <summary><paramref name="spot"/> painted on <paramref name="clean"/> as the quality bench paints it (8-bit), with the painted photo's analysis.</summary>
    public static PaintedSpot Paint(PortraitAnalyzer analyzer, PlanarImage clean, PaintedBlemish spot)
    {
        var painted = PlaneMath.Quantize8(BlemishGenerator.PaintOne(clean, spot));
        return new PaintedSpot(spot, clean, painted, analyzer.Analyze(painted, CancellationToken.None));
    }
}

/// <summary>A spot painted on a clean photo, with the painted photo's analysis.</summary>
internal sealed record PaintedSpot(PaintedBlemish Spot, PlanarImage Clean, PlanarImage Painted, PortraitAnalysis Analysis)
{
    /// <summary>The blemish effect at its defaults on the painted photo, and the spot's visibility (the bench's measure) after it.</summary>
    public SpotOutcome HealWithEffect() => Heal().Outcome;

    /// <summary>The blemish effect's result (8-bit) at its defaults on the painted photo, and the spot's visibility after it.</summary>
    public (PlanarImage Result, SpotOutcome Outcome) Heal()
    {
        var effect = EffectCatalog.Get("blemishes").Create();
        var result = PlaneMath.Quantize8(effect.Render(new EffectInput(Painted, Analysis), effect.Descriptor.DefaultSettings()).Image);
        var set = new BlemishSet(Clean, Painted, Clean, Clean, Clean, Clean, [Spot]);
        return (result, Xunit.Assert.Single(SpotVisibility.Measure("sample1", "blemishes", set, result, Analysis.FaceSkinMask)));
    }
}
