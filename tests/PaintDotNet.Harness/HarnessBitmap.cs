using System.Runtime.CompilerServices;
using PaintDotNet;
using PaintDotNet.Effects;
using PaintDotNet.Imaging;
using PaintDotNet.Rendering;

namespace RetouchPlugins.PaintDotNet.Harness;

/// <summary>A layer, the document composite or a selection mask, as an effect's input bitmap: plain pixels in memory.</summary>
public sealed class HarnessBitmap<TPixel> : IEffectInputBitmap<TPixel> where TPixel : unmanaged
{
    public HarnessBitmap(int width, int height)
    {
        if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"bitmap size {width}x{height} must be positive");
        Width = width; Height = height;
        // Pinned: a lock hands out a RegionPtr, a raw pointer into these pixels, as Paint.NET's bitmaps do.
        Pixels = GC.AllocateArray<TPixel>(width * height, pinned: true);
    }

    public int Width { get; }
    public int Height { get; }
    public SizeInt32 Size => new(Width, Height);

    public TPixel[] Pixels { get; }

    public ref TPixel this[int x, int y] => ref Pixels[y * Width + x];

    public IBitmapLock<TPixel> Lock(RectInt32 rect) => new Locked(this, rect);

    // Input bitmaps are owned by the host; an effect disposing its handle must not free them.
    public void Dispose() { }

    internal sealed class Locked : IHarnessBitmapLock<TPixel>
    {
        private readonly HarnessBitmap<TPixel> _owner;
        private readonly RectInt32 _bounds;

        public Locked(HarnessBitmap<TPixel> owner, RectInt32 bounds)
        {
            if (bounds.X < 0 || bounds.Y < 0 || bounds.Right > owner.Width || bounds.Bottom > owner.Height)
                throw new ArgumentOutOfRangeException(nameof(bounds), $"({bounds.X}, {bounds.Y}, {bounds.Width}x{bounds.Height}) is outside the {owner.Width}x{owner.Height} bitmap");
            _owner = owner; _bounds = bounds;
        }

        public SizeInt32 Size => _bounds.Size;

        public unsafe RegionPtr<TPixel> Region =>
            new((TPixel*)Unsafe.AsPointer(ref _owner.Pixels[_bounds.Y * _owner.Width + _bounds.X]), _bounds.Width, _bounds.Height, _owner.Width * sizeof(TPixel));

        public void Dispose() { }
    }
}

/// <summary>An 8-bit BGRA layer (what tests build photos in).</summary>
public sealed class StandInBitmap(int width, int height) : IEffectInputBitmap<ColorBgra32>
{
    private readonly HarnessBitmap<ColorBgra32> _bitmap = new(width, height);

    public int Width => _bitmap.Width;
    public int Height => _bitmap.Height;
    public SizeInt32 Size => _bitmap.Size;
    public ColorBgra32[] Pixels => _bitmap.Pixels;
    public ref ColorBgra32 this[int x, int y] => ref _bitmap[x, y];

    public StandInBitmap Clone()
    {
        var c = new StandInBitmap(Width, Height);
        Pixels.CopyTo(c.Pixels, 0);
        return c;
    }

    public IBitmapLock<ColorBgra32> Lock(RectInt32 rect) => _bitmap.Lock(rect);
    public void Dispose() { }
}
