using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using Xunit.Abstractions;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// Quality on a real photo with painted-in blemishes: blemish energy removed and pore texture kept.
/// Side-by-side crops go to $RETOUCH_LOOK_DIR when set (for looking at them).
/// </summary>
public sealed class EffectsLookTests(ITestOutputHelper output)
{
    private static string? LookDir => Environment.GetEnvironmentVariable("RETOUCH_LOOK_DIR");

    [Fact]
    public void Pipeline_removes_painted_blemishes_and_keeps_pore_texture()
    {
        var clean = HandPlacedFace.LoadPhoto();
        var blemished = SyntheticBlemishes.Paint(clean);
        var analysis = HandPlacedFace.Analysis(clean.Width, clean.Height);

        var blem = new BlemishRemovalEffect();
        var healed = blem.Render(blemished, analysis, blem.Defaults());
        var skin = new SkinRetouchEffect();
        var smooth = skin.Render(healed.Image, analysis, skin.Defaults());

        double removedHeal = SkinMetrics.BlemishEnergyRemoved(clean, blemished, healed.Image);
        double removedAll = SkinMetrics.BlemishEnergyRemoved(clean, blemished, smooth.Image);
        double textureHeal = SkinMetrics.TextureRetention(clean, healed.Image, analysis.FaceSkinMask);
        double textureAll = SkinMetrics.TextureRetention(clean, smooth.Image, analysis.FaceSkinMask);
        output.WriteLine($"{healed.Message}; blemish energy removed: heal {removedHeal:F3}, heal+retouch {removedAll:F3}; " +
                         $"texture retention: heal {textureHeal:F3}, heal+retouch {textureAll:F3}");
        if (LookDir is { } dir)
        {
            SkinMetrics.SaveSideBySide(Path.Combine(dir, "pipeline.png"), HandPlacedFace.OriginX, HandPlacedFace.OriginY, 300, 300,
                clean, blemished, healed.Image, smooth.Image);
            SkinMetrics.SaveSideBySide(Path.Combine(dir, "masks.png"), HandPlacedFace.OriginX, HandPlacedFace.OriginY, 300, 300,
                healed.Masks[0].Mask, smooth.Masks[0].Mask, smooth.Masks[1].Mask);
        }
        if (LookDir is { } d2)
        {
            var large = HandPlacedFace.LargeFace(clean);
            var largeAnalysis = HandPlacedFace.Analysis(large.Width, large.Height, 0, 0, 3);
            var largeOut = SkinRecipe.Create().Render(large, largeAnalysis, SkinRecipe.Info.DefaultSettings());
            SkinMetrics.SaveSideBySide(Path.Combine(d2, "large.png"), 250, 150, 450, 450, large, largeOut.Image);
        }
        Assert.True(removedAll >= 0.8, $"blemish energy removed {removedAll:F3} < 0.8");
        Assert.True(textureAll >= 0.7, $"pore-scale texture retention {textureAll:F3} < 0.7");
    }
}
