// Paint.NET 5.1.9, PaintDotNet.Windows.Core.dll (apidocs page PaintDotNet.Imaging.BitmapLockExtensions).
namespace PaintDotNet.Imaging
{
    /// <summary>apidocs: PaintDotNet.Imaging.BitmapLockExtensions (AsRegionPtr is an extension method here, not an interface member).</summary>
    public static class BitmapLockExtensions
    {
        public static RegionPtr<TPixel> AsRegionPtr<TPixel>(this IBitmapLock<TPixel> bitmapLock) where TPixel : unmanaged =>
            bitmapLock is IHarnessBitmapLock<TPixel> harness ? harness.Region
                : throw new NotSupportedException("the reference surface only reaches the pixels of the harness's bitmap locks");
    }
}
