using System.Numerics;
using RetouchPlugins.Shaders;
using RetouchPlugins.Shaders.StyleBlit;
using RetouchPlugins.Shared.Faces;

namespace RetouchPlugins.Shared.Effects;

/// <summary>
/// The style's head, cut out and scaled so its face is as wide as the target face (StyleBlit copies pixels one
/// to one, so strokes keep their size only when both faces have the same scale), with its guides and mesh in
/// crop pixels.
/// </summary>
internal sealed class StyleCrop
{
    /// <summary>Scales within this factor of 1 are left alone (the positional guide absorbs them).</summary>
    private const float ScaleTolerance = 0.05f;

    /// <summary>Margin around the style's head, in face widths: room for copies near the head's edge.</summary>
    private const float Margin = 0.4f;

    public StyleCrop(StyleExemplar style, float targetEyeSpan)
    {
        var shape = new HeadShape(style.Mesh);
        var rect = shape.Bounds(style.Image.Width, style.Image.Height, Margin);
        Scale = targetEyeSpan / shape.EyeSpan;
        var cut = style.Image.Crop(rect.X, rect.Y, rect.Width, rect.Height);
        var origin = new Vector2(rect.X, rect.Y);
        if (MathF.Abs(Scale - 1) <= ScaleTolerance)
        {
            Colours = cut;
            Mesh = style.Mesh.Select(p => p - origin).ToArray();
        }
        else
        {
            int w = Math.Max(8, (int)MathF.Round(rect.Width * Scale)), h = Math.Max(8, (int)MathF.Round(rect.Height * Scale));
            Colours = Resampler.Resize(cut, w, h);
            var k = new Vector2((float)w / rect.Width, (float)h / rect.Height);
            Mesh = style.Mesh.Select(p => (p - origin) * k).ToArray();
        }
        if (Colours.Channels > 3) Colours = new PlanarImage(Colours.Width, Colours.Height, 3, Colours.Data.AsSpan(0, 3 * Colours.PlaneSize).ToArray());
        Shape = new HeadShape(Mesh);
        Head = Shape.Mask(0, 0, Colours.Width, Colours.Height);
        Appearance = FaceGuides.Appearance(Colours, Shape.Width);
        FaceGuides.Stretch(Appearance, Head);
        Segmentation = FaceGuides.Segmentation(Mesh, Colours.Width, Colours.Height);
        Guide = new StyleGuide([Appearance, .. Segmentation]);
        _footprint = new Lazy<(StyleGuide, PlanarImage)>(() =>
        {
            var appearance = HalfResolution.FootprintMean(Appearance);
            return (new StyleGuide([appearance, .. Segmentation.Select(s => HalfResolution.FootprintMean(s))]), appearance);
        }, LazyThreadSafetyMode.ExecutionAndPublication);
    }

    private readonly Lazy<(StyleGuide Guide, PlanarImage Appearance)> _footprint;

    /// <summary>
    /// The style's guides as a half-resolution target sees them (each plane averaged over the 2×2 footprint a
    /// target pixel copies, <see cref="HalfResolution.FootprintMean"/>), for synthesis with stride 2; made when a
    /// large face first needs it and kept (with its own lookup table) like <see cref="Guide"/>.
    /// </summary>
    public StyleGuide FootprintGuide => _footprint.Value.Guide;

    /// <summary>The footprint-averaged appearance plane (the histogram a half-resolution target is matched to).</summary>
    public PlanarImage FootprintAppearance => _footprint.Value.Appearance;

    /// <summary>The kernel's view of the style (one instance, so its packed form is made once).</summary>
    public StyleGuide Guide { get; }

    /// <summary>Target face size / style face size (eye span).</summary>
    public float Scale { get; }
    public PlanarImage Colours { get; }
    public Vector2[] Mesh { get; }
    public HeadShape Shape { get; }
    public PlanarImage Head { get; }
    public PlanarImage Appearance { get; }
    public PlanarImage[] Segmentation { get; }
}
