using RetouchPlugins.Shaders.Kernels;

namespace RetouchPlugins.Shaders.StyleBlit;

/// <summary>
/// Guide feature channels: the planes of one or more images of the same size, in order (a planar image holds at
/// most four, and a face guide has more: appearance plus the segmentation planes). Values in [0, 1].
/// </summary>
public sealed class GuideFeatures
{
    public GuideFeatures(params PlanarImage[] images)
    {
        ArgumentNullException.ThrowIfNull(images);
        if (images.Length == 0) throw new ArgumentException("a guide needs at least one feature image", nameof(images));
        foreach (var image in images)
            if (!image.SameSize(images[0]))
                throw new ArgumentException($"feature images differ in size: {image.Width}x{image.Height} and {images[0].Width}x{images[0].Height}");
        Images = images;
        Count = images.Sum(i => i.Channels);
    }

    public IReadOnlyList<PlanarImage> Images { get; }
    public int Width => Images[0].Width;
    public int Height => Images[0].Height;

    /// <summary>Number of feature planes over all images.</summary>
    public int Count { get; }
}

/// <summary>
/// The style's guide: its feature planes (appearance, segmentation, ...), one per feature plane the target has.
/// The style's positional guide is implicit: every style pixel's own (x, y).
/// </summary>
public sealed class StyleGuide
{
    public StyleGuide(GuideFeatures features)
    {
        ArgumentNullException.ThrowIfNull(features);
        Features = features;
    }

    public StyleGuide(params PlanarImage[] features) : this(new GuideFeatures(features)) { }

    public GuideFeatures Features { get; }
    public int Width => Features.Width;
    public int Height => Features.Height;

    private readonly object _packLock = new(), _tableLock = new();
    private SeedLookupTable? _table;

    /// <summary>
    /// The seed lookup table for these parameters (<see cref="SeedLookupTable"/>), kept with the style like its
    /// packing: renders with the same settings and face size share its entries. Only the last one is kept.
    /// </summary>
    internal SeedLookupTable Table(StyleBlitOptions o)
    {
        lock (_tableLock)
        {
            if (_table is { } t && t.Fits(o)) return t;
            return _table = new SeedLookupTable(Width, Height, o);
        }
    }

    /// <summary>A copy without the kept packing and table (the benchmark's cold start).</summary>
    public StyleGuide Fresh() => new(Features);
    private (float[] Weights, PackedGuide Guide)? _packed;

    /// <summary>
    /// The features quantised and packed for these weights, made once and kept: a style used for several faces
    /// or photos (the same StyleGuide instance) pays for it once.
    /// </summary>
    internal PackedGuide Packed(float[] weights, KernelOptions? kernel)
    {
        lock (_packLock)
        {
            if (_packed is { } p && p.Weights.AsSpan().SequenceEqual(weights)) return p.Guide;
            var guide = PackedGuide.Pack(Features, weights, kernel);
            _packed = ((float[])weights.Clone(), guide);
            return guide;
        }
    }
}

/// <summary>
/// The target's guide: <see cref="Position"/> (two planes: for every target pixel, the style pixel x, y it
/// corresponds to geometrically, in style pixel indices) and <see cref="Features"/> (matching the style's plane
/// for plane).
/// </summary>
public sealed class TargetGuide
{
    public TargetGuide(PlanarImage position, GuideFeatures features, bool[]? region = null)
    {
        if (region is not null && region.Length != position.Width * position.Height)
            throw new ArgumentException($"the region holds {region.Length} pixels, the guide {position.Width}x{position.Height}", nameof(region));
        Region = region;
        ArgumentNullException.ThrowIfNull(position);
        ArgumentNullException.ThrowIfNull(features);
        if (position.Channels != 2) throw new ArgumentException($"the positional guide has two planes (style x, y), got {position.Channels}", nameof(position));
        if (position.Width != features.Width || position.Height != features.Height)
            throw new ArgumentException($"positional guide {position.Width}x{position.Height} and feature guide {features.Width}x{features.Height} differ in size");
        Position = position;
        Features = features;
    }

    public TargetGuide(PlanarImage position, params PlanarImage[] features) : this(position, new GuideFeatures(features)) { }

    /// <summary>
    /// The pixels to synthesise (null: all). The others take their positional prediction without a search: a
    /// caller that will not show them (outside a head mask) saves their cost. They still serve as seeds.
    /// </summary>
    public bool[]? Region { get; }

    public PlanarImage Position { get; }
    public GuideFeatures Features { get; }
    public int Width => Position.Width;
    public int Height => Position.Height;
}
