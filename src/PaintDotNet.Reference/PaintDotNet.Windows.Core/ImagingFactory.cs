// Paint.NET 5.1.9, PaintDotNet.Windows.Core.dll (apidocs pages PaintDotNet.Imaging.ImagingFactory, ImagingFactory.CreateRef).
namespace PaintDotNet.Imaging
{
    /// <summary>apidocs: PaintDotNet.Imaging.ImagingFactory (a reference to the global IImagingFactory).</summary>
    public static class ImagingFactory
    {
        public static IImagingFactory CreateRef() => new ManagedImagingFactory();
    }

    /// <summary>Harness plumbing (not Paint.NET API): a factory whose bitmaps are managed memory (PaintDotNet.Framework makes them).</summary>
    internal sealed class ManagedImagingFactory : IImagingFactory
    {
        public void Dispose() { }
    }
}
