using global::PaintDotNet.Imaging;
using RetouchPlugins.PaintDotNet.Harness;
using RetouchPlugins.Shared.Effects;
using RetouchPlugins.Shared.Imaging;

namespace RetouchPlugins.Tests.PaintDotNet;

/// <summary>
/// The adapter on a real photo: the central 800 x 500 of testdata/sample1.jpg (a 1920 px group photo,
/// decoded by libvips), cropped to keep the test at a few seconds.
/// </summary>
public sealed class RealPhotoTests
{
    [Fact]
    public void On_a_real_photo_the_output_matches_the_shared_effect_and_retouch_only_composites_back()
    {
        var photo = LoadAsBgra(Path.Combine(AppContext.BaseDirectory, "testdata", "sample1.jpg"));
        var effect = new BrightenInMaskEffect();

        var fullHost = new StandInEffectHost(new BrightenAdapter(effect), photo);
        fullHost.SetValue("Amount", 0.5);
        fullHost.SetValue("Radius", 1);
        var full = fullHost.Render(tileSize: 256, parallel: true);

        var image = SyntheticPortrait.ToPlanar(photo);
        var direct = new BrightenInMaskEffect();
        var settings = direct.Defaults().Set("Amount", 0.5).Set("Radius", 1);
        var expected = SyntheticPortrait.FromPlanar(direct.Render(image, direct.Analyze(image), settings).Image, photo);
        Assert.Equal(expected.Pixels, full.Pixels);
        int changed = full.Pixels.Zip(photo.Pixels).Count(p => p.First != p.Second);
        Assert.True(changed > photo.Pixels.Length / 50, $"only {changed} pixels changed: the test effect found almost no warm pixels");

        var changeHost = new StandInEffectHost(new BrightenAdapter(new BrightenInMaskEffect()), new StandInBitmap(photo.Width, photo.Height), document: photo);
        changeHost.SetValue("Amount", 0.5);
        changeHost.SetValue("Radius", 1);
        changeHost.SetValue("RetouchOnly", true);
        var change = changeHost.Render(tileSize: 256, parallel: true);

        int worst = 0;
        for (int i = 0; i < photo.Pixels.Length; i++)
            worst = Math.Max(worst, PortraitEffectAdapterTests.MaxChannelDifference(
                PortraitEffectAdapterTests.NormalBlendOverOpaque(photo.Pixels[i], change.Pixels[i]), full.Pixels[i]));
        Assert.InRange(worst, 0, 1);
    }

    /// <summary>The photo's centre as Paint.NET would hold it: 8-bit BGRA, opaque.</summary>
    private static StandInBitmap LoadAsBgra(string path)
    {
        var whole = ImageFile.Load(path).Pixels;
        var pixels = whole.Crop((whole.Width - 800) / 2, (whole.Height - 500) / 2, 800, 500);
        var bmp = new StandInBitmap(pixels.Width, pixels.Height);
        for (int y = 0; y < pixels.Height; y++)
            for (int x = 0; x < pixels.Width; x++)
                bmp[x, y] = ColorBgra32.FromBgra(Level(pixels[2, x, y]), Level(pixels[1, x, y]), Level(pixels[0, x, y]), 255);
        return bmp;
    }

    private static byte Level(float v) => (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f);
}
