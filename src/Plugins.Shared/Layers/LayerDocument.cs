namespace RetouchPlugins.Shared.Layers;

/// <summary>
/// A layered image: canvas size, sample depth for writing (8 or 16 bits), layers ordered bottom to top,
/// and an optional ICC profile that applies to every layer.
/// </summary>
public sealed class LayerDocument
{
    public LayerDocument(int width, int height, int bitsPerSample = 8)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"canvas {width}x{height} must be positive");
        if (width > 300_000 || height > 300_000) throw new ArgumentOutOfRangeException(nameof(width), $"canvas {width}x{height} exceeds the 300000 px PSD limit");
        if (bitsPerSample is not (8 or 16)) throw new ArgumentOutOfRangeException(nameof(bitsPerSample), $"{bitsPerSample} bits per sample: only 8 or 16 are supported");
        Width = width; Height = height; BitsPerSample = bitsPerSample;
    }

    public int Width { get; }
    public int Height { get; }
    public int BitsPerSample { get; }

    /// <summary>Bottom layer first.</summary>
    public List<Layer> Layers { get; } = new();

    public byte[]? IccProfile { get; set; }

    /// <summary>The photo's EXIF (libvips' shape, "Exif\0\0" first), XMP packet and IPTC (a Photoshop resource block), kept in a PSD.</summary>
    public byte[]? Exif { get; set; }
    public byte[]? Xmp { get; set; }
    public byte[]? Iptc { get; set; }

    /// <summary>
    /// What a reader met in the file and could not keep as layers ("layer masks", "adjustment or fill layers", ...):
    /// writing this document back over the file would lose them. Empty for our own files.
    /// </summary>
    public SortedSet<string> NotKept { get; } = new(StringComparer.Ordinal);

    /// <summary>Appends a layer on top and returns it, for fluent set-up.</summary>
    public Layer Add(Layer layer)
    {
        Layers.Add(layer);
        return layer;
    }
}
