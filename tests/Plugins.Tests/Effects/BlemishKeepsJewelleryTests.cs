using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Standalone.Commands;
using Spectre.Console;

namespace RetouchPlugins.Tests.Effects;

/// <summary>
/// A face gem is not a blemish. sample1's middle face wears a small bluish gem under the left eye (centre about
/// x 963, y 547 of the 1920 px photo): dark against the skin like a mole, but bluer (B/R about 1.0 on skin of 0.55).
/// `retouch blemishes` used to heal it away; a retoucher keeps what was put there on purpose.
/// </summary>
public sealed class BlemishKeepsJewelleryTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-gem-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void The_face_gem_in_sample1_is_kept_while_other_spots_are_healed()
    {
        string input = Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg");
        string output = Path.Combine(_dir, "healed.png"), masks = Path.Combine(_dir, "masks");
        var text = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(text), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });
        var effect = EffectCatalog.Get("blemishes").Create();
        int code = EffectCommand.Run(effect, new RunRequest(input, output, effect.Defaults(), false, masks), console, null, CancellationToken.None);
        Assert.True(code == 0, text.ToString());

        PlanarImage before = ImageFile.Load(input).Pixels, after = ImageFile.Load(output).Pixels;
        var healedMask = ImageFile.Load(Path.Combine(masks, "healed-blemishes.png")).Pixels;

        // The gem's 7x7 core: unchanged within 2 levels of 8-bit (a PNG of a decoded JPEG: only rounding).
        float gemChange = MaxChange(before, after, 960, 544, 7);
        Assert.True(gemChange <= 2f / 255, $"the gem changed by {gemChange * 255:F1} levels");
        // And the effect still heals elsewhere on the photo (it is not simply switched off).
        Assert.Contains(healedMask.Data, v => v > 0.5f);
    }

    private static float MaxChange(PlanarImage a, PlanarImage b, int x0, int y0, int size)
    {
        float max = 0;
        for (int c = 0; c < 3; c++)
            for (int y = y0; y < y0 + size; y++)
                for (int x = x0; x < x0 + size; x++)
                    max = MathF.Max(max, MathF.Abs(a.Plane(c)[y * a.Width + x] - b.Plane(c)[y * b.Width + x]));
        return max;
    }
}
