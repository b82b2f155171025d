using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Tests.Layers;

/// <summary>
/// GIMP 2.10 and ImageMagick must see our files as we meant them, and we must read what GIMP writes.
/// Pixel tolerances: 8-bit exact; 16-bit within 2/65535 (GIMP converts through float internally).
/// </summary>
public class GimpInteropTests(GimpSession gimp) : IClassFixture<GimpSession>
{
    [Theory]
    [InlineData("psd8", 8)]
    [InlineData("psd16", 16)]
    [InlineData("ora", 8)]
    public void GimpSeesOurLayers(string tag, int bits)
    {
        var ours = bits == 8 ? gimp.Ours8 : gimp.Ours16;
        var seen = gimp.Layers(tag);
        seen.Reverse(); // GIMP lists top first; our documents are bottom first
        Assert.Equal(ours.Layers.Select(l => l.Name), seen.Select(l => l.Name));
        for (int i = 0; i < seen.Count; i++)
        {
            Layer a = ours.Layers[i];
            var b = seen[i];
            Assert.Equal((a.Width, a.Height, a.OffsetX, a.OffsetY, a.Visible), (b.Width, b.Height, b.X, b.Y, b.Visible));
            Assert.Equal(a.Opacity * 100, b.Opacity, 0.5);
            Assert.Equal(a.BlendMode.ToString().ToLowerInvariant(), b.Mode); // plug-in-free ORA load sets no modes
            var png = LayerSamples.ReadPng(b.PngPath);
            Assert.Equal(bits, png.BitsPerSample);
            float tolerance = bits == 8 ? 0f : 2f / 65535;
            Assert.InRange(LayerSamples.MaxVisibleDifference(a.Pixels, Layer.ToRgba(png.Pixels)), 0f, tolerance);
        }
    }

    /// <summary>GIMP set to perceptual (sRGB-encoded) blend and composite spaces with union compositing
    /// is the W3C model our compositor follows; GIMP 2.10's default linear-light spaces differ by up to 65/255.</summary>
    [Fact]
    public void GimpFlattensOurOraLikeOurCompositor()
    {
        var gimpMerged = Layer.ToRgba(LayerSamples.ReadPng(gimp.OraMergedPng).Pixels);
        var ours = RetouchPlugins.Shared.Layers.LayerCompositor.Composite(gimp.Ours8);
        var diff = LayerSamples.MaxVisibleDifference(ours, gimpMerged);
        // One 8-bit step: GIMP rounds its float result once more than we do.
        Assert.True(diff <= 1.01f / 255, $"max difference {diff * 255:0.0}/255");
    }

    [Theory]
    [InlineData(".psd")]
    [InlineData(".ora")]
    public void WeReadWhatGimpWrote(string extension)
    {
        var doc = LayerFile.Read(extension == ".psd" ? gimp.GimpPsd : gimp.GimpOra);
        var made = gimp.Layers("gimp");
        made.Reverse();
        Assert.Equal(new[] { "Backdrop", "Patch", "Top hidden" }, doc.Layers.Select(l => l.Name));
        Assert.Equal((64, 48, 8), (doc.Width, doc.Height, doc.BitsPerSample));
        for (int i = 0; i < made.Count; i++)
        {
            Layer a = doc.Layers[i];
            var b = made[i];
            Assert.Equal((b.Width, b.Height, b.X, b.Y, b.Visible), (a.Width, a.Height, a.OffsetX, a.OffsetY, a.Visible));
            Assert.Equal(b.Opacity / 100, a.Opacity, 0.003);
            Assert.Equal(b.Mode, a.BlendMode.ToString().ToLowerInvariant());
            Assert.Equal(0f, LayerSamples.MaxVisibleDifference(Layer.ToRgba(LayerSamples.ReadPng(b.PngPath).Pixels), a.Pixels));
        }
        // Spot values from the script: the backdrop's fill colour and the hidden layer's filled rectangle.
        Assert.Equal(new[] { 200f, 30f, 40f, 255f }, Enumerable.Range(0, 4).Select(c => doc.Layers[0].Pixels[c, 10, 10] * 255f).Select(v => MathF.Round(v)));
        Assert.Equal(new[] { 20f, 40f, 250f, 255f }, Enumerable.Range(0, 4).Select(c => doc.Layers[2].Pixels[c, 31, 21] * 255f).Select(v => MathF.Round(v)));
        Assert.Equal(0f, doc.Layers[2].Pixels[3, 5, 5]);
    }

    [Fact]
    public void WeReadA16BitPsdGimpWrote()
    {
        var doc = LayerFile.Read(gimp.GimpPsd16);
        Assert.Equal((64, 48, 16), (doc.Width, doc.Height, doc.BitsPerSample));
        Assert.Equal(new[] { "Backdrop 16", "Patch 16" }, doc.Layers.Select(l => l.Name));
        var patch = doc.Layers[1];
        Assert.Equal((20, 10, 5, 7, BlendMode.Screen), (patch.Width, patch.Height, patch.OffsetX, patch.OffsetY, patch.BlendMode));
        Assert.Equal(0.5f, patch.Opacity, 0.003f);
        // 8-bit 200/30/40 promoted to 16 bits is v * 257 exactly.
        Assert.Equal(new[] { 200 * 257f, 30 * 257f, 40 * 257f, 65535f }, Enumerable.Range(0, 4).Select(c => MathF.Round(doc.Layers[0].Pixels[c, 10, 10] * 65535f)));
        Assert.All(patch.Pixels.Data, v => Assert.Equal(1f, v));
    }

    [Theory]
    [InlineData("ours8.psd")]
    [InlineData("ours16.psd")]
    public void ImageMagickListsOurPsdLayers(string file)
    {
        var output = ExternalTool.Run("identify", ["-format", "%l|%wx%h%X%Y\n", Path.Combine(gimp.Dir, file)]);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // First entry is the merged composite (no name), then one per layer, bottom first.
        Assert.Equal("|64x48+0+0", lines[0]);
        Assert.Equal(new[] { "Original|64x48+0+0", "Hautglattung u|64x48+0+0", "Blemish mask|20x10+5+7" }, lines.Skip(1));
    }
}
