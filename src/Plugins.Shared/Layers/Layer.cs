using RetouchPlugins.Shaders;

namespace RetouchPlugins.Shared.Layers;

/// <summary>
/// One layer: straight (non-premultiplied) RGBA pixels in [0, 1] placed at (<see cref="OffsetX"/>,
/// <see cref="OffsetY"/>) on the document canvas, with opacity, blend mode and visibility.
/// </summary>
public sealed class Layer
{
    /// <param name="pixels">1 plane (a mask: shown as grey, opaque), 2 (grey + alpha), 3 (RGB, opaque) or
    /// 4 (RGBA). Always stored as 4-plane RGBA; the caller's image is copied, never kept.</param>
    public Layer(string name, PlanarImage pixels)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Pixels = ToRgba(pixels ?? throw new ArgumentNullException(nameof(pixels)));
    }

    public string Name { get; set; }

    /// <summary>4 planes R, G, B, A in [0, 1], alpha not premultiplied.</summary>
    public PlanarImage Pixels { get; }

    public float Opacity
    {
        get => _opacity;
        set => _opacity = float.IsFinite(value) ? Math.Clamp(value, 0f, 1f) : throw new ArgumentOutOfRangeException(nameof(value), "opacity must be a number in [0, 1]");
    }
    private float _opacity = 1f;

    public BlendMode BlendMode { get; set; } = BlendMode.Normal;
    public bool Visible { get; set; } = true;
    public int OffsetX { get; set; }
    public int OffsetY { get; set; }

    public int Width => Pixels.Width;
    public int Height => Pixels.Height;

    /// <summary>Copies an image of 1-4 planes into RGBA planes.</summary>
    public static PlanarImage ToRgba(PlanarImage source)
    {
        var rgba = new PlanarImage(source.Width, source.Height, 4);
        switch (source.Channels)
        {
            case 1:
            case 2:
                for (int c = 0; c < 3; c++) source.Plane(0).CopyTo(rgba.Plane(c));
                break;
            default:
                for (int c = 0; c < 3; c++) source.Plane(c).CopyTo(rgba.Plane(c));
                break;
        }
        if (source.Channels is 2 or 4) source.Plane(source.Channels - 1).CopyTo(rgba.Plane(3));
        else rgba.Plane(3).Fill(1f);
        return rgba;
    }
}
