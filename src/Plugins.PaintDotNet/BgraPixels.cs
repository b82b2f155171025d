using PaintDotNet;
using PaintDotNet.Effects;
using PaintDotNet.Imaging;
using PaintDotNet.Rendering;
using RetouchPlugins.Shaders;

namespace RetouchPlugins.PaintDotNet;

/// <summary>
/// A whole image as Paint.NET hands it over: BGRA32, straight (not premultiplied) alpha, sRGB-encoded,
/// row-major. Effects get the colour as a 3-plane RGB <see cref="PlanarImage"/> in [0, 1] (value / 255,
/// no linearisation, no premultiplication); alpha stays with the pixels and goes back out unchanged
/// unless the effect returns a fourth plane.
/// </summary>
internal sealed class BgraPixels
{
    public BgraPixels(int width, int height, ColorBgra32[] pixels)
    {
        if (pixels.Length != width * height) throw new ArgumentException($"{pixels.Length} pixels for a {width}x{height} image");
        Width = width; Height = height; Pixels = pixels;
    }

    public int Width { get; }
    public int Height { get; }
    public ColorBgra32[] Pixels { get; }

    /// <summary>The whole bitmap, copied in one bulk copy (Paint.NET's RegionPtr.CopyTo, row by row).</summary>
    public static unsafe BgraPixels Read(IEffectInputBitmap<ColorBgra32> bitmap)
    {
        var size = bitmap.Size;
        var pixels = GC.AllocateUninitializedArray<ColorBgra32>(size.Width * size.Height);
        using IBitmapLock<ColorBgra32> bitmapLock = bitmap.Lock(new RectInt32(0, 0, size));
        fixed (ColorBgra32* p = pixels)
            bitmapLock.AsRegionPtr().CopyTo(new RegionPtr<ColorBgra32>(p, size.Width, size.Height, size.Width * sizeof(ColorBgra32)));
        return new BgraPixels(size.Width, size.Height, pixels);
    }

    /// <summary>Copies the rectangle <paramref name="bounds"/> of these pixels into <paramref name="destination"/> (its size), one bulk copy.</summary>
    public unsafe void CopyTo(RectInt32 bounds, RegionPtr<ColorBgra32> destination)
    {
        if (bounds.X < 0 || bounds.Y < 0 || bounds.X + bounds.Width > Width || bounds.Y + bounds.Height > Height)
            throw new ArgumentOutOfRangeException(nameof(bounds), $"({bounds.X}, {bounds.Y}, {bounds.Width}x{bounds.Height}) is outside the {Width}x{Height} image");
        fixed (ColorBgra32* p = Pixels)
            new RegionPtr<ColorBgra32>(p + (long)bounds.Y * Width + bounds.X, bounds.Width, bounds.Height, Width * sizeof(ColorBgra32)).CopyTo(destination);
    }

    public PlanarImage ToPlanarRgb()
    {
        var image = new PlanarImage(Width, Height, 3);
        Span<float> r = image.Plane(0), g = image.Plane(1), b = image.Plane(2);
        for (int i = 0; i < Pixels.Length; i++)
        {
            var p = Pixels[i];
            r[i] = p.R / 255f; g[i] = p.G / 255f; b[i] = p.B / 255f;
        }
        return image;
    }

    /// <summary>The effect's result as pixels: its RGB planes quantised, alpha from its 4th plane or else from these pixels.</summary>
    public BgraPixels WithColourOf(PlanarImage result)
    {
        if (result.Width != Width || result.Height != Height || result.Channels < 3)
            throw new InvalidOperationException($"the effect returned a {result.Width}x{result.Height}x{result.Channels} image for a {Width}x{Height} RGB input");
        var output = new ColorBgra32[Pixels.Length];
        ReadOnlySpan<float> r = result.Plane(0), g = result.Plane(1), b = result.Plane(2);
        ReadOnlySpan<float> a = result.Channels == 4 ? result.Plane(3) : default;
        for (int i = 0; i < output.Length; i++)
            output[i] = ColorBgra32.FromBgra(Quantize(b[i]), Quantize(g[i]), Quantize(r[i]), a.IsEmpty ? Pixels[i].A : Quantize(a[i]));
        return new BgraPixels(Width, Height, output);
    }

    /// <summary>Nearest 8-bit value of clamp(v, 0, 1) · 255 (NaN becomes 0).</summary>
    public static byte Quantize(float v) => float.IsNaN(v) ? (byte)0 : (byte)MathF.Round(Math.Clamp(v, 0f, 1f) * 255f);
}
