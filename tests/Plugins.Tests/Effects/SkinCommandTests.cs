using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;
using RetouchPlugins.Standalone.Commands;
using Spectre.Console;

using RetouchPlugins.Tests.Support;

namespace RetouchPlugins.Tests.Effects;

/// <summary>`retouch skin` end to end: files in, files out, bit depth and metadata kept, no faces is not an error.</summary>
public sealed class SkinCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("retouch-skin-").FullName;
    private readonly StringWriter _text = new();
    private readonly IAnsiConsole _console;

    public SkinCommandTests() =>
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(_text), Interactive = InteractionSupport.No, ColorSystem = ColorSystemSupport.NoColors });

    public void Dispose() => Directory.Delete(_dir, true);

    private static EffectSettings Defaults() => SkinRecipe.Info.DefaultSettings();

    [Fact]
    public void A_sixteen_bit_tiff_comes_back_sixteen_bit_with_untouched_pixels_identical()
    {
        var pixels = HandPlacedFace.LoadPhoto();
        for (int i = 0; i < pixels.Data.Length; i++)
            pixels.Data[i] = MathF.Round(Math.Clamp(pixels.Data[i] + (i % 89) / 65535f, 0, 1) * 65535) / 65535;
        string input = Path.Combine(_dir, "in16.tif"), output = Path.Combine(_dir, "out16.tif");
        ImageFile.Save(new ImageDocument(pixels, 16, ImageFile.BuiltInIccProfile("srgb"), null, ImageFormat.Tiff), input);
        var analysis = HandPlacedFace.Analysis(pixels.Width, pixels.Height);

        int code = SkinRun.Run(input, output, Path.Combine(_dir, "masks"), Defaults(), _console, (_, _) => analysis, default);

        Assert.Equal(RunExit.Ok, code);
        var before = ImageFile.Load(input);
        var after = ImageFile.Load(output);
        Assert.Equal(16, after.BitsPerSample);
        Assert.Equal(before.IccProfile, after.IccProfile);
        int changed = 0, offGrid = 0;
        for (int i = 0; i < before.Pixels.Data.Length; i++)
        {
            float a = before.Pixels.Data[i], b = after.Pixels.Data[i];
            if (analysis.SkinMask.Data[i % before.Pixels.PlaneSize] == 0)
            {
                if (a != b) Assert.Fail($"sample {i} outside the skin changed: {a * 65535} -> {b * 65535}");
                continue;
            }
            if (a == b) continue;
            changed++;
            if (MathF.Abs(b * 255 - MathF.Round(b * 255)) * 257 > 1) offGrid++;
        }
        Assert.True(changed > 1000 && offGrid > changed / 2, $"{changed} samples changed, {offGrid} of them off the 8-bit grid");
        Assert.True(File.Exists(Path.Combine(_dir, "masks", "skin.png")));
        Assert.True(File.Exists(Path.Combine(_dir, "masks", "healed-blemishes.png")));
    }

    [Fact]
    public void A_photo_without_faces_is_written_unchanged_with_a_message_and_exit_zero()
    {
        var empty = HandPlacedFace.LoadPhoto().Crop(0, 600, 400, 300); // curtain and floor, nobody there
        string input = Path.Combine(_dir, "empty.png"), output = Path.Combine(_dir, "empty_out.png");
        ImageFile.Save(new ImageDocument(empty, 8, null, null, ImageFormat.Png), input);

        int code = SkinRun.Run(input, output, null, Defaults(), _console, null, default); // the real analyzer

        Assert.Equal(RunExit.Ok, code);
        Assert.Contains("no face found", _text.ToString());
        Assert.Equal(ImageFile.Load(input).Pixels.Data, ImageFile.Load(output).Pixels.Data);
    }

    [Fact]
    public void The_real_analyzer_retouches_the_faces_of_a_group_photo()
    {
        string input = Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg"), output = Path.Combine(_dir, "s1.jpg");
        int code = SkinRun.Run(input, output, null, Defaults(), _console, null, default);
        Assert.Equal(RunExit.Ok, code);
        Assert.Matches(@"[1-9] face\(s\) retouched", _text.ToString());
        Assert.True(new FileInfo(output).Length > 10_000);
    }

    [Fact]
    public void Cancelling_writes_nothing()
    {
        string input = Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg"), output = Path.Combine(_dir, "never.jpg");
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        int code = SkinRun.Run(input, output, null, Defaults(), _console, (_, _) => throw new InvalidOperationException("not reached"), cancelled.Token);
        Assert.Equal(RunExit.Cancelled, code);
        Assert.False(File.Exists(output));
        Assert.Contains("cancelled", _text.ToString());
    }

    [Fact]
    public void Writing_over_the_input_is_refused()
    {
        string input = Path.Combine(_dir, "x.png");
        ImageFile.Save(new ImageDocument(new PlanarImage(8, 8, 3), 8, null, null, ImageFormat.Png), input);
        int code = SkinRun.Run(input, input, null, Defaults(), _console, null, default);
        Assert.Equal(RunExit.BadInput, code);
        Assert.Contains("overwrite the input", _text.ToString());
    }

    [Fact]
    public void A_missing_file_is_named_in_the_error()
    {
        string input = Path.Combine(_dir, "missing.jpg");
        int code = SkinRun.Run(input, Path.Combine(_dir, "o.jpg"), null, Defaults(), _console, null, default);
        Assert.Equal(RunExit.BadInput, code);
        Assert.Contains("missing.jpg", _text.ToString());
    }
}
