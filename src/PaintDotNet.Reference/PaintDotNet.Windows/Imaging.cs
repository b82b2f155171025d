// Paint.NET 5.1.9, PaintDotNet.Windows.dll (apidocs pages PaintDotNet.Imaging.IBitmapSource, IBitmapSource-1, IBitmapLock,
// IBitmapLock-1, IBitmap, IBitmap-1, BitmapLockOptions, IImagingFactory). Base interfaces without a member we call (IObjectRef, IIsDisposed) and the pixel-type constraint
// (INaturalPixelInfo) are left out.
using PaintDotNet.Rendering;

namespace PaintDotNet.Imaging
{
    /// <summary>apidocs: PaintDotNet.Imaging.IBitmapSource (Size is declared here, not on the generic interfaces).</summary>
    public interface IBitmapSource : IDisposable
    {
        SizeInt32 Size { get; }
    }

    /// <summary>apidocs: PaintDotNet.Imaging.IBitmapSource-1.</summary>
    public interface IBitmapSource<TPixel> : IBitmapSource where TPixel : unmanaged { }

    /// <summary>apidocs: PaintDotNet.Imaging.IBitmapLock.</summary>
    public interface IBitmapLock : IDisposable
    {
        SizeInt32 Size { get; }
    }

    /// <summary>apidocs: PaintDotNet.Imaging.IBitmapLock-1 (its pixels are reached through BitmapLockExtensions.AsRegionPtr).</summary>
    public interface IBitmapLock<TPixel> : IBitmapLock where TPixel : unmanaged { }

    /// <summary>apidocs: PaintDotNet.Imaging.BitmapLockOptions.</summary>
    [Flags]
    public enum BitmapLockOptions
    {
        Read = 1,
        Write = 2,
        ReadWrite = Read | Write,
    }

    /// <summary>apidocs: PaintDotNet.Imaging.IBitmap (a bitmap in memory; its members other than the base interfaces' are not used).</summary>
    public interface IBitmap : IBitmapSource { }

    /// <summary>apidocs: PaintDotNet.Imaging.IBitmap-1 (Lock with options is declared here).</summary>
    public interface IBitmap<TPixel> : IBitmap, IBitmapSource<TPixel> where TPixel : unmanaged
    {
        IBitmapLock<TPixel> Lock(RectInt32 rect, BitmapLockOptions lockOptions);
    }

    /// <summary>apidocs: PaintDotNet.Imaging.IImagingFactory (Paint.NET's WIC factory; bitmaps are made through ImagingFactoryExtensions).</summary>
    public interface IImagingFactory : IDisposable { }

    /// <summary>Harness plumbing (not Paint.NET API): how the surface's AsRegionPtr reaches a harness lock's pixels.</summary>
    internal interface IHarnessBitmapLock<TPixel> : IBitmapLock<TPixel> where TPixel : unmanaged
    {
        RegionPtr<TPixel> Region { get; }
    }
}
