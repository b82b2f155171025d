// Compile-time stand-in for Paint.NET 5 (not Paint.NET). Sources: see Effects.cs.
using PaintDotNet.Rendering;

namespace PaintDotNet
{
    /// <summary>
    /// Stand-in for PaintDotNet.RegionPtr&lt;T&gt;: a width x height window onto pixel memory, indexed [x, y]
    /// from the window's top-left. The real one wraps a native pointer and stride; this one wraps an array.
    /// </summary>
    public readonly struct RegionPtr<T> where T : unmanaged
    {
        private readonly T[] _pixels;
        private readonly int _offset;
        private readonly int _stride;

        internal RegionPtr(T[] pixels, int offset, int stride, int width, int height)
        {
            _pixels = pixels; _offset = offset; _stride = stride; Width = width; Height = height;
        }

        public int Width { get; }
        public int Height { get; }

        public ref T this[int x, int y]
        {
            get
            {
                if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
                    throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside the {Width}x{Height} region");
                return ref _pixels[_offset + y * _stride + x];
            }
        }
    }
}

namespace PaintDotNet.Imaging
{
    /// <summary>Stand-in for PaintDotNet.Imaging.IBitmapLock&lt;T&gt;.</summary>
    public interface IBitmapLock<T> : IDisposable where T : unmanaged
    {
        SizeInt32 Size { get; }

        /// <summary>In Paint.NET this is the extension method AsRegionPtr(IBitmapLock&lt;T&gt;); the call site reads the same.</summary>
        RegionPtr<T> AsRegionPtr();
    }
}

namespace PaintDotNet.Effects
{
    using PaintDotNet.Imaging;

    /// <summary>Stand-in for PaintDotNet.Effects.IEffectInputBitmap&lt;T&gt; (a read-only input: a layer or the document).</summary>
    public interface IEffectInputBitmap<T> : IDisposable where T : unmanaged
    {
        SizeInt32 Size { get; }
        IBitmapLock<T> Lock(RectInt32 bounds);
    }
}
