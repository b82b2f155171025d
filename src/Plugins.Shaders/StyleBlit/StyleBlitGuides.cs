namespace RetouchPlugins.Shaders.StyleBlit;

/// <summary>
/// The style's guide channels: <see cref="Features"/> planes in [0, 1] (appearance, segmentation, ...), one
/// per channel the target also has. The style's positional guide is implicit: every style pixel's own (x, y).
/// </summary>
public sealed class StyleGuide
{
    public StyleGuide(PlanarImage features)
    {
        ArgumentNullException.ThrowIfNull(features);
        Features = features;
    }

    public PlanarImage Features { get; }
    public int Width => Features.Width;
    public int Height => Features.Height;
}

/// <summary>
/// The target's guide channels: <see cref="Position"/> (two planes: for every target pixel, the style pixel
/// coordinate x, y it corresponds to geometrically, in style pixels) and <see cref="Features"/> (planes in
/// [0, 1], matching the style's channel for channel).
/// </summary>
public sealed class TargetGuide
{
    public TargetGuide(PlanarImage position, PlanarImage features)
    {
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(features);
        if (position.Channels != 2) throw new ArgumentException($"the positional guide has two planes (style x, y), got {position.Channels}", nameof(position));
        if (!position.SameSize(features))
            throw new ArgumentException($"positional guide {position.Width}x{position.Height} and feature guide {features.Width}x{features.Height} differ in size");
        Position = position;
        Features = features;
    }

    public PlanarImage Position { get; }
    public PlanarImage Features { get; }
    public int Width => Position.Width;
    public int Height => Position.Height;
}
