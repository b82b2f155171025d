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
