// Paint.NET 5.1.9, PaintDotNet.Windows.Core.dll (apidocs page PaintDotNet.Imaging.ImagingFactoryExtensions.CreateBitmap).
// Paint.NET has three static classes of this name in PaintDotNet.Imaging (Framework, Windows.Core, Windows.Framework;
// docfx merges them into one type page that names Framework); CreateBitmap's own page names Windows.Core, the
// assembly a call binds to. Only the overload the plugin calls (its icon).
using System.Runtime.CompilerServices;
using PaintDotNet.Rendering;

namespace PaintDotNet.Imaging
{
    /// <summary>apidocs: PaintDotNet.Imaging.ImagingFactoryExtensions (the part declared in PaintDotNet.Windows.Core).</summary>
    public static class ImagingFactoryExtensions
    {
        public static IBitmap<TPixel> CreateBitmap<TPixel>(this IImagingFactory factory, int width, int height) where TPixel : unmanaged =>
            factory is ManagedImagingFactory ? new ManagedBitmap<TPixel>(width, height)
                : throw new NotSupportedException("the reference surface only makes bitmaps with its own ImagingFactory.CreateRef()");
    }

    /// <summary>Harness plumbing (not Paint.NET API): a bitmap in pinned managed memory, zeroed (transparent) as Paint.NET's are.</summary>
    internal sealed class ManagedBitmap<TPixel> : IBitmap<TPixel> where TPixel : unmanaged
    {
        private readonly TPixel[] _pixels;

        public ManagedBitmap(int width, int height)
        {
            if (width <= 0 || height <= 0) throw new ArgumentOutOfRangeException(nameof(width), $"bitmap size {width}x{height} must be positive");
            Size = new SizeInt32(width, height);
            _pixels = GC.AllocateArray<TPixel>(width * height, pinned: true);
        }

        public SizeInt32 Size { get; }

        public IBitmapLock<TPixel> Lock(RectInt32 rect, BitmapLockOptions lockOptions)
        {
            if (rect.X < 0 || rect.Y < 0 || rect.Right > Size.Width || rect.Bottom > Size.Height)
                throw new ArgumentOutOfRangeException(nameof(rect), $"({rect.X}, {rect.Y}, {rect.Width}x{rect.Height}) is outside the {Size.Width}x{Size.Height} bitmap");
            return new Locked(this, rect);
        }

        public void Dispose() { }

        private sealed class Locked(ManagedBitmap<TPixel> owner, RectInt32 bounds) : IHarnessBitmapLock<TPixel>
        {
            public SizeInt32 Size => bounds.Size;

            public unsafe RegionPtr<TPixel> Region =>
                new((TPixel*)Unsafe.AsPointer(ref owner._pixels[bounds.Y * owner.Size.Width + bounds.X]), bounds.Width, bounds.Height, owner.Size.Width * sizeof(TPixel));

            public void Dispose() { }
        }
    }
}
