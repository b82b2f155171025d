using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Tests.Shaders;
using BlemishKind = RetouchPlugins.Benchmarks.Quality.BlemishKind;

namespace RetouchPlugins.Tests.Support;

/// <summary>The demo photos of the test data as 8-bit planes (as the quality bench loads them), sample1.jpg analysed by the real models, and spots painted on them as the bench paints them.</summary>
internal static class DemoPhotos
{
    public static (PlanarImage Clean, PortraitAnalysis Analysis) Analysed(PortraitAnalyzer analyzer)
    {
        var clean = Load("sample1.jpg");
        return (clean, analyzer.Analyze(clean, CancellationToken.None));
    }

    /// <summary>A demo photo of the test data (sample1.jpg ... sample6.jpg) as 8-bit planes.</summary>
    public static PlanarImage Load(string photo) =>
        PlaneMath.Quantize8(ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", photo)).Pixels);

    /// <summary>The blemish effect's detector settings at their defaults.</summary>
    public static BlemishDetectorSettings DetectorDefaults()
    {
        var settings = BlemishRemovalEffect.Info.DefaultSettings();
        return new BlemishDetectorSettings(settings.GetFloat(BlemishRemovalEffect.Sensitivity),
            settings.GetFloat(BlemishRemovalEffect.MinSize) / 100, settings.GetFloat(BlemishRemovalEffect.MaxSize) / 100);
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

    /// <summary><paramref name="spot"/> painted on demo photo <paramref name="photo"/> (see <see cref="Load"/>), analysed by the real models (opened for it).</summary>
    public static PaintedSpot Paint(string photo, PaintedBlemish spot)
    {
        using var analyzer = PortraitAnalyzer.Open();
        return Paint(analyzer, Load(photo), spot);
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

    /// <summary>Every face of the painted photo healed at the defaults, with the detector's candidates and the heals recorded.</summary>
    public BlemishDiagnostics Diagnose()
    {
        var diagnostics = new BlemishDiagnostics();
        var image = Painted.Clone();
        foreach (var face in Analysis.Faces)
            BlemishRemovalEffect.HealFace(image, Analysis, face, DemoPhotos.DetectorDefaults(), new PlanarImage(image.Width, image.Height, 1), diagnostics: diagnostics);
        return diagnostics;
    }

    /// <summary>The blemish effect's result (8-bit) at its defaults on the painted photo, and the spot's visibility after it.</summary>
    public (PlanarImage Result, SpotOutcome Outcome) Heal()
    {
        var (result, outcome, _) = Heal(spots: null);
        return (result, outcome);
    }

    /// <summary>
    /// As <see cref="Heal()"/>, with the effect's `spots` set to <paramref name="spots"/> (the retoucher's clicks) and its
    /// `keep` to <paramref name="keep"/> (marks to keep); also the effect's message.
    /// </summary>
    public (PlanarImage Result, SpotOutcome Outcome, string? Message) Heal(string? spots, string? keep = null)
    {
        var effect = EffectCatalog.Get("blemishes").Create();
        var settings = effect.Descriptor.DefaultSettings().SetText(BlemishRemovalEffect.Spots.Name, spots).SetText(BlemishRemovalEffect.Keep.Name, keep);
        var rendered = effect.Render(new EffectInput(Painted, Analysis), settings);
        var result = PlaneMath.Quantize8(rendered.Image);
        return (result, Measure(result), rendered.Message);
    }

    /// <summary>The spot's visibility (the bench's measure) in <paramref name="result"/>, against the clean and the painted photo.</summary>
    public SpotOutcome Measure(PlanarImage result)
    {
        var set = new BlemishSet(Clean, Painted, Clean, Clean, Clean, Clean, [Spot]);
        return Xunit.Assert.Single(SpotVisibility.Measure("painted", "result", set, result, Analysis.FaceSkinMask));
    }

    /// <summary>"x,y" of a click a third of the spot's radius off its centre, up and to the left (as the bench's clicks land).</summary>
    public string Click()
    {
        float offset = Spot.Radius / 3 / MathF.Sqrt(2);
        return FormattableString.Invariant($"{Spot.X - offset:0.#},{Spot.Y - offset:0.#}");
    }

    /// <summary>The largest distance from the spot's centre of a pixel that differs between <paramref name="a"/> and <paramref name="b"/> (0: none).</summary>
    public float FarthestChange(PlanarImage a, PlanarImage b) => ChangeExtent(a, b).Farthest;

    /// <summary>The smallest and largest distances from the spot's centre of the pixels that differ between <paramref name="a"/> and <paramref name="b"/> (infinity and 0: none).</summary>
    public (float Nearest, float Farthest) ChangeExtent(PlanarImage a, PlanarImage b)
    {
        float nearest = float.PositiveInfinity, farthest = 0;
        for (int c = 0; c < 3; c++)
            for (int y = 0; y < a.Height; y++)
                for (int x = 0; x < a.Width; x++)
                {
                    if (a[c, x, y] == b[c, x, y]) continue;
                    float d = MathF.Sqrt((x - Spot.X) * (x - Spot.X) + (y - Spot.Y) * (y - Spot.Y));
                    nearest = MathF.Min(nearest, d);
                    farthest = MathF.Max(farthest, d);
                }
        return (nearest, farthest);
    }
}
