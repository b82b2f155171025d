// COMPILE-TIME STAND-IN FOR THE PAINT.NET 5 EFFECT API. THIS IS NOT PAINT.NET.
//
// Only the types and members that src/Plugins.PaintDotNet calls are declared, with the names,
// namespaces and call shapes used by the official samples and API reference:
//  - paintdotnet/PdnV5EffectSamples, Bitmap/SquareBlurBitmapEffect.cs (commit 57ad98cc):
//    PropertyBasedBitmapEffect(name, subMenuName, BitmapEffectOptions.Create() with { IsConfigurable = true }),
//    OnCreatePropertyCollection, OnSetToken(PropertyBasedEffectConfigToken?), OnRender(IBitmapEffectOutput),
//    output.Bounds, IBitmapLock<ColorBgra32>, AsRegionPtr(), RegionPtr<T>[x, y], IsCancelRequested,
//    Int32Property(name, default, min, max), newToken.GetProperty<Int32Property>(name).Value.
//  - paintdotnet/PdnV5EffectSamples, Gpu/HueRotateEffect.cs: DoubleProperty(name, default, min, max),
//    OnCreateConfigUI(PropertyCollection), CreateDefaultConfigUI(props), ControlInfo.SetPropertyControlValue.
//  - paintdotnet/PdnV5EffectSamples, PdnV5EffectSamples.csproj: the real assemblies (PaintDotNet.Base,
//    .Core, .Effects.Core, .Fundamentals, .Framework, .Primitives, .PropertySystem, .Windows*, Private=False)
//    and the target framework net9.0-windows.
//  - paintdotnet.github.io/apidocs: IBitmapEffectOutput.Lock / BitmapEffectOutputExtensions.LockBgra32,
//    IEffectDocumentInfo.GetBitmap ("the full composition of the document ... blend mode, opacity, visibility"),
//    IEffectLayerInfo.GetBitmap.
//  - Environment.GetSourceBitmapBgra32(), Environment.Document.GetBitmapBgra32() and
//    `using IEffectInputBitmap<ColorBgra32> b = ...; b.Lock(new RectInt32(0, 0, b.Size))`, as used by
//    published Paint.NET 5 BitmapEffect plugins (found with the code search; they follow the API reference).
// Where Paint.NET declares a member as an extension method (LockBgra32, AsRegionPtr, GetSourceBitmapBgra32,
// GetBitmapBgra32) the stand-in declares it on the interface: the call sites compile the same way against both.
// The real class hierarchy (Effect -> BitmapEffect -> BitmapEffect<TToken> -> PropertyBasedBitmapEffect) is
// collapsed into one class. The internal Host* members are the stand-in's test harness (Host/StandInEffectHost.cs).

using PaintDotNet.Imaging;
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;
using PaintDotNet.Rendering;

namespace PaintDotNet.Effects
{
    /// <summary>Stand-in for PaintDotNet.Effects.BitmapEffectOptions (a record: `Create() with { ... }`).</summary>
    public sealed record BitmapEffectOptions
    {
        public bool IsConfigurable { get; init; }
        public static BitmapEffectOptions Create() => new();
    }

    /// <summary>Stand-in for the output tile handed to OnRender: the tile's bounds and its writable buffer.</summary>
    public interface IBitmapEffectOutput
    {
        RectInt32 Bounds { get; }

        /// <summary>Buffer whose (0, 0) is Bounds.Location. In Paint.NET an extension method (BitmapEffectOutputExtensions).</summary>
        IBitmapLock<ColorBgra32> LockBgra32();
    }

    /// <summary>Stand-in for the document as an effect sees it (IEffectDocumentInfo in the API reference).</summary>
    public interface IBitmapEffectDocumentInfo
    {
        /// <summary>The composition of all layers with their visibility, opacity and blend mode applied.</summary>
        IEffectInputBitmap<ColorBgra32> GetBitmapBgra32();
    }

    /// <summary>Stand-in for PaintDotNet.Effects.IBitmapEffectEnvironment.</summary>
    public interface IBitmapEffectEnvironment
    {
        /// <summary>The layer the effect is applied to.</summary>
        IEffectInputBitmap<ColorBgra32> GetSourceBitmapBgra32();

        IBitmapEffectDocumentInfo Document { get; }
    }

    /// <summary>Stand-in for PaintDotNet.Effects.PropertyBasedEffectConfigToken: a snapshot of the property values.</summary>
    public class PropertyBasedEffectConfigToken
    {
        private readonly Dictionary<string, Property> _properties;

        public PropertyBasedEffectConfigToken(PropertyCollection props) =>
            _properties = props.Select(p => p.Clone()).ToDictionary(p => p.Name.ToString()!, StringComparer.Ordinal);

        public T? GetProperty<T>(object propertyName) where T : Property =>
            _properties.TryGetValue(propertyName.ToString()!, out var p) ? p as T : null;
    }

    /// <summary>Stand-in for PaintDotNet.Effects.PropertyBasedBitmapEffect (CPU effect with IndirectUI properties).</summary>
    public abstract class PropertyBasedBitmapEffect
    {
        private IBitmapEffectEnvironment? _environment;
        private Func<bool> _isCancelRequested = static () => false;

        protected PropertyBasedBitmapEffect(string name, string? subMenuName, BitmapEffectOptions options)
        {
            Name = name;
            SubMenuName = subMenuName;
            Options = options;
        }

        public string Name { get; }
        public string? SubMenuName { get; }
        internal BitmapEffectOptions Options { get; }

        protected IBitmapEffectEnvironment Environment =>
            _environment ?? throw new InvalidOperationException("the stand-in host has not attached an environment");

        protected bool IsCancelRequested => _isCancelRequested();

        protected abstract PropertyCollection OnCreatePropertyCollection();

        protected virtual ControlInfo OnCreateConfigUI(PropertyCollection props) => CreateDefaultConfigUI(props);

        protected static ControlInfo CreateDefaultConfigUI(PropertyCollection props) => new(props);

        protected virtual void OnSetToken(PropertyBasedEffectConfigToken? newToken) { }

        protected abstract void OnRender(IBitmapEffectOutput output);

        // ---- stand-in harness (not Paint.NET API) ----
        internal void HostAttach(IBitmapEffectEnvironment environment, Func<bool> isCancelRequested)
        {
            _environment = environment;
            _isCancelRequested = isCancelRequested;
        }

        internal PropertyCollection HostCreatePropertyCollection() => OnCreatePropertyCollection();
        internal ControlInfo HostCreateConfigUI(PropertyCollection props) => OnCreateConfigUI(props);
        internal void HostSetToken(PropertyBasedEffectConfigToken token) => OnSetToken(token);
        internal void HostRender(IBitmapEffectOutput output) => OnRender(output);
    }
}
