using RetouchPlugins.Shaders;
using RetouchPlugins.Shared.Layers;

namespace RetouchPlugins.Tests.Layers;

public class LayerCompositorTests
{
    private static Layer Solid(float r, float g, float b, float a, int w = 4, int h = 4)
    {
        var img = new PlanarImage(w, h, 4);
        img.Plane(0).Fill(r); img.Plane(1).Fill(g); img.Plane(2).Fill(b); img.Plane(3).Fill(a);
        return new Layer("solid", img);
    }

    [Fact]
    public void The_merged_image_a_writer_stores_is_the_opaque_top_layer_itself_and_equals_the_composite()
    {
        // A retouch's layered output: a photo, the result over it, a hidden mask on top, layers over the run's own
        // planes (RGB, RGB and grey), as OutputLayers builds them.
        var photo = Tests.Imaging.TestImages.Photo("sample1.jpg");
        var original = Shared.Imaging.ImageFile.Load(photo).Pixels.Crop(600, 300, 64, 48);
        var result = original.Clone();
        foreach (ref var v in result.Data.AsSpan()) v = MathF.Sqrt(v);
        var doc = new LayerDocument(64, 48);
        doc.Add(Layer.Over("Original", original));
        var top = doc.Add(Layer.Over("Retouched", result));
        doc.Add(Layer.Over("Mask", new PlanarImage(64, 48, 1))).Visible = false;
        Assert.Same(result, top.Source); // not copied

        var merged = LayerCompositor.MergedForWriting(doc);
        Assert.Same(top, merged); // not composited
        var composite = LayerCompositor.Composite(doc);
        for (int i = 0; i < composite.Data.Length; i++) Assert.Equal(composite.Data[i], merged.Pixels.Data[i], 1e-6f);

        // Anything that lets a lower layer show makes it composite: transparency, opacity, a blend mode.
        var rgba = doc.Add(new Layer("Half", result));
        rgba.Pixels[3, 5, 5] = 0.5f;
        Assert.NotSame(rgba, LayerCompositor.MergedForWriting(doc));
        doc.Layers.Remove(rgba);
        top.Opacity = 0.99f;
        Assert.NotSame(top, LayerCompositor.MergedForWriting(doc));
        top.Opacity = 1f;
        top.BlendMode = BlendMode.Multiply;
        var multiplied = LayerCompositor.MergedForWriting(doc);
        Assert.NotSame(top, multiplied);
        Assert.Equal(original[0, 10, 10] * result[0, 10, 10], multiplied.Pixels[0, 10, 10], 1e-6f);
    }

    [Fact]
    public void NormalBlendMixesByAlphaTimesOpacity()
    {
        var doc = new LayerDocument(4, 4);
        doc.Add(Solid(1, 0, 0, 1));
        var top = doc.Add(Solid(0, 0, 1, 0.5f));
        top.Opacity = 0.5f; // effective alpha 0.25
        var m = LayerCompositor.Composite(doc);
        Assert.Equal(0.75f, m[0, 1, 1], 1e-6f);
        Assert.Equal(0.25f, m[2, 1, 1], 1e-6f);
        Assert.Equal(1f, m[3, 1, 1], 1e-6f);
    }

    [Fact]
    public void MultiplyApplesOnlyWhereTheOffsetLayerLiesAndHiddenLayersDoNothing()
    {
        var doc = new LayerDocument(6, 6);
        doc.Add(Solid(0.8f, 0.6f, 0.4f, 1, 6, 6));
        var patch = doc.Add(Solid(0.5f, 0.5f, 0.5f, 1, 2, 2));
        patch.BlendMode = BlendMode.Multiply; patch.OffsetX = 3; patch.OffsetY = 4;
        doc.Add(Solid(0, 1, 0, 1, 6, 6)).Visible = false;
        var m = LayerCompositor.Composite(doc);
        Assert.Equal(0.4f, m[0, 3, 4], 1e-6f);
        Assert.Equal(0.2f, m[2, 4, 5], 1e-6f);
        Assert.Equal(0.8f, m[0, 2, 4], 1e-6f); // just outside the patch
    }

    [Fact]
    public void OverTransparentCanvasKeepsTheLayerColourAndAlpha()
    {
        var doc = new LayerDocument(4, 4);
        doc.Add(Solid(0.2f, 0.4f, 0.6f, 0.3f)).BlendMode = BlendMode.Screen;
        var m = LayerCompositor.Composite(doc);
        Assert.Equal(0.4f, m[1, 0, 0], 1e-6f); // no backdrop: the blend mode has nothing to act on
        Assert.Equal(0.3f, m[3, 0, 0], 1e-6f);
    }
}
