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
        Source = _rgba = ToRgba(pixels ?? throw new ArgumentNullException(nameof(pixels)));
    }

    private Layer(string name, PlanarImage source, bool _)
    {
        Name = name;
        Source = source;
        _rgba = source.Channels == 4 ? source : null;
    }

    /// <summary>
    /// A layer over the caller's own planes, not copied: 1 (a grey mask), 3 (RGB) or 4 (RGBA). For a document made to
    /// be written at once (a run's output layers): at 24 MP each copy into RGBA was 384 MB of fresh memory. The caller
    /// must not change the planes while the layer is in use. 2 planes are copied as by the constructor.
    /// </summary>
    internal static Layer Over(string name, PlanarImage pixels)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(pixels);
        return pixels.Channels is 1 or 3 or 4 ? new Layer(name, pixels, true) : new Layer(name, pixels);
    }

    public string Name { get; set; }

    /// <summary>
    /// 4 planes R, G, B, A in [0, 1], alpha not premultiplied. For a layer <see cref="Over"/> 1 or 3 planes this is a
    /// copy made on first use, which the writers do not read: change the planes given to Over, not these.
    /// </summary>
    public PlanarImage Pixels => _rgba ??= ToRgba(Source);
    private PlanarImage? _rgba;

    /// <summary>The planes as held: 1 (grey, opaque), 3 (RGB, opaque) or 4 (RGBA). What the writers read.</summary>
    internal PlanarImage Source { get; }

    /// <summary>Whether every pixel is opaque: no alpha plane, or one that is 1 everywhere.</summary>
    internal bool IsOpaque => Source.Channels != 4 || !Source.Plane(3).ContainsAnyExcept(1f);

    /// <summary>Channel <paramref name="c"/> (0 R, 1 G, 2 B, 3 A) row by row, without making the RGBA planes.</summary>
    internal LayerChannel Channel(int c) => Source.Channels switch
    {
        4 => new(Source.Data.AsMemory(c * Source.PlaneSize, Source.PlaneSize), Width),
        _ when c == 3 => LayerChannel.Constant(1f, Width),
        1 => new(Source.Data.AsMemory(0, Source.PlaneSize), Width),
        _ => new(Source.Data.AsMemory(c * Source.PlaneSize, Source.PlaneSize), Width),
    };

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

    public int Width => Source.Width;
    public int Height => Source.Height;

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

/// <summary>One channel of a layer, read a row at a time; a constant channel (an opaque layer's alpha) is one row for all.</summary>
internal readonly struct LayerChannel(ReadOnlyMemory<float> data, int width)
{
    public static LayerChannel Constant(float value, int width)
    {
        var row = new float[width];
        row.AsSpan().Fill(value);
        return new LayerChannel(row, width);
    }

    public ReadOnlySpan<float> Row(int y) => data.Length == width ? data.Span : data.Span.Slice(y * width, width);
}
