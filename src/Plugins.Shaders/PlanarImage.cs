namespace RetouchPlugins.Shaders;

/// <summary>
/// A planar float image: <see cref="Channels"/> planes of <see cref="Width"/> x <see cref="Height"/>
/// samples, plane after plane in one array. Colour images hold R, G, B (and optionally A) in [0, 1];
/// masks are one plane in [0, 1]. Planar layout keeps every kernel a loop over contiguous rows.
/// </summary>
public sealed class PlanarImage
{
    public PlanarImage(int width, int height, int channels)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}x{height} must be positive");
        if (channels is < 1 or > 4) throw new ArgumentOutOfRangeException(nameof(channels), "1 to 4 channels");
        long n = (long)width * height * channels;
        if (n > Array.MaxLength) throw new ArgumentOutOfRangeException(nameof(width), $"image {width}x{height}x{channels} is too large for one buffer");
        Width = width; Height = height; Channels = channels;
        Data = new float[n];
    }

    public PlanarImage(int width, int height, int channels, float[] data)
    {
        if ((long)width * height * channels != data.Length) throw new ArgumentException($"buffer holds {data.Length} samples, {width}x{height}x{channels} needs {(long)width * height * channels}");
        Width = width; Height = height; Channels = channels; Data = data;
    }

    public int Width { get; }
    public int Height { get; }
    public int Channels { get; }
    public int PlaneSize => Width * Height;

    /// <summary>All samples, plane after plane (row-major inside a plane).</summary>
    public float[] Data { get; }

    public Span<float> Plane(int channel) => Data.AsSpan(channel * PlaneSize, PlaneSize);
    public Span<float> Row(int channel, int y) => Data.AsSpan(channel * PlaneSize + y * Width, Width);

    public float this[int channel, int x, int y]
    {
        get => Data[channel * PlaneSize + y * Width + x];
        set => Data[channel * PlaneSize + y * Width + x] = value;
    }

    /// <summary>An image with every sample set to <paramref name="value"/>; large ones filled in slices on all cores.</summary>
    public static PlanarImage Filled(int width, int height, int channels, float value)
    {
        var image = new PlanarImage(width, height, channels);
        var data = image.Data;
        InSlices(data.Length, (start, count) => data.AsSpan(start, count).Fill(value));
        return image;
    }

    /// <summary>
    /// A copy. Large images (a 24 MP photo is 288 MB of floats) are copied in slices on all cores: the copy's first
    /// touch of each page, in the kernel, is most of its cost, and one core alone took a tenth of a second for it.
    /// </summary>
    public PlanarImage Clone()
    {
        var copy = GC.AllocateUninitializedArray<float>(Data.Length);
        InSlices(Data.Length, (start, count) => Data.AsSpan(start, count).CopyTo(copy.AsSpan(start, count)));
        return new(Width, Height, Channels, copy);
    }

    /// <summary>Runs <paramref name="slice"/>(start, count) over [0, length): in 4 M-sample slices on all cores when longer.</summary>
    private static void InSlices(int length, Action<int, int> slice)
    {
        const int Slice = 1 << 22;
        if (length <= Slice) { slice(0, length); return; }
        Parallel.For(0, (length + Slice - 1) / Slice, k => slice(k * Slice, Math.Min(Slice, length - k * Slice)));
    }

    /// <summary>A new image holding one plane of this one.</summary>
    public PlanarImage ExtractPlane(int channel)
    {
        var p = new PlanarImage(Width, Height, 1);
        Plane(channel).CopyTo(p.Data);
        return p;
    }

    /// <summary>Copies the rectangle [x, x+w) x [y, y+h), which must lie inside the image.</summary>
    public PlanarImage Crop(int x, int y, int w, int h)
    {
        if (x < 0 || y < 0 || w <= 0 || h <= 0 || x + w > Width || y + h > Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"crop {x},{y} {w}x{h} is outside {Width}x{Height}");
        var c = new PlanarImage(w, h, Channels);
        for (int ch = 0; ch < Channels; ch++)
            for (int r = 0; r < h; r++)
                Row(ch, y + r).Slice(x, w).CopyTo(c.Row(ch, r));
        return c;
    }

    /// <summary>Writes <paramref name="source"/> into this image with its top-left corner at (x, y).</summary>
    public void Paste(PlanarImage source, int x, int y)
    {
        if (source.Channels != Channels) throw new ArgumentException("channel count differs");
        if (x < 0 || y < 0 || x + source.Width > Width || y + source.Height > Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"paste {x},{y} {source.Width}x{source.Height} is outside {Width}x{Height}");
        for (int ch = 0; ch < Channels; ch++)
            for (int r = 0; r < source.Height; r++)
                source.Row(ch, r).CopyTo(Row(ch, y + r).Slice(x, source.Width));
    }

    public bool SameSize(PlanarImage other) => other.Width == Width && other.Height == Height;
}
