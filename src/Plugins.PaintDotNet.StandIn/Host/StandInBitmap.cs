using PaintDotNet.Effects;
using PaintDotNet.Imaging;
using PaintDotNet.Rendering;

namespace PaintDotNet.StandIn;

/// <summary>
/// Test harness, not Paint.NET API: a BGRA32 bitmap in memory that plays a layer, the document
/// composite, or an effect's output in <see cref="StandInEffectHost"/>.
/// </summary>
public sealed class StandInBitmap : IEffectInputBitmap<ColorBgra32>
{
    public StandInBitmap(int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"bitmap size {width}x{height} must be positive");
        Width = width; Height = height;
        Pixels = new ColorBgra32[width * height];
    }

    public int Width { get; }
    public int Height { get; }
    public SizeInt32 Size => new(Width, Height);

    /// <summary>Row-major pixels.</summary>
    public ColorBgra32[] Pixels { get; }

    public ref ColorBgra32 this[int x, int y] => ref Pixels[y * Width + x];

    public StandInBitmap Clone()
    {
        var c = new StandInBitmap(Width, Height);
        Pixels.CopyTo(c.Pixels, 0);
        return c;
    }

    public IBitmapLock<ColorBgra32> Lock(RectInt32 bounds) => new Region(this, bounds);

    // Input bitmaps are owned by the host; an effect disposing its handle must not free them.
    public void Dispose() { }

    internal sealed class Region(StandInBitmap owner, RectInt32 bounds) : IBitmapLock<ColorBgra32>
    {
        public SizeInt32 Size => bounds.Size;

        public RegionPtr<ColorBgra32> AsRegionPtr()
        {
            if (bounds.X < 0 || bounds.Y < 0 || bounds.Right > owner.Width || bounds.Bottom > owner.Height)
                throw new ArgumentOutOfRangeException(nameof(bounds), $"{bounds} is outside the {owner.Width}x{owner.Height} bitmap");
            return new(owner.Pixels, bounds.Y * owner.Width + bounds.X, owner.Width, bounds.Width, bounds.Height);
        }

        public void Dispose() { }
    }
}
