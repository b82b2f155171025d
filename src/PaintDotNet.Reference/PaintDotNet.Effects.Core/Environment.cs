// Paint.NET 5.1.9, PaintDotNet.Effects.Core.dll: what an effect sees (apidocs pages PaintDotNet.Effects.IEffectEnvironment,
// IBitmapEffectEnvironment, IEffectDocumentInfo, IBitmapEffectDocumentInfo, IEffectSelectionInfo, IEffectInputBitmap-1,
// IBitmapEffectOutput and the extension classes EffectEnvironmentExtensions, EffectDocumentInfoExtensions,
// BitmapEffectOutputExtensions). The bitmaps are reached through extension methods, as in Paint.NET; the harness
// supplies them through the internal IHarness* interfaces (not Paint.NET API).
using PaintDotNet.Imaging;
using PaintDotNet.Rendering;

namespace PaintDotNet.Effects
{
    /// <summary>apidocs: PaintDotNet.Effects.IEffectInputBitmap-1 (Size comes from IBitmapSource).</summary>
    public interface IEffectInputBitmap<TPixel> : IBitmapSource<TPixel> where TPixel : unmanaged
    {
        IBitmapLock<TPixel> Lock(RectInt32 rect);
    }

    /// <summary>apidocs: PaintDotNet.Effects.IEffectSelectionInfo.</summary>
    public interface IEffectSelectionInfo : IDisposable
    {
        RectInt32 RenderBounds { get; }
        IEffectInputBitmap<ColorAlpha8> MaskBitmap { get; }
    }

    /// <summary>apidocs: PaintDotNet.Effects.IEffectDocumentInfo.</summary>
    public interface IEffectDocumentInfo : IDisposable { }

    /// <summary>apidocs: PaintDotNet.Effects.IBitmapEffectDocumentInfo.</summary>
    public interface IBitmapEffectDocumentInfo : IEffectDocumentInfo { }

    /// <summary>apidocs: PaintDotNet.Effects.IEffectEnvironment.</summary>
    public interface IEffectEnvironment : IDisposable
    {
        IEffectSelectionInfo Selection { get; }
    }

    /// <summary>apidocs: PaintDotNet.Effects.IBitmapEffectEnvironment (Document hides IEffectEnvironment's in Paint.NET).</summary>
    public interface IBitmapEffectEnvironment : IEffectEnvironment
    {
        IBitmapEffectDocumentInfo Document { get; }
    }

    /// <summary>apidocs: PaintDotNet.Effects.IBitmapEffectOutput (the pixels through BitmapEffectOutputExtensions.LockBgra32).</summary>
    public interface IBitmapEffectOutput
    {
        RectInt32 Bounds { get; }
    }

    /// <summary>apidocs: PaintDotNet.Effects.EffectEnvironmentExtensions.</summary>
    public static class EffectEnvironmentExtensions
    {
        public static IEffectInputBitmap<ColorBgra32> GetSourceBitmapBgra32(this IEffectEnvironment environment) =>
            environment is IHarnessEnvironment h ? h.SourceBitmap : throw Harness.NotSupported(nameof(GetSourceBitmapBgra32));
    }

    /// <summary>apidocs: PaintDotNet.Effects.EffectDocumentInfoExtensions.</summary>
    public static class EffectDocumentInfoExtensions
    {
        public static IEffectInputBitmap<ColorBgra32> GetBitmapBgra32(this IEffectDocumentInfo document) =>
            document is IHarnessDocument h ? h.CompositeBitmap : throw Harness.NotSupported(nameof(GetBitmapBgra32));
    }

    /// <summary>apidocs: PaintDotNet.Effects.BitmapEffectOutputExtensions.</summary>
    public static class BitmapEffectOutputExtensions
    {
        public static IBitmapLock<ColorBgra32> LockBgra32(this IBitmapEffectOutput output) =>
            output is IHarnessOutput h ? h.LockBgra32() : throw Harness.NotSupported(nameof(LockBgra32));
    }

    internal interface IHarnessEnvironment { IEffectInputBitmap<ColorBgra32> SourceBitmap { get; } }
    internal interface IHarnessDocument { IEffectInputBitmap<ColorBgra32> CompositeBitmap { get; } }
    internal interface IHarnessOutput { IBitmapLock<ColorBgra32> LockBgra32(); }

    internal static class Harness
    {
        public static NotSupportedException NotSupported(string member) =>
            new($"{member}: the reference surface serves only the test harness's environment (this is not Paint.NET)");
    }
}
