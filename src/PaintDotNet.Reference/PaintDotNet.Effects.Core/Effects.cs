// Paint.NET 5.1.9, PaintDotNet.Effects.Core.dll: the effect classes (apidocs pages PaintDotNet.Effects.EffectBase,
// BitmapEffect, BitmapEffect-1, PropertyBasedBitmapEffect, EffectConfigToken, PropertyBasedEffectConfigToken).
// Hierarchy as in Paint.NET: EffectBase -> BitmapEffect -> BitmapEffect<TToken> -> PropertyBasedBitmapEffect.
// The Harness* members are internal: the test harness's way in (Paint.NET's own plumbing is not public either).
using PaintDotNet.IndirectUI;
using PaintDotNet.PropertySystem;

namespace PaintDotNet.Effects
{
    /// <summary>apidocs: PaintDotNet.Effects.EffectBase (IsCancelRequested and CancellationToken are declared here).</summary>
    public abstract class EffectBase : IDisposable
    {
        private CancellationToken _cancellation;

        private protected EffectBase(string name, string? subMenuName) { HarnessName = name; HarnessSubMenuName = subMenuName; }

        protected bool IsCancelRequested => _cancellation.IsCancellationRequested;

        protected CancellationToken CancellationToken => _cancellation;

        public void Dispose() { GC.SuppressFinalize(this); }

        internal string HarnessName { get; }
        internal string? HarnessSubMenuName { get; }
        internal void HarnessSetCancellation(CancellationToken cancellation) => _cancellation = cancellation;
    }

    /// <summary>apidocs: PaintDotNet.Effects.BitmapEffect (Environment and OnRender are declared here).</summary>
    public abstract class BitmapEffect : EffectBase
    {
        private IBitmapEffectEnvironment? _environment;

        private protected BitmapEffect(string name, string? subMenuName, BitmapEffectOptions options) : base(name, subMenuName) => HarnessOptions = options;

        protected IBitmapEffectEnvironment Environment =>
            _environment ?? throw new InvalidOperationException("the harness has not attached an environment");

        protected abstract void OnRender(IBitmapEffectOutput output);

        protected virtual void OnSetToken(EffectConfigToken? newToken) { }

        internal BitmapEffectOptions HarnessOptions { get; }
        internal void HarnessAttach(IBitmapEffectEnvironment environment) => _environment = environment;
        internal void HarnessSetToken(EffectConfigToken token) => OnSetToken(token);
        internal void HarnessRender(IBitmapEffectOutput output) => OnRender(output);
    }

    /// <summary>apidocs: PaintDotNet.Effects.BitmapEffect-1 (its OnSetToken(TToken?) is what effects override).</summary>
    public abstract class BitmapEffect<TToken> : BitmapEffect where TToken : EffectConfigToken
    {
        private protected BitmapEffect(string name, string? subMenuName, BitmapEffectOptions options) : base(name, subMenuName, options) { }

        protected override sealed void OnSetToken(EffectConfigToken? newToken) => OnSetToken((TToken?)newToken);

        protected virtual void OnSetToken(TToken? newToken) { }
    }

    /// <summary>apidocs: PaintDotNet.Effects.PropertyBasedBitmapEffect.</summary>
    public abstract class PropertyBasedBitmapEffect : BitmapEffect<PropertyBasedEffectConfigToken>
    {
        protected PropertyBasedBitmapEffect(string name, string? submenuName, BitmapEffectOptions options) : base(name, submenuName, options) { }

        protected abstract PropertyCollection OnCreatePropertyCollection();

        protected virtual ControlInfo OnCreateConfigUI(PropertyCollection props) => CreateDefaultConfigUI(props);

        public static ControlInfo CreateDefaultConfigUI(IEnumerable<Property> props) => new HarnessControlInfo(props);

        internal PropertyCollection HarnessCreatePropertyCollection() => OnCreatePropertyCollection();
        internal ControlInfo HarnessCreateConfigUI(PropertyCollection props) => OnCreateConfigUI(props);
    }

    /// <summary>apidocs: PaintDotNet.Effects.EffectConfigToken.</summary>
    public abstract class EffectConfigToken : ICloneable
    {
        public abstract object Clone();
    }

    /// <summary>apidocs: PaintDotNet.Effects.PropertyBasedEffectConfigToken (sealed; a snapshot of the dialog's values).</summary>
    public sealed class PropertyBasedEffectConfigToken : EffectConfigToken
    {
        private readonly PropertyCollection _properties;

        public PropertyBasedEffectConfigToken(PropertyCollection propertyCollection) => _properties = (PropertyCollection)propertyCollection.Clone();

        public Property? GetProperty(object propertyName) => _properties[propertyName];

        public T? GetProperty<T>(object propertyName) where T : Property => _properties[propertyName] as T;

        public override object Clone() => new PropertyBasedEffectConfigToken(_properties);
    }
}
