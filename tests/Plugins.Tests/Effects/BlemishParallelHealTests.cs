using RetouchPlugins.Benchmarks.Quality;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.Kernels;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Faces;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// The heals of one face run in waves of spots whose windows do not meet (<see cref="HealWaves"/>), in parallel within a
/// wave. The photo must come out bit for bit as the one-at-a-time loop leaves it: spots painted by the benchmark's
/// generator on sample1, the largest face healed both ways. The parallel run also makes a lone spot's first division and
/// first patch side by side, which the sequential run (one core) makes one after the other.
/// </summary>
public sealed class BlemishParallelHealTests
{
    [Fact]
    public void Healing_in_parallel_waves_gives_the_sequential_result_bit_for_bit()
    {
        var clean = PlaneMath.Quantize8(ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg")).Pixels);
        using var analyzer = PortraitAnalyzer.Open();
        var set = new BlemishGenerator(seed: 7).Paint(clean, analyzer.Analyze(clean, CancellationToken.None));
        var painted = PlaneMath.Quantize8(set.Blemished);
        var analysis = analyzer.Analyze(painted, CancellationToken.None);
        var face = analysis.Faces.MaxBy(f => f.Box.Size)!;

        (PlanarImage Image, PlanarImage Mask, BlemishDiagnostics Diagnostics) Heal(int parallelism)
        {
            var image = painted.Clone();
            var mask = new PlanarImage(image.Width, image.Height, 1);
            var diagnostics = new BlemishDiagnostics();
            BlemishRemovalEffect.HealFace(image, analysis, face, new BlemishDetectorSettings(), mask, diagnostics: diagnostics, maxParallelism: parallelism);
            return (image, mask, diagnostics);
        }
        var sequential = Heal(1);
        var parallel = Heal(-1);

        Assert.True(sequential.Diagnostics.Heals.Count >= 6, $"spots healed on the largest face: {sequential.Diagnostics.Heals.Count}");
        Assert.Equal(sequential.Diagnostics.Heals, parallel.Diagnostics.Heals);
        Assert.Equal(sequential.Image.Data, parallel.Image.Data);
        Assert.Equal(sequential.Mask.Data, parallel.Mask.Data);
    }

    /// <summary>At 2.5x the faces are wider than <see cref="BlemishRemovalEffect.DetectionFaceWidth"/>: searched on a
    /// reduced copy, whose filter reads past the face's rectangle.</summary>
    [Theory]
    [InlineData(1f)]
    [InlineData(2.5f)]
    public void The_effect_healing_faces_in_parallel_gives_the_face_after_face_result_bit_for_bit(float upscale)
    {
        var clean = PlaneMath.Quantize8(ImageFile.Load(Path.Combine(AppContext.BaseDirectory, "testdata", "sample5.jpg")).Pixels);
        using var analyzer = PortraitAnalyzer.Open();
        var painted = PlaneMath.Quantize8(new BlemishGenerator(seed: 11).Paint(clean, analyzer.Analyze(clean, CancellationToken.None)).Blemished);
        if (upscale != 1)
            painted = PlaneMath.Quantize8(Resampler.Resize(painted, (int)(painted.Width * upscale), (int)(painted.Height * upscale)));
        var analysis = analyzer.Analyze(painted, CancellationToken.None);
        Assert.True(analysis.Faces.Count >= 4, $"faces in sample5: {analysis.Faces.Count}");
        if (upscale != 1)
            Assert.Contains(analysis.Faces, f => f.Box.Width > BlemishRemovalEffect.DetectionFaceWidth);

        var faceAfterFace = painted.Clone();
        var mask = new PlanarImage(painted.Width, painted.Height, 1);
        foreach (var face in analysis.Faces)
            BlemishRemovalEffect.HealFace(faceAfterFace, analysis, face, new BlemishDetectorSettings(), mask);
        var effect = EffectCatalog.Get("blemishes").Create();
        var result = effect.Render(new EffectInput(painted, analysis), effect.Descriptor.DefaultSettings());

        Assert.NotEqual(painted.Data, faceAfterFace.Data);
        Assert.Equal(faceAfterFace.Data, result.Image.Data);
        Assert.Equal(mask.Data, Assert.Single(result.Masks).Mask.Data);
    }

    [Fact]
    public void A_spot_waits_for_every_earlier_spot_it_overlaps_and_a_wave_holds_only_disjoint_windows()
    {
        PixelRect[] bounds =
        [
            new(0, 0, 10, 10),   // 0
            new(20, 0, 10, 10),  // 1: apart from 0
            new(5, 5, 10, 10),   // 2: meets 0
            new(25, 5, 10, 10),  // 3: meets 1
            new(10, 0, 10, 10),  // 4: touches 0 and 1 at their edges only (half-open), meets 2
            new(40, 40, 5, 5),   // 5: alone
        ];
        var waves = HealWaves.Plan(bounds);
        Assert.Equal([[0, 1, 5], [2, 3], [4]], waves);
    }
}
